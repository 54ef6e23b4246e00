"""The SMS channel against the real bot (gateway, Rasa and action server running).

Needs the `running_bot` fixture from the end-to-end conftest: an object with `.gateway_url` and
`.settings`, whose settings set `sms_hash_key`, `sms_webhook_secret` and an `sms_provider_url` on a
free loopback port, where this test runs the simulated provider.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from urllib.parse import urlsplit

import httpx

from bot.channels.sms import MAX_SEGMENTS_PER_SMS, SmsTexts, count_segments, prefer_gsm7
from bot.routers.sms import DEFAULT_LANGUAGES_DIR
from bot.sms_providers.generic import sign

from .conftest import SENDER
from .fake_provider import FakeProvider


def test_sms_conversation_with_the_real_bot(running_bot) -> None:
    settings = running_bot.settings
    target = urlsplit(settings.sms_provider_url)
    assert target.hostname in ("127.0.0.1", "localhost") and target.port
    provider = FakeProvider(target.hostname, target.port).start()

    run = uuid.uuid4().hex  # message IDs are remembered for a day: fresh ones for every run

    def deliver(message_id: str, text: str) -> httpx.Response:
        payload = {"message_id": f"{run}-{message_id}", "from": SENDER, "text": text}
        body = json.dumps(payload).encode()
        response = httpx.post(
            f"{running_bot.gateway_url}/sms/inbound",
            content=body,
            timeout=30,
            headers={
                "Content-Type": "application/json",
                "X-Hjelpelos-Signature": sign(settings.sms_webhook_secret, body),
            },
        )
        return response

    try:
        # Child abuse, under 18: Alarmtelefonen's phone line (116 111) is open around the clock.
        assert deliver("1", "jeg er 14 og pappa slår meg").status_code == 202
        turn = provider.wait_settled(1)
        assert all(sent.to == SENDER for sent in turn)
        assert "116 111" in "\n".join(sent.text for sent in turn)
        assert all(count_segments(sent.text)[1] <= MAX_SEGMENTS_PER_SMS for sent in turn)

        redelivery = deliver("1", "jeg er 14 og pappa slår meg")
        assert redelivery.status_code == 200 and redelivery.json() == {"status": "duplicate"}
        assert deliver("2", "STOPP").status_code == 202
        after_stop = provider.wait_settled(len(turn) + 1)[len(turn) :]
        stop_reply = prefer_gsm7(SmsTexts(DEFAULT_LANGUAGES_DIR).get("stop_reply", "nb"))
        assert [sent.text for sent in after_stop] == [stop_reply]

        # The conversation was restarted in Rasa: nothing the user said is left in its tracker.
        conversation_id = (
            "sms-"
            + hmac.new(settings.sms_hash_key.encode(), SENDER.encode(), hashlib.sha256).hexdigest()
        )
        tracker = httpx.get(
            f"{settings.rasa_url}/conversations/{conversation_id}/tracker",
            params={"include_events": "AFTER_RESTART"},
            timeout=30,
        ).json()
        assert not [event for event in tracker.get("events", []) if event.get("event") == "user"]
    finally:
        provider.stop()


def test_sms_layer_texts_follow_the_conversation_language(running_bot) -> None:
    """The SMS layer's own texts (here the STOP confirmation) are in the language the bot
    answered in: North Sami after a Sami conversation, English after an English one."""
    settings = running_bot.settings
    target = urlsplit(settings.sms_provider_url)
    provider = FakeProvider(target.hostname, target.port).start()
    run = uuid.uuid4().hex
    texts = SmsTexts(DEFAULT_LANGUAGES_DIR)

    def deliver(sender: str, message_id: str, text: str) -> None:
        body = json.dumps({"message_id": f"{run}-{message_id}", "from": sender, "text": text}).encode()
        response = httpx.post(f"{running_bot.gateway_url}/sms/inbound", content=body, timeout=30, headers={
            "Content-Type": "application/json", "X-Hjelpelos-Signature": sign(settings.sms_webhook_secret, body)})
        assert response.status_code == 202

    try:
        sent = 0
        for sender, language, text in [
            ("+4741234568", "se", "Eadni cápmá mu go son lea juhkan, ja mun in dáhto leat ruovttus"),
            ("+4741234569", "en", "I am 14 and my dad hits me when he drinks"),
        ]:
            deliver(sender, f"{language}-1", text)
            sent = len(provider.wait_settled(sent + 1))
            deliver(sender, f"{language}-2", "STOP")
            messages = provider.wait_settled(sent + 1)
            assert [m.text for m in messages[sent:]] == [prefer_gsm7(texts.get("stop_reply", language))], language
            sent = len(messages)
    finally:
        provider.stop()
