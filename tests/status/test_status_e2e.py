"""Done when: with the real bot running (gateway, Rasa, action server, one status store), a
service's token closes its chat for an evening; the CLI, the HTTP API and the dialogue stop
offering it as open inside that evening and offer it again after. Wrong tokens change nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta

import httpx
import pytest

import knowledge
from knowledge.hours import OSLO
from triage import messages

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVICE = "snakkommobbing"  # its chat is the first offer for a bullied child, 14:30-21:00


def _evening():
    day = datetime.now(OSLO).date() + timedelta(days=1)
    while not all(knowledge.open_now(SERVICE, "chat", datetime(day.year, day.month, day.day, h)) for h in (16, 20)):
        day += timedelta(days=1)
    return lambda hour, minute=0: datetime(day.year, day.month, day.day, hour, minute).isoformat(timespec="minutes")


AT = _evening()
INSIDE, AFTER = AT(18), AT(19, 30)


def cli(*args: str) -> subprocess.CompletedProcess:
    """`hjelpelos ...` in a process of its own, reading the same store as the running bot."""
    return subprocess.run([sys.executable, "-m", "bot.cli.main", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "PYTHONPATH": ROOT})


def cli_chat_open(at: str) -> bool:
    result = cli("services", "--json", "--topic", "bullying", "--at", at)
    assert result.returncode == 0, result.stderr
    return next(e for e in json.loads(result.stdout) if e["service"] == SERVICE and e["channel"] == "chat")["open_now"]


def api_chat_open(bot_url: str, at: str) -> bool:
    entries = httpx.get(f"{bot_url}/v1/services", params={"at": at, "topic": "bullying"}, timeout=30).json()
    return next(e for e in entries if e["service"] == SERVICE and e["channel"] == "chat")["open_now"]


def triage_chat(bot_url: str, at: str) -> dict:
    result = httpx.post(f"{bot_url}/v1/triage", timeout=60, json={
        "text": "jeg blir mobbet på skolen hver dag", "age": 12, "at": at}).json()
    assert result["topic"] == "bullying", result
    return next(h for h in result["handover"] if h["service"] == SERVICE and h["channel"] == "chat")


def dialogue_reply(bot_url: str, at: str) -> str:
    """The bot's line about the service, in a new conversation at `at` (the test clock)."""
    busy = messages.text("error_try_again", "nb")
    for _ in range(3):  # the first message after start-up may time out while Rasa warms up
        replies = httpx.post(f"{bot_url}/webhooks/rest/webhook", timeout=90, json={
            "sender": f"status-{uuid.uuid4().hex[:8]}", "message": "jeg er 12 år og blir mobbet på skolen hver dag",
            "metadata": {"at": at, "language": "nb"}}).json()
        if [r.get("text") for r in replies] != [busy]:
            break
    found = [r["text"] for r in replies if "snakkommobbing.no" in r.get("text", "")]
    assert found, replies
    return found[0]


def post_closed(bot_url: str, token: str) -> httpx.Response:
    return httpx.post(f"{bot_url}/v1/status", timeout=30, headers={"Authorization": f"Bearer {token}"}, json={
        "service": SERVICE, "channel": "chat", "state": "closed", "from": AT(17), "until": AT(19), "reason": "staff"})


def test_a_chat_closed_for_an_evening_is_not_offered_as_open_anywhere(running_bot) -> None:
    bot_url = running_bot.gateway_url
    open_until = messages.text("status_open_until", "nb", time="21:00")
    assert api_chat_open(bot_url, INSIDE) and cli_chat_open(INSIDE)
    assert open_until in dialogue_reply(bot_url, INSIDE)

    created = cli("tokens", "create", SERVICE)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1]
    other = cli("tokens", "create", "alarmtelefonen").stdout.strip().splitlines()[-1]

    # Wrong tokens change nothing.
    assert post_closed(bot_url, token + "x").status_code == 401
    assert post_closed(bot_url, other).status_code == 403
    assert httpx.get(f"{bot_url}/v1/status", params={"service": SERVICE}).json() == []
    assert api_chat_open(bot_url, INSIDE)

    reply = post_closed(bot_url, token)
    assert reply.status_code == 201, reply.text
    status_id = reply.json()["id"]
    try:
        # Inside the evening: not open, in every entry point.
        assert not api_chat_open(bot_url, INSIDE)
        assert not cli_chat_open(INSIDE)
        handover = triage_chat(bot_url, INSIDE)
        assert handover["open_now"] is False and handover["opens_at"].startswith(AT(19))
        by_cli = cli("triage", "--at", INSIDE, "--age", "12", "jeg blir mobbet på skolen hver dag")
        assert by_cli.returncode == 0, by_cli.stderr
        cli_handover = [h for h in json.loads(by_cli.stdout.strip().splitlines()[-1])["handover"]
                        if h["service"] == SERVICE and h["channel"] == "chat"]
        assert cli_handover and cli_handover[0]["open_now"] is False
        said = dialogue_reply(bot_url, INSIDE)
        assert open_until not in said
        assert messages.text("status_closed_opens", "nb", when=messages.text("when_today", "nb", time="19:00")) in said \
            or "19:00" in said
        # After it: open again.
        assert api_chat_open(bot_url, AFTER) and cli_chat_open(AFTER)
        assert triage_chat(bot_url, AFTER)["open_now"] is True
        assert open_until in dialogue_reply(bot_url, AFTER)
    finally:
        withdrawn = httpx.delete(f"{bot_url}/v1/status/{status_id}", headers={"Authorization": f"Bearer {token}"})
        assert withdrawn.status_code == 200
    assert api_chat_open(bot_url, INSIDE)


@pytest.mark.parametrize("reason", ["queue"])
def test_a_busy_chat_is_named_busy_in_the_dialogue(running_bot, reason) -> None:
    bot_url = running_bot.gateway_url
    token = cli("tokens", "create", SERVICE).stdout.strip().splitlines()[-1]
    reply = httpx.post(f"{bot_url}/v1/status", timeout=30, headers={"Authorization": f"Bearer {token}"}, json={
        "service": SERVICE, "channel": "chat", "state": "busy", "from": AT(17), "until": AT(19), "reason": reason})
    assert reply.status_code == 201
    try:
        assert messages.text("status_busy", "nb") in dialogue_reply(bot_url, INSIDE)
        assert messages.text("status_busy", "nb") not in dialogue_reply(bot_url, AFTER)
    finally:
        httpx.delete(f"{bot_url}/v1/status/{reply.json()['id']}", headers={"Authorization": f"Bearer {token}"})
