"""Socket.io at the gateway, as Rasa's socket.io channel speaks it (Rasa down here: calm replies).

Conversations with the real bot through rasa-webchat are in tests/browser/test_rasa_webchat.py.
"""
from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, Iterator, List, Optional

import httpx
import pytest
import socketio
import websockets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_app
from bot.channels.socketio import MAX_PACKET_BYTES
from bot.settings import Settings
from live_gateway import free_port, run_async, serving
from triage import messages

ALLOWED = "http://allowed.example"


@pytest.fixture(scope="module")
def gateway() -> Iterator[str]:
    port = free_port()
    app = create_app(Settings(rasa_url="http://127.0.0.1:9", action_server_url="http://127.0.0.1:9",
                              allowed_origins=[ALLOWED], max_message_chars=2000))
    with serving(app, port) as url:
        yield url


async def _exchange(url: str, events: List[tuple], expect: int, transports=("polling",),
                    origin: str = ALLOWED, timeout: float = 10.0) -> List[tuple]:
    """Connect, emit `events` in order, and collect the first `expect` events the server sends."""
    received: List[tuple] = []
    done = asyncio.Event()
    client = socketio.AsyncClient(reconnection=False)

    def record(name: str):
        async def handler(data: Any = None) -> None:
            if done.is_set():
                return  # only the first `expect` events
            received.append((name, data))
            if len(received) >= expect:
                done.set()
        return handler

    client.on("session_confirm", record("session_confirm"))
    client.on("bot_uttered", record("bot_uttered"))
    await client.connect(url, headers={"Origin": origin}, transports=list(transports),
                         socketio_path="/socket.io")
    try:
        for name, data in events:
            await client.emit(name, data)
        await asyncio.wait_for(done.wait(), timeout)
    finally:
        await client.disconnect()
    return received


def exchange(url: str, events: List[tuple], expect: int, **kwargs) -> List[tuple]:
    return run_async(_exchange(url, events, expect, **kwargs))


def test_session_request_confirms_a_new_id_or_the_stored_one(gateway: str) -> None:
    [(name, new_id)] = exchange(gateway, [("session_request", {"session_id": None})], 1)
    assert name == "session_confirm" and len(new_id) == 32
    [(_, same)] = exchange(gateway, [("session_request", {"session_id": new_id})], 1)
    assert same == new_id
    for bad in ("../../etc", "x" * 500, 42, ["a"]):
        [(_, fresh)] = exchange(gateway, [("session_request", {"session_id": bad})], 1)
        assert fresh not in (bad, new_id) and len(fresh) == 32
    [(_, no_data)] = exchange(gateway, [("session_request", None)], 1)
    assert len(no_data) == 32


def test_rasa_down_gets_the_calm_reply_with_112(gateway: str) -> None:
    received = exchange(gateway, [
        ("session_request", {"session_id": "abc123"}),
        ("user_uttered", {"message": "pappa slår meg", "session_id": "abc123",
                          "customData": {"language": "en"}}),
    ], 3)
    assert received[:2] == [("session_confirm", "abc123"),
                            ("bot_uttered", {"text": messages.text("error_try_again", "en")})]
    assert "112" in received[1][1]["text"]
    # Then the turn data, as Rasa's socket.io emits a custom message's `data`: 112 as a tel: link.
    name, data = received[2]
    assert name == "bot_uttered" and data["language"] == "en"
    assert [(link["text"], link["href"]) for link in data["links"]] == [("112", "tel:112"), ("113", "tel:113")]


@pytest.mark.parametrize("data, key", [
    ({"session_id": "s1"}, "input_empty"),  # no text
    ({"message": None, "session_id": "s1"}, "input_empty"),
    ({"message": 12345, "session_id": "s1"}, "input_empty"),  # not a string
    ({"message": {"text": "hei"}, "session_id": "s1"}, "input_empty"),
    ({"message": "  \x00 ", "session_id": "s1"}, "input_empty"),
    ({"message": "a" * 3000, "session_id": "s1"}, "input_too_long"),
    ("just a string", "input_empty"),  # not an object at all
])
def test_bad_messages_get_a_calm_catalogue_reply(gateway: str, data: Any, key: str) -> None:
    [(name, reply)] = exchange(gateway, [("user_uttered", data)], 1)
    assert name == "bot_uttered" and reply == {"text": messages.text(key, "nb")}


