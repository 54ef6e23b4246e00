"""SMS fixtures: a simulated provider on loopback, a scripted Rasa, a test catalogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple
from urllib.parse import urlencode

import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.rasa_client import RasaUnavailable
from bot.routers import sms as sms_router
from bot.settings import Settings
from bot.sms_providers.generic import sign
from bot.sms_providers.twilio import twilio_signature

from .fake_provider import FakeProvider

# A made-up test sender (a syntactically valid Norwegian mobile number), not anyone's contact.
SENDER = "+4741234567"
HASH_KEY = "test-hash-key-0123456789abcdef"
WEBHOOK_SECRET = "test-webhook-secret"
ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token"
FROM_NUMBER = "+4740000000"

# Stand-ins for the reviewed catalogue texts: tests check the plumbing, not the wording.
TEST_CATALOGUE = {
    "nb": {
        "stop_reply": "TEST nb stop_reply",
        "sms_options_prefix": "Svar med et tall:",
        "error_try_again": "TEST nb error_try_again",
        "input_too_long": "TEST nb input_too_long",
    },
    "se": {
        "stop_reply": "TEST se stop_reply čđŋšŧž",
        "sms_options_prefix": "TEST se vástit logu:",
        "error_try_again": "TEST se error_try_again",
        "input_too_long": "TEST se input_too_long",
    },
}


class FakeRasa:
    """The bot side of the unit under test: records calls, answers from a script."""

    def __init__(self) -> None:
        self.sent: List[Tuple[str, str, Optional[Dict[str, Any]]]] = []
        self.deleted: List[str] = []
        self.unavailable = False
        self.script: Callable[[str], List[Dict[str, Any]]] = lambda text: [{"text": f"echo {text}"}]

    async def send(
        self, sender_id: str, text: str, metadata: Optional[Dict[str, Any]] = None
    ) -> List[Dict[str, Any]]:
        if self.unavailable:
            raise RasaUnavailable("connection refused")
        self.sent.append((sender_id, text, metadata))
        return self.script(text)

    async def delete_conversation(self, sender_id: str) -> None:
        if self.unavailable:
            raise RasaUnavailable("connection refused")
        self.deleted.append(sender_id)

    async def is_ready(self) -> bool:
        return True

    async def aclose(self) -> None:
        pass


@pytest.fixture
def fake_provider() -> Iterator[FakeProvider]:
    server = FakeProvider().start()
    yield server
    server.stop()


@pytest.fixture
def sms_languages_dir(tmp_path: Path) -> Path:
    for language, texts in TEST_CATALOGUE.items():
        folder = tmp_path / "languages" / language
        folder.mkdir(parents=True)
        entries = {key: {"text": text, "review": "draft"} for key, text in texts.items()}
        (folder / "messages.yml").write_text(
            yaml.safe_dump({"language": language, "messages": entries}, allow_unicode=True),
            encoding="utf-8",
        )
    return tmp_path / "languages"


@pytest.fixture
def sms_settings(fake_provider: FakeProvider) -> Settings:
    return Settings(
        rasa_url="http://127.0.0.1:9",
        sms_hash_key=HASH_KEY,
        sms_webhook_secret=WEBHOOK_SECRET,
        sms_provider_url=fake_provider.url,
        sms_account_sid=ACCOUNT_SID,
        sms_auth_token=AUTH_TOKEN,
        sms_from_number=FROM_NUMBER,
        rate_limit_messages=8,
        rate_limit_window_s=60.0,
        max_message_chars=500,
    )


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


def build_app(settings: Settings, languages_dir: Path, rasa: Any) -> FastAPI:
    """The real gateway app with the SMS router, a scripted Rasa and the test catalogue."""
    app = create_app(settings)
    if not any(getattr(route, "path", "") == "/sms/inbound" for route in app.routes):
        app.include_router(sms_router.router)  # until bot/app.py includes it itself
    app.state.rasa = rasa
    app.state.sms = sms_router.SmsGateway(settings, languages_dir=languages_dir)
    return app


@pytest.fixture
def sms_app(sms_settings: Settings, sms_languages_dir: Path, fake_rasa: FakeRasa) -> FastAPI:
    return build_app(sms_settings, sms_languages_dir, fake_rasa)


@pytest.fixture
def sms_client(sms_app: FastAPI) -> TestClient:
    # Not entered as a context manager: the lifespan would replace the scripted Rasa.
    return TestClient(sms_app)


def twilio_form(
    text: str, sid: str = "SM" + "1" * 32, sender: str = SENDER, **extra: str
) -> Dict[str, str]:
    """The fields Twilio posts for an inbound SMS (a subset; all are signed)."""
    form = {
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": ACCOUNT_SID,
        "From": sender,
        "To": FROM_NUMBER,
        "Body": text,
        "NumMedia": "0",
        "FromCountry": "NO",
    }
    form.update(extra)
    return form


def post_twilio(
    client: TestClient,
    form: Dict[str, str],
    url: str = "http://testserver/sms/twilio",
    token: str = AUTH_TOKEN,
    signature: Optional[str] = None,
) -> Any:
    """Post a form signed as Twilio would sign it for `url`."""
    if signature is None:
        signature = twilio_signature(token, url, list(form.items()))
    return client.post(
        url,
        content=urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": signature,
        },
    )


def post_generic(
    client: TestClient, payload: Any, secret: str = WEBHOOK_SECRET, raw: Optional[bytes] = None
) -> Any:
    """Post to the generic JSON webhook with a valid signature over the exact bytes."""
    body = raw if raw is not None else json.dumps(payload).encode("utf-8")
    return client.post(
        "/sms/inbound",
        content=body,
        headers={"Content-Type": "application/json", "X-Hjelpelos-Signature": sign(secret, body)},
    )
