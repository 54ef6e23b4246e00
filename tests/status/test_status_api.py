"""POST/GET/DELETE /v1/status on the gateway (Rasa not needed): tokens, roles, limits, audit."""
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi import Depends
from fastapi.testclient import TestClient

import knowledge
from bot.app import create_app
from bot.settings import Settings
from bot.tokens import issue, require_role
from knowledge import status_store
from knowledge.hours import OSLO


def _evening_day():
    """The first day from tomorrow on when snakkommobbing's chat is regularly open 16:00-21:00."""
    day = datetime.now(OSLO).date() + timedelta(days=1)
    while not all(knowledge.open_now("snakkommobbing", "chat", datetime(day.year, day.month, day.day, h))
                  for h in (16, 20)):
        day += timedelta(days=1)
    return day


EVENING = _evening_day()


def tomorrow(hour: int, minute: int = 0) -> str:
    """A time on that day (tomorrow unless it is a holiday), ISO local time."""
    return datetime(EVENING.year, EVENING.month, EVENING.day, hour, minute).isoformat(timespec="minutes")


@pytest.fixture()
def gateway(tmp_path: Path):
    settings = Settings(rasa_url="http://127.0.0.1:9", action_server_url="http://127.0.0.1:9",
                        status_db=str(tmp_path / "status.sqlite3"), token_max_failures=3)
    app = create_app(settings)
    with TestClient(app) as client:
        yield client, app
    status_store.configure(None)  # routing in this process reads the environment's store again


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _closed(service: str = "snakkommobbing", **extra) -> dict:
    return {"service": service, "channel": "chat", "state": "closed", "from": tomorrow(17),
            "until": tomorrow(19), "reason": "staff", **extra}


def _chat(client: TestClient, service: str, at: str) -> dict:
    return next(e for e in client.get("/v1/services", params={"at": at}).json()
                if e["service"] == service and e["channel"] == "chat")


def test_a_service_token_closes_its_chat_for_an_evening(gateway) -> None:
    client, app = gateway
    token = issue(app.state.status_store, "service", "snakkommobbing").token
    created = client.post("/v1/status", json=_closed(), headers=_auth(token))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["state"] == "closed" and body["reason"] == "staff" and body["in_force"] is False
    assert _chat(client, "snakkommobbing", tomorrow(18))["open_now"] is False
    assert _chat(client, "snakkommobbing", tomorrow(19, 30))["open_now"] is True
    listed = client.get("/v1/status").json()
    assert [s["id"] for s in listed] == [body["id"]]
    assert client.get("/v1/status", params={"at": tomorrow(18)}).json()[0]["in_force"] is True
    withdrawn = client.delete(f"/v1/status/{body['id']}", headers=_auth(token))
    assert withdrawn.status_code == 200
    assert client.get("/v1/status").json() == []
    assert _chat(client, "snakkommobbing", tomorrow(18))["open_now"] is True


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Bearer tok_000000000000.wrong-secret", "Basic abc"])
def test_a_bad_token_gets_401_and_changes_nothing(gateway, header) -> None:
    client, app = gateway
    issue(app.state.status_store, "service", "snakkommobbing")
    headers = {"Authorization": header} if header else {}
    reply = client.post("/v1/status", json=_closed(), headers=headers)
    assert reply.status_code == 401
    assert client.get("/v1/status").json() == []
    assert _chat(client, "snakkommobbing", tomorrow(18))["open_now"] is True


def test_another_services_token_gets_403_and_changes_nothing(gateway) -> None:
    client, app = gateway
    own = issue(app.state.status_store, "service", "snakkommobbing").token
    other = issue(app.state.status_store, "service", "alarmtelefonen").token
    assert client.post("/v1/status", json=_closed(), headers=_auth(other)).status_code == 403
    assert client.get("/v1/status").json() == []
    created = client.post("/v1/status", json=_closed(), headers=_auth(own)).json()
    assert client.delete(f"/v1/status/{created['id']}", headers=_auth(other)).status_code == 403
    assert [s["id"] for s in client.get("/v1/status").json()] == [created["id"]]


