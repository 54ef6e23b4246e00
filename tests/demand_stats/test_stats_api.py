"""GET /v1/stats: suppressed aggregates for an analyst token only (Rasa not needed)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings
from bot.tokens import issue
from knowledge import status_store
from stats.report import SUPPRESSED
from stats.store import STATS_URL_ENV, open_store

from .conftest import make_event


@pytest.fixture()
def gateway(tmp_path: Path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'stats.sqlite'}"
    monkeypatch.setenv(STATS_URL_ENV, url)
    store = open_store(url)
    for _ in range(6):
        store.add(make_event())
    store.add(make_event(topic="bullying", language="se"))
    settings = Settings(rasa_url="http://127.0.0.1:9", action_server_url="http://127.0.0.1:9",
                        status_db=str(tmp_path / "status.sqlite3"), token_max_failures=3)
    app = create_app(settings)
    with TestClient(app) as client:
        yield client, app
    status_store.configure(None)


def test_an_analyst_token_reads_suppressed_aggregates(gateway) -> None:
    client, app = gateway
    token = issue(app.state.status_store, "analyst", None).token
    day = "2026-12-08"  # make_event's default day
    response = client.get("/v1/stats", params={"from": day, "to": day}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    counts = [row["count"] for row in response.json()["demand"]]
    assert 6 in counts and SUPPRESSED in counts
    assert all(c == SUPPRESSED or c >= 5 for c in counts)


def test_no_token_a_wrong_token_or_a_service_token_reads_nothing(gateway) -> None:
    client, app = gateway
    assert client.get("/v1/stats").status_code == 401
    assert client.get("/v1/stats", headers={"Authorization": "Bearer nope"}).status_code == 401
    service = issue(app.state.status_store, "service", "alarmtelefonen").token
    assert client.get("/v1/stats", headers={"Authorization": f"Bearer {service}"}).status_code == 403


def test_a_bad_date_is_a_clear_error(gateway) -> None:
    client, app = gateway
    token = issue(app.state.status_store, "analyst", None).token
    response = client.get("/v1/stats", params={"from": "yesterday"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422 and "yesterday" in response.text
