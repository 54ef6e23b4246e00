"""The SMS webhook end to end with a scripted Rasa and a simulated provider on loopback."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import socket
import threading
import time
from typing import Any, Iterator

import httpx
import pytest
import structlog
import uvicorn
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.routers import sms as sms_router
from bot.settings import Settings
from bot.sms_providers.generic import sign
from bot.sms_providers.twilio import EMPTY_TWIML, TwilioProvider, twilio_signature

from .conftest import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    FROM_NUMBER,
    HASH_KEY,
    SENDER,
    TEST_CATALOGUE,
    WEBHOOK_SECRET,
    FakeRasa,
    build_app,
    post_generic,
    post_twilio,
    twilio_form,
)

BUTTONS = [
    {
        "text": "Hva gjelder det?",
        "buttons": [
            {"title": "Vold hjemme", "payload": "/partner_violence"},
            {"title": "Mobbing", "payload": "/bullying"},
        ],
    },
]


def expected_conversation_id(number: str = SENDER, key: str = HASH_KEY) -> str:
    return "sms-" + hmac.new(key.encode(), number.encode(), hashlib.sha256).hexdigest()


def sid(n: int) -> str:
    return f"SM{n:032x}"


# --- Twilio format -------------------------------------------------------------------------


def test_twilio_delivery_is_answered_through_the_messages_api(
    sms_client, fake_rasa, fake_provider
) -> None:
    response = post_twilio(sms_client, twilio_form("hei"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert response.text == EMPTY_TWIML

    assert fake_rasa.sent == [(expected_conversation_id(), "hei", {"channel": "sms"})]
    [sent] = fake_provider.sent
    assert sent.path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    expected_auth = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
    assert sent.headers["authorization"] == f"Basic {expected_auth}"
    assert sent.fields == {"To": SENDER, "From": FROM_NUMBER, "Body": "echo hei"}


def test_twilio_unicode_body_round_trips(sms_client, fake_rasa, fake_provider) -> None:
    text = "Bures! Mun dárbbašan veahki, ŋ ŧ ž č đ"
    assert post_twilio(sms_client, twilio_form(text)).status_code == 200
    assert fake_rasa.sent[0][1] == text
    assert fake_provider.sent[0].text == f"echo {text}"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda form: ("", form),  # missing signature
        lambda form: ("bm90IGEgc2lnbmF0dXJl", form),  # garbage
        lambda form: (
            twilio_signature("wrong-token", "http://testserver/sms/twilio", list(form.items())),
            form,
        ),
        lambda form: (
            twilio_signature(AUTH_TOKEN, "http://evil.example/sms/twilio", list(form.items())),
            form,
        ),
        lambda form: (
            twilio_signature(AUTH_TOKEN, "http://testserver/sms/twilio", list(form.items())),
            {**form, "Body": "altered"},
        ),  # body changed after signing
    ],
)
def test_twilio_bad_signature_is_refused_and_does_nothing(
    sms_client, fake_rasa, fake_provider, tamper
) -> None:
    signature, form = tamper(twilio_form("hei"))
    response = post_twilio(sms_client, form, signature=signature)
    assert response.status_code == 403
    assert fake_rasa.sent == [] and fake_provider.sent == []


def test_twilio_signature_with_default_port_is_accepted(sms_client, fake_provider) -> None:
    form = twilio_form("hei")
    signature = twilio_signature(AUTH_TOKEN, "http://testserver:80/sms/twilio", list(form.items()))
    assert post_twilio(sms_client, form, signature=signature).status_code == 200
    assert len(fake_provider.sent) == 1


# Published test vectors of Twilio's own validator
# (twilio-python, tests/unit/test_request_validator.py).
TWILIO_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
TWILIO_PARAMS = [
    ("CallSid", "CA1234567890ABCDE"),
    ("Digits", "1234"),
    ("From", "+14158675309"),
    ("To", "+18005551212"),
    ("Caller", "+14158675309"),
]


def test_twilio_signature_matches_twilios_test_vectors() -> None:
    assert twilio_signature("12345", TWILIO_URL, TWILIO_PARAMS) == "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    repeated = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234")]
    assert twilio_signature("12345", TWILIO_URL, repeated) == "IK+Dwps556ElfBT0I3Rgjkr1wJU="


@pytest.mark.parametrize(
    "called_url, signature",
    [
        (TWILIO_URL.replace(".com", ".com:1234"), "RSOYDt4T1cUTdK1PDd93/VVr8B8="),  # port removed
        (TWILIO_URL, "kvajT1Ptam85bY51eRf/AJRuM3w="),  # signed with :443
        (TWILIO_URL.replace("https", "http"), "0ZXoZLH/DfblKGATFgpif+LLRf4="),  # signed with :80
    ],
)
def test_twilio_port_variants_match_twilios_validator(called_url: str, signature: str) -> None:
    twilio = TwilioProvider("http://unused", "AC1", "12345", "+4740000000")
    twilio._verify(called_url, signature, TWILIO_PARAMS)  # raises if no variant matches


# --- Generic JSON contract -----------------------------------------------------------------


def test_generic_delivery_is_answered_with_a_signed_json_post(
    sms_client, fake_rasa, fake_provider
) -> None:
    response = post_generic(sms_client, {"message_id": "m-1", "from": "412 34 567", "text": "hei"})
    assert response.status_code == 202 and response.json() == {"status": "accepted"}
    assert fake_rasa.sent[0][0] == expected_conversation_id()
    [sent] = fake_provider.sent
    assert sent.path == "/messages"
    assert json.loads(sent.raw) == {"to": SENDER, "text": "echo hei", "in_reply_to": "m-1"}
    assert sent.headers["x-hjelpelos-signature"] == sign(WEBHOOK_SECRET, sent.raw)


@pytest.mark.parametrize("header", [None, "sha256=" + "0" * 64, "sha1=abc", "sha256="])
def test_generic_bad_signature_is_refused(sms_client, fake_rasa, fake_provider, header) -> None:
    body = json.dumps({"message_id": "m-1", "from": SENDER, "text": "hei"}).encode()
    headers = {"Content-Type": "application/json"}
    if header is not None:
        headers["X-Hjelpelos-Signature"] = header
    assert sms_client.post("/sms/inbound", content=body, headers=headers).status_code == 403
    assert fake_rasa.sent == [] and fake_provider.sent == []


# --- Duplicates and floods -----------------------------------------------------------------


def test_duplicate_twilio_deliveries_get_one_reply(sms_client, fake_rasa, fake_provider) -> None:
    form = twilio_form("hei", sid=sid(7))
    for _ in range(3):
        assert post_twilio(sms_client, form).status_code == 200
    assert len(fake_rasa.sent) == 1 and len(fake_provider.sent) == 1


def test_duplicate_generic_delivery_is_reported_as_such(
    sms_client, fake_rasa, fake_provider
) -> None:
    payload = {"message_id": "m-9", "from": SENDER, "text": "hei"}
    assert post_generic(sms_client, payload).status_code == 202
    second = post_generic(sms_client, payload)
    assert second.status_code == 200 and second.json() == {"status": "duplicate"}
    assert len(fake_provider.sent) == 1


def test_a_refused_delivery_does_not_use_up_its_message_id(sms_client, fake_provider) -> None:
    form = twilio_form("hei", sid=sid(8))
    assert post_twilio(sms_client, form, signature="forged").status_code == 403
    assert post_twilio(sms_client, form).status_code == 200
    assert len(fake_provider.sent) == 1


def test_a_flood_from_one_sender_is_cut_off(
    sms_client, fake_rasa, fake_provider, sms_settings
) -> None:
    codes = [
        post_twilio(sms_client, twilio_form(f"melding {n}", sid=sid(100 + n))).status_code
        for n in range(12)
    ]
    assert codes == [200] * sms_settings.rate_limit_messages + [429] * (
        12 - sms_settings.rate_limit_messages
    )
    assert len(fake_provider.sent) == sms_settings.rate_limit_messages
    # Another sender is not affected.
    other = twilio_form("hei", sid=sid(200), sender="+4741234568")
    assert post_twilio(sms_client, other).status_code == 200


# --- STOP, numbered options, calm replies --------------------------------------------------


@pytest.mark.parametrize("word", ["STOP", "stopp", "Slutt", "SLUTT"])
def test_stop_deletes_the_conversation_and_confirms(
    sms_client, fake_rasa, fake_provider, word
) -> None:
    fake_rasa.script = lambda text: BUTTONS
    post_twilio(sms_client, twilio_form("hei", sid=sid(1)))
    assert post_twilio(sms_client, twilio_form(word, sid=sid(2))).status_code == 200
    assert fake_rasa.deleted == [expected_conversation_id()]
    assert [sent for _, sent, _ in fake_rasa.sent] == ["hei"]  # STOP itself never reaches the bot
    assert fake_provider.sent[-1].text == TEST_CATALOGUE["nb"]["stop_reply"]
    # The numbered options were forgotten with the conversation: "1" is plain text now.
    post_twilio(sms_client, twilio_form("1", sid=sid(3)))
    assert fake_rasa.sent[-1][1] == "1"


def test_sami_stop_word_answers_in_sami(sms_client, fake_rasa, fake_provider) -> None:
    post_generic(sms_client, {"message_id": "m-1", "from": SENDER, "text": "Heaitte"})
    assert fake_rasa.deleted == [expected_conversation_id()]
    assert fake_provider.sent[-1].text == TEST_CATALOGUE["se"]["stop_reply"]


def test_numbered_options_round_trip(sms_client, fake_rasa, fake_provider) -> None:
    fake_rasa.script = lambda text: BUTTONS if text == "hei" else [{"text": "ok"}]
    post_twilio(sms_client, twilio_form("hei", sid=sid(1)))
    assert (
        fake_provider.sent[0].text
        == "Hva gjelder det?\nSvar med et tall:\n1 Vold hjemme\n2 Mobbing"
    )
    post_twilio(sms_client, twilio_form("2", sid=sid(2)))
    assert fake_rasa.sent[-1][1] == "/bullying"
    # The options belong to the last bot turn only.
    post_twilio(sms_client, twilio_form("1", sid=sid(3)))
    assert fake_rasa.sent[-1][1] == "1"


def test_numbered_options_expire(sms_settings, sms_languages_dir, fake_rasa, fake_provider) -> None:
    now = [1000.0]
    app = build_app(sms_settings, sms_languages_dir, fake_rasa)
    app.state.sms = sms_router.SmsGateway(
        sms_settings, languages_dir=sms_languages_dir, clock=lambda: now[0]
    )
    client = TestClient(app)
    fake_rasa.script = lambda text: BUTTONS
    post_twilio(client, twilio_form("hei", sid=sid(1)))
    now[0] += sms_router.MEMORY_TTL_S + 1
    post_twilio(client, twilio_form("1", sid=sid(2)))
    assert fake_rasa.sent[-1][1] == "1"


def test_options_in_the_language_the_bot_answered_in(sms_client, fake_rasa, fake_provider) -> None:
    fake_rasa.script = lambda text: [{**BUTTONS[0], "custom": {"language": "se"}}]
    post_twilio(sms_client, twilio_form("bures", sid=sid(1)))
    assert TEST_CATALOGUE["se"]["sms_options_prefix"] in fake_provider.sent[0].text


def test_links_are_replaced_by_the_number_over_sms(sms_client, fake_rasa, fake_provider) -> None:
    fake_rasa.script = lambda text: [{"text": "Ring 116 111 (https://example.org/chat)"}]
    post_twilio(sms_client, twilio_form("hei"))
    assert fake_provider.sent[0].text == "Ring 116 111"


def test_several_bot_messages_go_out_as_one_sms(sms_client, fake_rasa, fake_provider) -> None:
    fake_rasa.script = lambda text: [{"text": "Hei."}, {"text": "Jeg lytter."}, {"image": "x.png"}]
    post_twilio(sms_client, twilio_form("hei"))
    assert [sent.text for sent in fake_provider.sent] == ["Hei.\n\nJeg lytter."]


def test_rasa_down_gets_a_calm_reply(sms_client, fake_rasa, fake_provider) -> None:
    fake_rasa.unavailable = True
    assert post_twilio(sms_client, twilio_form("hei")).status_code == 200
    assert fake_provider.sent[0].text == TEST_CATALOGUE["nb"]["error_try_again"]


def test_rasa_down_during_stop_does_not_claim_deletion(
    sms_client, fake_rasa, fake_provider
) -> None:
    fake_rasa.unavailable = True
    post_twilio(sms_client, twilio_form("STOP"))
    assert fake_provider.sent[0].text == TEST_CATALOGUE["nb"]["error_try_again"]


def test_too_long_message_gets_a_calm_reply_and_skips_the_bot(
    sms_client, fake_rasa, fake_provider, sms_settings
) -> None:
    post_twilio(sms_client, twilio_form("x" * (sms_settings.max_message_chars + 1)))
    assert fake_rasa.sent == []
    assert fake_provider.sent[0].text == TEST_CATALOGUE["nb"]["input_too_long"]


def test_provider_failure_is_logged_not_raised(sms_client, fake_provider) -> None:
    fake_provider.fail_with = 500
    with structlog.testing.capture_logs() as logs:
        assert post_twilio(sms_client, twilio_form("hei")).status_code == 200
    assert any(
        entry["event"] == "sms.send_failed" and entry["error"] == "HTTP 500" for entry in logs
    )


def test_bot_reply_garbage_does_not_crash(sms_client, fake_rasa, fake_provider) -> None:
    fake_rasa.script = lambda text: {"not": "a list"}  # type: ignore[return-value]
    assert post_twilio(sms_client, twilio_form("hei")).status_code == 200
    assert fake_provider.sent == []


# --- Malformed input -----------------------------------------------------------------------


def _signed_raw(client: TestClient, raw: bytes, content_type: str = "application/json") -> Any:
    return client.post(
        "/sms/inbound",
        content=raw,
        headers={"Content-Type": content_type, "X-Hjelpelos-Signature": sign(WEBHOOK_SECRET, raw)},
    )


@pytest.mark.parametrize(
    "raw, status",
    [
        (b"", 400),
        (b"not json", 400),
        (b"\xff\xfe\x00binary\x00", 400),
        ('{"message_id": "m", "from": "+4741234567", "text": "bl\u00e5"}'.encode("latin-1"), 400),
        (b"[1, 2, 3]", 422),
        (b'"just a string"', 422),
        (b'{"from": "+4741234567", "text": "hei"}', 422),
        (b'{"message_id": "m", "text": "hei"}', 422),
        (b'{"message_id": "m", "from": "+4741234567"}', 422),
        (b'{"message_id": "m", "from": "+4741234567", "text": 5}', 422),
        (b'{"message_id": 5, "from": "+4741234567", "text": "hei"}', 422),
        (b'{"message_id": "m", "from": "Telenor", "text": "hei"}', 422),
        (b'{"message_id": "m", "from": "12", "text": "hei"}', 422),
        (b'{"message_id": "m", "from": "+4741234567", "text": ""}', 422),
        (b'{"message_id": "m", "from": "+4741234567", "text": "  \\u0000\\u0007 "}', 422),
        (json.dumps({"message_id": "m" * 500, "from": SENDER, "text": "hei"}).encode(), 422),
        (json.dumps({"message_id": "m", "from": SENDER, "text": "x" * 20_000}).encode(), 413),
    ],
)
def test_malformed_generic_deliveries_get_clear_errors(
    sms_client, fake_rasa, fake_provider, raw, status
) -> None:
    response = _signed_raw(sms_client, raw)
    assert response.status_code == status
    assert "detail" in response.json()
    assert fake_rasa.sent == [] and fake_provider.sent == []


@pytest.mark.parametrize(
    "body, content_type, status",
    [
        ("Body=hei&From=%2B4741234567&MessageSid=SMx", "application/json", 415),
        ("Body=%FF%FE&From=%2B4741234567&MessageSid=SMx", "application/x-www-form-urlencoded", 400),
        ("garbage-without-equals", "application/x-www-form-urlencoded", 400),
    ],
)
def test_malformed_twilio_deliveries_get_clear_errors(
    sms_client, fake_provider, body, content_type, status
) -> None:
    response = sms_client.post(
        "/sms/twilio",
        content=body,
        headers={"Content-Type": content_type, "X-Twilio-Signature": "x"},
    )
    assert response.status_code == status
    assert fake_provider.sent == []


@pytest.mark.parametrize("drop", ["Body", "From", "MessageSid"])
def test_twilio_delivery_missing_a_field_is_refused(sms_client, fake_provider, drop) -> None:
    form = twilio_form("hei")
    del form[drop]
    assert post_twilio(sms_client, form).status_code == 422
    assert fake_provider.sent == []


def _lazily_built_app(settings: Settings, rasa: FakeRasa) -> TestClient:
    """The app as in production: the SMS gateway is built from the settings on first use."""
    app = create_app(settings)
    if not any(getattr(route, "path", "") == "/sms/inbound" for route in app.routes):
        app.include_router(sms_router.router)
    app.state.rasa = rasa
    return TestClient(app)


def test_unconfigured_channel_answers_503(
    fake_provider, sms_languages_dir, fake_rasa, monkeypatch
) -> None:
    monkeypatch.setattr(sms_router, "DEFAULT_LANGUAGES_DIR", sms_languages_dir)
    client = _lazily_built_app(
        Settings(sms_provider_url=fake_provider.url, sms_webhook_secret="s"), fake_rasa
    )
    assert client.post("/sms/inbound", content=b"{}").status_code == 503  # no hash key


def test_unconfigured_provider_answers_503(
    fake_provider, sms_languages_dir, fake_rasa, monkeypatch
) -> None:
    monkeypatch.setattr(sms_router, "DEFAULT_LANGUAGES_DIR", sms_languages_dir)
    client = _lazily_built_app(
        Settings(sms_provider_url=fake_provider.url, sms_hash_key="k"), fake_rasa
    )
    assert client.post("/sms/inbound", content=b"{}").status_code == 503  # no webhook secret
    assert client.post("/sms/twilio", content=b"").status_code == 503  # no Twilio account


def test_missing_catalogue_answers_503(sms_settings, tmp_path, fake_rasa, monkeypatch) -> None:
    monkeypatch.setattr(sms_router, "DEFAULT_LANGUAGES_DIR", tmp_path)
    client = _lazily_built_app(sms_settings, fake_rasa)
    assert client.post("/sms/inbound", content=b"{}").status_code == 503


def test_lazily_built_gateway_answers(
    sms_settings, sms_languages_dir, fake_rasa, fake_provider, monkeypatch
) -> None:
    monkeypatch.setattr(sms_router, "DEFAULT_LANGUAGES_DIR", sms_languages_dir)
    client = _lazily_built_app(sms_settings, fake_rasa)
    assert (
        post_generic(client, {"message_id": "m", "from": SENDER, "text": "hei"}).status_code == 202
    )
    assert fake_provider.sent[0].text == "echo hei"


# --- Privacy: the number is hashed, never logged -------------------------------------------


def test_the_conversation_id_is_a_keyed_hash_of_the_normalised_number(sms_app) -> None:
    gateway = sms_app.state.sms
    ids = {
        gateway.conversation_id(raw)[1]
        for raw in ("+4741234567", "+47 412 34 567", "004741234567", "41234567")
    }
    assert ids == {expected_conversation_id()}
    assert "41234567" not in expected_conversation_id()
    assert expected_conversation_id(key="another key") != expected_conversation_id()


def test_no_number_and_no_text_in_any_log(
    sms_client, fake_rasa, fake_provider, caplog, capsys
) -> None:
    secret_text = "hemmelig beskjed om naboen"
    fake_rasa.script = lambda text: BUTTONS
    caplog.set_level(logging.DEBUG)
    with structlog.testing.capture_logs() as logs:
        post_twilio(sms_client, twilio_form(secret_text, sid=sid(1)))
        post_twilio(sms_client, twilio_form("2", sid=sid(2)))
        post_twilio(sms_client, twilio_form(secret_text, sid=sid(3)), signature="forged")
        post_twilio(sms_client, twilio_form(secret_text, sid=sid(4), sender="not a number"))
        post_twilio(sms_client, twilio_form("x" * 600, sid=sid(5)))
        fake_provider.fail_with = 400
        post_twilio(sms_client, twilio_form(secret_text, sid=sid(6)))
        fake_provider.fail_with = None
        fake_rasa.unavailable = True
        post_twilio(sms_client, twilio_form(secret_text, sid=sid(7)))
        fake_rasa.unavailable = False
        post_twilio(sms_client, twilio_form("STOP", sid=sid(8)))
    assert (
        len(fake_provider.sent) == 6
    )  # (the failed send was recorded by the fake_provider before its 400)
    everything = "\n".join([repr(logs), caplog.text, *capsys.readouterr()])
    assert {entry["event"] for entry in logs} >= {
        "sms.replied",
        "sms.rejected",
        "sms.stopped",
        "sms.send_failed",
    }
    for needle in (
        "41234567",
        "412 34 567",
        "%2B47",
        secret_text,
        "Vold hjemme",
        "/bullying",
        expected_conversation_id()[4:20],
    ):
        assert needle not in everything, needle


# --- A real server over loopback -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def running_gateway(sms_settings, sms_languages_dir, fake_rasa) -> Iterator[str]:
    port = _free_port()
    app = build_app(sms_settings, sms_languages_dir, fake_rasa)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_over_real_sockets_twilio_signature_uses_the_called_url(
    running_gateway, fake_rasa, fake_provider
) -> None:
    url = f"{running_gateway}/sms/twilio?tenant=a"  # query strings are part of what Twilio signs
    form = twilio_form("hei")
    signature = twilio_signature(AUTH_TOKEN, url, list(form.items()))
    response = httpx.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=10)
    assert response.status_code == 200 and response.text == EMPTY_TWIML
    [sent] = fake_provider.wait_for(1)
    assert sent.to == SENDER and sent.text == "echo hei"
