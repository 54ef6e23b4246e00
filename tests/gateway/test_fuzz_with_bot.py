"""Fuzzing against the real bot (gateway, Rasa and actions from `running_bot`).

schemathesis drives every route of the gateway's OpenAPI: no answer may be a server error.
hypothesis drives the NLU entry point the gateway uses (the Rasa server's parse, through
`triage.service.Triage`) with any Unicode, and a conversation through the REST channel with
any text: every accepted turn is kept in the conversation, none is lost.
"""
from __future__ import annotations

import uuid
from typing import Iterator, List, Tuple

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_app
from bot.settings import Settings
from live_gateway import LoopThread, free_port, serving
from triage import messages
from triage.service import RasaServerNlu, Triage, TriageInputError, TriageRequest

STOP_REPLIES = {messages.text("stop_reply", language) for language in messages.LANGUAGES}
FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fuzzed_gateway(running_bot) -> Iterator[str]:
    """A gateway in front of the real bot with every optional channel configured (both SMS
    providers), so each route is fuzzed past its "not configured" answer."""
    app = create_app(Settings(
        rasa_url=running_bot.rasa_url, action_server_url=f"http://127.0.0.1:{running_bot.ports.actions}",
        sms_hash_key="fuzz-hash-key", sms_webhook_secret="fuzz-webhook-secret",
        sms_provider_url=f"http://127.0.0.1:{free_port()}",  # replies go nowhere: they are not checked here
        sms_account_sid="ACfuzz", sms_auth_token="fuzz-token", sms_from_number="+4700000000"))
    with serving(app, free_port()) as url:
        yield url


@pytest.fixture(scope="module")
def gateway_schema(fuzzed_gateway: str):
    return schemathesis.openapi.from_url(f"{fuzzed_gateway}/openapi.json")


schema = schemathesis.pytest.from_fixture("gateway_schema")


@schema.parametrize()
@settings(FUZZ, max_examples=25)
def test_no_route_answers_with_a_server_error(case) -> None:
    response = case.call(timeout=120)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:200])


def test_the_schema_covers_every_public_route(fuzzed_gateway: str) -> None:
    paths = set(httpx.get(f"{fuzzed_gateway}/openapi.json").json()["paths"])
    assert {"/webhooks/rest/webhook", "/v1/triage", "/v1/services", "/sms/inbound", "/sms/twilio"} <= paths


@pytest.fixture(scope="module")
def nlu_triage(running_bot) -> Iterator[Tuple[LoopThread, Triage]]:
    """The gateway's NLU entry point, with one event loop for all examples (its HTTP client's)."""
    loop = LoopThread()
    yield loop, Triage(RasaServerNlu(running_bot.rasa_url, timeout_s=120))
    loop.close()


@settings(FUZZ, max_examples=60)
@given(st.text(max_size=300) | st.text(st.characters(codec="utf-8"), min_size=1, max_size=50))
def test_the_nlu_entry_point_takes_any_unicode(nlu_triage, text: str) -> None:
    loop, triage = nlu_triage
    try:
        result = loop.run(triage.triage(TriageRequest(text=text)))
    except TriageInputError:
        assert not text.replace("\x00", "").strip()
        return
    assert isinstance(result["reply"], str) and result["reply"].strip()
    assert bool(result["emergency"]) == (result["urgency"] == "acute")  # the contract's rule


def user_turns(rasa_url: str, sender: str) -> List[str]:
    tracker = httpx.get(f"{rasa_url}/conversations/{sender}/tracker", timeout=60).json()
    return [event.get("text") for event in tracker["events"] if event["event"] == "user"]


@settings(FUZZ, max_examples=6)
@given(st.lists(st.text(min_size=1, max_size=400), min_size=1, max_size=3))
def test_a_conversation_keeps_every_turn_whatever_is_typed(running_bot, bot_url: str, texts: List[str]) -> None:
    sender = uuid.uuid4().hex
    kept: List[str] = []
    for text in texts:
        reply = httpx.post(f"{bot_url}/webhooks/rest/webhook", timeout=120,
                           json={"sender": sender, "message": text, "metadata": {"language": "nb"}})
        assert reply.status_code == 200, reply.text[:200]
        assert reply.json() and all(isinstance(message.get("text", ""), str) for message in reply.json())
        cleaned = text.replace("\x00", "").strip()
        if cleaned:
            kept.append(cleaned)
        if any(message.get("text") in STOP_REPLIES for message in reply.json()):
            kept = []  # the person ended the conversation: by design nothing of it is kept
    assert user_turns(running_bot.rasa_url, sender) == kept
