"""SMS honours a reported status: with the real bot, a service closes its 24/7 phone for the
next hour, and an SMS conversation no longer gets that phone as open day and night."""

from __future__ import annotations

import json
import os
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import httpx

from bot.channels.sms import prefer_gsm7
from bot.sms_providers.generic import sign
from bot.tokens import issue
from knowledge.status import utc_now
from knowledge.status_store import DB_ENV, open_store
from triage import messages

from .fake_provider import FakeProvider

SENDERS = ("+4741234591", "+4741234592")  # made-up, syntactically valid test numbers


def test_sms_follows_a_reported_closing(running_bot) -> None:
    settings = running_bot.settings
    target = urlsplit(settings.sms_provider_url)
    provider = FakeProvider(target.hostname, target.port).start()
    store = open_store(os.environ[DB_ENV])  # the store the running bot was started with
    token = issue(store, "service", "alarmtelefonen").token
    run = uuid.uuid4().hex
    always = prefer_gsm7(messages.text("status_open_always", "nb"))
    closed_now = prefer_gsm7(messages.text("status_closed_opens", "nb", when="").split("{")[0].strip())

    def phone_line(sender: str, sent_before: int) -> str:
        body = json.dumps({"message_id": f"{run}-{sender}", "from": sender,
                           "text": "jeg er 14 og pappa slår meg"}).encode()
        reply = httpx.post(f"{running_bot.gateway_url}/sms/inbound", content=body, timeout=30, headers={
            "Content-Type": "application/json", "X-Hjelpelos-Signature": sign(settings.sms_webhook_secret, body)})
        assert reply.status_code == 202
        turn = provider.wait_settled(sent_before + 1)[sent_before:]
        text = "\n".join(sent.text for sent in turn if sent.to == sender)
        lines = [line for line in text.splitlines() if "116 111" in line]
        assert lines, text
        return lines[0]

    created = None
    try:
        before = phone_line(SENDERS[0], 0)
        assert always in before
        now = utc_now()
        created = httpx.post(f"{running_bot.gateway_url}/v1/status", timeout=30,
                             headers={"Authorization": f"Bearer {token}"},
                             json={"service": "alarmtelefonen", "channel": "phone", "state": "closed",
                                   "until": (now + timedelta(hours=1)).isoformat(), "reason": "technical"})
        assert created.status_code == 201, created.text
        after = phone_line(SENDERS[1], len(provider.wait_settled(1)))
        assert always not in after and closed_now in after
    finally:
        if created is not None and created.status_code == 201:
            store.withdraw_status(created.json()["id"], None, utc_now())
        provider.stop()
