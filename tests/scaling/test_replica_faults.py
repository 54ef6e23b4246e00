"""Faults, for real: two Rasa replicas on one Redis behind the gateway, then things break.

A replica killed with SIGKILL mid-conversation, an action server that dies, Redis stopped and
started again: every turn still gets an answer, conversations keep their state, and when
nothing can answer the person gets the calm catalogue reply with 112 and 113.
"""
from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Optional

import httpx
import pytest

from bot.rasa_client import RasaClient
from triage import messages

pytestmark = pytest.mark.heavy

EVENING = "2026-11-18T19:00"
SITUATION = "mamma slår meg når hun er full"  # youth topic: the bot asks for the age first
ANOTHER = "finnes det flere steder jeg kan ta kontakt?"
ACUTE = "hjelp han slår meg nå"


def say(url: str, sender: str, text: str, language: str = "nb") -> httpx.Response:
    return httpx.post(f"{url}/webhooks/rest/webhook", timeout=90,
                      json={"sender": sender, "message": text,
                            "metadata": {"language": language, "at": EVENING}})


def texts(response: httpx.Response) -> List[str]:
    return [m["text"] for m in response.json() if m.get("text")]


def slots(stack, sender: str) -> Dict[str, Any]:
    """The conversation's state as Redis holds it, read through any live replica."""
    for url in stack.rasa_urls:
        try:
            return httpx.get(f"{url}/conversations/{sender}/tracker", timeout=30).json()["slots"]
        except httpx.HTTPError:
            continue
    raise AssertionError("no replica answers")


def owner(stack, sender: str) -> str:
    """The name (rasa-1, rasa-2) of the replica the gateway sends this conversation to."""
    url = RasaClient(stack.rasa_urls).replicas_for(sender)[0]
    return f"rasa-{stack.rasa_urls.index(url) + 1}"


def senders_on(stack, name: str, count: int) -> List[str]:
    """`count` new conversation IDs that the gateway sends to replica `name`."""
    found: List[str] = []
    while len(found) < count:
        sender = f"fault-{uuid.uuid4().hex[:12]}"
        if owner(stack, sender) == name:
            found.append(sender)
    return found


def open_with_offer(url: str, sender: str) -> None:
    """Situation, then the age: the bot has offered services and knows language and age."""
    for text in (SITUATION, "15"):
        reply = say(url, sender, text)
        assert reply.status_code == 200, reply.text


def calm(language: str) -> str:
    return messages.text("error_try_again", language)


def test_the_stack_writes_each_process_with_name_port_and_pid(replicated_bot) -> None:
    import json

    entries = json.loads(replicated_bot.state_file.read_text())
    assert {e["name"] for e in entries} == {"actions-1", "rasa-1", "actions-2", "rasa-2", "gateway"}
    for entry in entries:
        assert replicated_bot.process(entry["name"]).pid == entry["pid"]
    ready = httpx.get(f"{replicated_bot.gateway_url}/readyz", timeout=30).json()
    assert ready["parts"] == {"gateway": True, "rasa": True, "actions": True, "redis": True}
    assert len(ready["replicas"]) == 4 and all(ready["replicas"].values())


def test_an_action_server_dies_and_acute_replies_still_carry_112(replicated_bot) -> None:
    stack, url = replicated_bot, replicated_bot.gateway_url
    sender = senders_on(stack, "rasa-1", 1)[0]
    stack.kill("actions-1")
    try:
        # rasa-1 cannot run its actions and answers nothing: the turn moves to rasa-2.
        reply = say(url, sender, ACUTE)
        assert reply.status_code == 200, reply.text
        assert "112" in texts(reply)[0]
        stack.kill("actions-2")
        # No action server at all: the calm reply, with both numbers.
        reply = say(url, senders_on(stack, "rasa-2", 1)[0], ACUTE)
        assert texts(reply) == [calm("nb")]
        assert "112" in texts(reply)[0] and "113" in texts(reply)[0]
    finally:
        for name in ("actions-1", "actions-2"):
            if name in stack.dead():
                stack.restart(name)
    _wait_until_ready(url)


def test_redis_stops_turns_get_the_calm_reply_readiness_turns_red_and_all_recovers(
    replicated_bot, redis_process
) -> None:
    url = replicated_bot.gateway_url
    redis_process.stop()
    try:
        reply = say(url, f"fault-{uuid.uuid4().hex[:12]}", ACUTE)
        assert reply.status_code in (200, 503) and texts(reply) == [calm("nb")]
        assert "112" in texts(reply)[0] and "113" in texts(reply)[0]
        ready = httpx.get(f"{url}/readyz", timeout=30)
        assert ready.status_code == 503 and ready.json()["parts"]["redis"] is False
    finally:
        redis_process.start()
    _wait_until_ready(url)
    sender = f"fault-{uuid.uuid4().hex[:12]}"
    open_with_offer(url, sender)
    state = slots(replicated_bot, sender)
    assert state["hl_age"] == 15 and state["hl_offered"], state


def test_a_replica_killed_mid_conversation_loses_no_turn_and_no_state(replicated_bot) -> None:
    stack, url = replicated_bot, replicated_bot.gateway_url
    victims = senders_on(stack, "rasa-1", 4)
    others = senders_on(stack, "rasa-2", 2)
    for sender in victims + others:
        open_with_offer(url, sender)
    before = {sender: slots(stack, sender) for sender in victims + others}
    for state in before.values():
        assert state["hl_language"] == "nb" and state["hl_age"] == 15 and state["hl_offered"], state

    # Turns in flight while rasa-1 is killed: some reach it before, some during, some after.
    with ThreadPoolExecutor(max_workers=len(victims) + len(others)) as pool:
        pending = [pool.submit(say, url, sender, ANOTHER) for sender in victims + others]
        time.sleep(0.2)
        stack.kill("rasa-1")
        during = [future.result() for future in pending]
    after = [say(url, sender, ANOTHER) for sender in victims + others]

    for reply in during + after:
        assert reply.status_code == 200, reply.text
        assert texts(reply) and calm("nb") not in texts(reply), texts(reply)
    for sender in victims + others:
        state = slots(stack, sender)
        assert state["hl_language"] == before[sender]["hl_language"]
        assert state["hl_age"] == before[sender]["hl_age"]
        assert set(before[sender]["hl_offered"]) <= set(state["hl_offered"]), (before[sender], state)
    ready = httpx.get(f"{url}/readyz", timeout=30).json()
    assert ready["ready"] is True and list(ready["replicas"].values()).count(False) == 1


def _wait_until_ready(url: str, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    status: Optional[int] = None
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{url}/readyz", timeout=10)
            status = response.status_code
            if status == 200 and all(response.json()["replicas"].values()):
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise AssertionError(f"the bot did not become ready again (last /readyz {status})")
