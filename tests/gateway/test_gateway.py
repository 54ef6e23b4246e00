"""The gateway on its own (Rasa not running): limits, clear errors, CORS, health, metrics."""
import pytest
from fastapi.testclient import TestClient

from prometheus_client import generate_latest

from bot.app import create_app
from bot.metrics import REGISTRY
from bot.settings import Settings
from triage import messages


@pytest.fixture()
def client():
    settings = Settings(rasa_url="http://127.0.0.1:9", action_server_url="http://127.0.0.1:9",
                        rate_limit_messages=3, rate_limit_window_s=60)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _chat(client, message, sender="s1", **metadata):
    return client.post("/webhooks/rest/webhook", json={"sender": sender, "message": message, "metadata": metadata})


def test_health_is_up_and_readiness_reports_each_part(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json() == {"ready": False, "parts": {"gateway": True, "rasa": False, "actions": False}}


def test_empty_message_gets_a_calm_catalogue_reply(client):
    reply = _chat(client, "   ", language="en")
    assert reply.status_code == 200
    assert reply.json()[0]["text"] == messages.text("input_empty", "en")


def test_too_long_message_gets_a_calm_catalogue_reply(client):
    reply = _chat(client, "a" * 5000, language="nn")
    assert reply.json()[0]["text"] == messages.text("input_too_long", "nn")


def test_rasa_down_gets_a_calm_reply_with_112(client):
    reply = _chat(client, "pappa slår meg", language="nb")
    assert reply.status_code == 503
    assert reply.json()[0]["text"] == messages.text("error_try_again", "nb")
    assert "112" in reply.json()[0]["text"]


def test_a_flood_from_one_conversation_is_slowed_without_touching_others(client):
    statuses = [_chat(client, "hei", sender="flood").status_code for _ in range(5)]
    assert statuses[-1] == 429
    assert _chat(client, "   ", sender="someone-else").status_code == 200


@pytest.mark.parametrize("body, content_type", [
    (b"\xff\xfe\x00binary", "application/json"),
    (b'{"message": "hei"}', "application/json"),
    (b'{"sender": "x", "message": ["a", "b"]}', "application/json"),
    (b"<script>alert(1)</script>", "text/html"),
])
def test_malformed_requests_get_a_clear_4xx(client, body, content_type):
    reply = client.post("/webhooks/rest/webhook", content=body, headers={"content-type": content_type})
    assert 400 <= reply.status_code < 500


def test_unknown_metadata_is_dropped_and_unknown_languages_ignored(client):
    reply = _chat(client, "  ", language="xx", phone="+4799999999")
    assert reply.json()[0]["text"] == messages.text("input_empty", "nb")


def test_cors_allows_configured_sites_only(client):
    allowed = client.options("/webhooks/rest/webhook", headers={
        "Origin": "https://dinutvei.no", "Access-Control-Request-Method": "POST"})
    assert allowed.headers.get("access-control-allow-origin") == "https://dinutvei.no"
    denied = client.options("/webhooks/rest/webhook", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in denied.headers


def test_metrics_hold_route_templates_but_no_text_or_identifiers(client):
    _chat(client, "hemmelig melding", sender="sender-abc", language="nb")
    client.get("/widget/v1/strings/nb.json")
    body = generate_latest(REGISTRY).decode()  # what the internal port's /metrics serves
    assert 'route="/webhooks/rest/webhook"' in body
    assert 'route="/widget/v1/strings/{lang}.json"' in body
    for secret in ("hemmelig", "sender-abc", "nb.json"):
        assert secret not in body


def test_triage_api_rejects_bad_input_clearly(client):
    assert client.post("/v1/triage", json={"text": ""}).status_code == 422
    assert client.post("/v1/triage", json={"text": "hei", "channel": "fax"}).status_code == 422
    assert client.post("/v1/triage", json={"text": "hei", "at": "yesterday"}).status_code == 422
    assert client.post("/v1/triage", json={"text": "hei"}).status_code == 503  # NLU server down