def test_a_revoked_token_and_an_analyst_token_cannot_set_a_status(gateway) -> None:
    client, app = gateway
    store = app.state.status_store
    issued = issue(store, "service", "snakkommobbing")
    store.revoke_token(issued.record.id, datetime.now(OSLO))
    assert client.post("/v1/status", json=_closed(), headers=_auth(issued.token)).status_code == 401
    analyst = issue(store, "analyst", None).token
    assert client.post("/v1/status", json=_closed(), headers=_auth(analyst)).status_code == 403
    assert client.get("/v1/status").json() == []


@pytest.mark.parametrize("change, detail", [
    ({"until": tomorrow(16)}, "after"),
    ({"until": (datetime.fromisoformat(tomorrow(17)) + timedelta(days=32)).isoformat()}, "31 days"),
    ({"from": "2020-01-01T10:00", "until": "2020-01-01T12:00"}, "past"),
    ({"channel": "whatsapp"}, "no channel"),
    ({"from": "yesterday evening"}, "ISO"),
])
def test_a_bad_status_gets_a_clear_422(gateway, change, detail) -> None:
    client, app = gateway
    token = issue(app.state.status_store, "service", "snakkommobbing").token
    reply = client.post("/v1/status", json={**_closed(), **change}, headers=_auth(token))
    assert reply.status_code == 422 and detail in reply.text


@pytest.mark.parametrize("extra", [{"message": "we are closed, sorry"}, {"state": "full"}, {"reason": "because"}])
def test_no_free_text_and_no_unknown_values_are_accepted(gateway, extra) -> None:
    client, app = gateway
    token = issue(app.state.status_store, "service", "snakkommobbing").token
    assert client.post("/v1/status", json={**_closed(), **extra}, headers=_auth(token)).status_code == 422


def test_emergency_numbers_cannot_get_a_status(gateway) -> None:
    client, app = gateway
    token = issue(app.state.status_store, "service", "politi-112").token
    body = {**_closed("politi-112"), "channel": "phone"}
    reply = client.post("/v1/status", json=body, headers=_auth(token))
    assert reply.status_code == 422 and "emergency" in reply.text


def test_repeated_failures_are_rate_limited_even_for_a_good_token_afterwards(gateway) -> None:
    client, app = gateway
    token = issue(app.state.status_store, "service", "snakkommobbing").token
    codes = [client.post("/v1/status", json=_closed(), headers=_auth(f"tok_a.{n}")).status_code for n in range(3)]
    assert codes == [401, 401, 401]
    limited = client.post("/v1/status", json=_closed(), headers=_auth(token))
    assert limited.status_code == 429 and "Retry-After" in limited.headers
    assert client.get("/v1/status").json() == []


def test_only_a_digest_is_stored_and_the_audit_log_holds_no_address(gateway, tmp_path: Path) -> None:
    client, app = gateway
    issued = issue(app.state.status_store, "service", "snakkommobbing")
    client.post("/v1/status", json=_closed(), headers=_auth(issued.token))
    client.post("/v1/status", json=_closed(), headers=_auth("tok_b.bad"))
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("status.sqlite3*"))
    secret = issued.token.split(".", 1)[1]
    assert secret.encode() not in raw
    audit = app.state.status_store.audit()
    assert [e["action"] for e in audit] == ["token_create", "set"]
    assert set(audit[1]) == {"at", "action", "token_id", "status_id", "service", "channel", "state", "reason",
                             "from", "until"}
    assert audit[1]["token_id"] == issued.record.id
    assert "testclient" not in str(audit) and b"testclient" not in raw


def test_require_role_guards_any_route(gateway) -> None:
    client, app = gateway

    @app.get("/v1/analyst-only")
    def analyst_only(token=Depends(require_role("analyst"))) -> dict:
        return {"token": token.id}

    analyst = issue(app.state.status_store, "analyst", None)
    service = issue(app.state.status_store, "service", "snakkommobbing").token
    assert client.get("/v1/analyst-only").status_code == 401
    assert client.get("/v1/analyst-only", headers=_auth(service)).status_code == 403
    reply = client.get("/v1/analyst-only", headers=_auth(analyst.token))
    assert reply.status_code == 200 and reply.json() == {"token": analyst.record.id}


def test_cors_lets_the_staff_page_origin_send_a_token(gateway) -> None:
    client, _ = gateway
    preflight = client.options("/v1/status", headers={
        "Origin": "https://dinutvei.no", "Access-Control-Request-Method": "DELETE",
        "Access-Control-Request-Headers": "authorization"})
    assert preflight.status_code == 200