def test_metadata_as_json_text_is_read_like_rasa_does(gateway: str) -> None:
    [(_, reply)] = exchange(gateway, [("user_uttered", {"message": "", "session_id": "s2",
                                                        "metadata": '{"language": "nn"}'})], 1)
    assert reply == {"text": messages.text("input_empty", "nn")}


def test_a_message_without_session_request_is_still_answered(gateway: str) -> None:
    [(_, reply)] = exchange(gateway, [("user_uttered", {"message": "hei"})], 1)
    assert "112" in reply["text"]


def _polling_session(url: str) -> str:
    """An engine.io polling session's id, from its "open" packet."""
    opened = httpx.get(f"{url}/socket.io/?EIO=4&transport=polling", headers={"Origin": ALLOWED})
    assert opened.status_code == 200 and opened.text.startswith("0{")
    return json.loads(opened.text[1:])["sid"]


def test_a_huge_payload_is_refused_and_the_server_goes_on(gateway: str) -> None:
    sid = _polling_session(gateway)
    huge = "42" + json.dumps(["user_uttered", {"message": "a" * (2 * MAX_PACKET_BYTES), "session_id": "s3"}])
    refused = httpx.post(f"{gateway}/socket.io/?EIO=4&transport=polling&sid={sid}", content=huge,
                         headers={"Origin": ALLOWED, "Content-Type": "text/plain;charset=UTF-8"})
    assert refused.status_code == 413
    [(name, _)] = exchange(gateway, [("session_request", {})], 1)
    assert name == "session_confirm"


async def _open_websocket(url: str, origin: str) -> str:
    """Engine.io's first packet on a websocket (browsers apply no CORS to websockets)."""
    ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    async with websockets.connect(ws_url, origin=origin) as ws:
        return await asyncio.wait_for(ws.recv(), 5)


def test_other_origins_are_refused(gateway: str) -> None:
    assert run_async(_open_websocket(gateway, ALLOWED)).startswith("0{")  # engine.io "open"
    with pytest.raises(websockets.exceptions.InvalidStatusCode):
        run_async(_open_websocket(gateway, "http://evil.example"))
    refused = httpx.get(f"{gateway}/socket.io/?EIO=4&transport=polling", headers={"Origin": "http://evil.example"})
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    allowed = httpx.get(f"{gateway}/socket.io/?EIO=4&transport=polling", headers={"Origin": ALLOWED})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == ALLOWED


any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8)
user_payloads = any_json | st.fixed_dictionaries({}, optional={
    "message": any_json | st.text(max_size=3000),
    "session_id": any_json | st.text(max_size=200),
    "metadata": any_json | st.text(max_size=50),
    "customData": any_json,
})


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(user_payloads)
def test_any_user_uttered_payload_gets_a_calm_answer(gateway: str, data: Any) -> None:
    """No text, non-string text, odd session ids or metadata: always one catalogue sentence back."""
    [(name, reply)] = exchange(gateway, [("user_uttered", data)], 1)
    assert name == "bot_uttered"
    catalogue = {messages.text(key, lang) for key in ("input_empty", "input_too_long", "error_try_again",
                                                       "rate_limited") for lang in messages.LANGUAGES}
    assert reply["text"] in catalogue


async def _send_huge_over_websocket(url: str) -> bool:
    """Whether the server closes a websocket that sends a packet over the limit."""
    ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    async with websockets.connect(ws_url, origin=ALLOWED, max_size=None) as ws:
        await asyncio.wait_for(ws.recv(), 5)  # engine.io "open"
        await ws.send("40")
        await asyncio.wait_for(ws.recv(), 5)  # socket.io "connected"
        await ws.send("42" + json.dumps(["user_uttered", {"message": "a" * (2 * MAX_PACKET_BYTES)}]))
        try:
            while True:
                message = await asyncio.wait_for(ws.recv(), 10)
                assert "bot_uttered" not in message
        except websockets.exceptions.ConnectionClosed:
            return True


def test_a_huge_websocket_packet_closes_that_socket_only(gateway: str) -> None:
    assert run_async(_send_huge_over_websocket(gateway))
    [(name, _)] = exchange(gateway, [("session_request", {})], 1)
    assert name == "session_confirm"
