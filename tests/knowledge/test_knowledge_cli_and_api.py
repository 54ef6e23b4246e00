"""`hjelpelos services`, `hjelpelos catalogue check` and GET /v1/services."""
from __future__ import annotations

import argparse
import io
import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import knowledge
from bot.cli import services as cli
from bot.routers import services as api


@pytest.fixture()
def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hjelpelos")
    cli.add_parsers(parser.add_subparsers(dest="command"))
    return parser


def run(parser: argparse.ArgumentParser, *argv: str):
    args = parser.parse_args(list(argv))
    out = io.StringIO()
    return args.func(args, out=out), out.getvalue()


def test_services_json_is_the_directory(parser) -> None:
    code, out = run(parser, "services", "--json", "--at", "2026-03-04T03:00", "--open-now",
                    "--topic", "partner_violence", "--age", "30")
    entries = json.loads(out)
    assert code == 0 and entries == knowledge.list_services(
        "2026-03-04T03:00", open_now=True, topic="partner_violence", age=30)
    assert any(e["service"] == "vo-linjen" and e["contact"] == "116 006" for e in entries)
    assert all(e["open_now"] for e in entries)


def test_services_table(parser) -> None:
    code, out = run(parser, "services", "--at", "2026-12-25T15:00", "--lang", "se")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("At 2026-12-25 15:00") and lines[1].split()[:3] == ["SERVICE", "CHANNEL", "CONTACT"]
    assert any(line.startswith("girku-sos") and "www.girku-sos.no" in line for line in lines)
    assert any("phone-se" in line and "(none verified)" in line for line in lines)


def test_services_rejects_a_bad_time(parser, capsys) -> None:
    code, _ = run(parser, "services", "--at", "tomorrow")
    assert code == 2 and "--at" in capsys.readouterr().err


def test_services_rejects_unknown_topics(parser) -> None:
    with pytest.raises(SystemExit):
        parser.parse_args(["services", "--topic", "weather"])


def test_catalogue_check_passes_with_warnings(parser) -> None:
    code, out = run(parser, "catalogue", "check", "--max-age-days", "36500")
    assert code == 0 and "0 error(s)" in out and "WARNING rosa/phone: no verified contact" in out


def test_catalogue_check_fails_on_errors(parser, monkeypatch) -> None:
    monkeypatch.setattr(knowledge, "check_catalogue", lambda max_age_days: (["hfsm: broken"], ["w"]))
    code, out = run(parser, "catalogue", "check")
    assert code == 1 and "ERROR   hfsm: broken" in out and "WARNING w" in out


# --- HTTP ---------------------------------------------------------------------------------------

@pytest.fixture()
def client() -> TestClient:
    app = FastAPI()
    app.include_router(api.router)
    return TestClient(app)


def test_get_services_matches_the_cli(client) -> None:
    params = {"at": "2026-05-17T21:30", "open_now": "true", "topic": "child_abuse", "age": "13"}
    response = client.get("/v1/services", params=params)
    assert response.status_code == 200
    body = response.json()
    expected = knowledge.list_services("2026-05-17T21:30", open_now=True, topic="child_abuse", age=13)
    assert [(e["service"], e["channel_id"]) for e in body] == [(e["service"], e["channel_id"]) for e in expected]
    chat = next(e for e in body if e["service"] == "alarmtelefonen" and e["channel"] == "chat")
    assert chat["closes_at"] == "2026-05-17T22:45:00+02:00" and chat["opens_at"] is None


def test_get_services_language_and_defaults(client) -> None:
    body = client.get("/v1/services", params={"lang": "se", "at": "2026-01-07T19:00"}).json()
    sami_line = next(e for e in body if e["channel_id"] == "phone-se")
    assert sami_line["open_now"] is True and sami_line["contact"] is None
    assert client.get("/v1/services").status_code == 200  # now, no filters


@pytest.mark.parametrize("params", [{"topic": "weather"}, {"age": "-1"}, {"lang": "de"}, {"at": "soon"}])
def test_get_services_rejects_bad_filters(client, params) -> None:
    assert client.get("/v1/services", params=params).status_code == 422


def test_openapi_documents_the_response(client) -> None:
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/v1/services"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"open_now", "at", "topic", "age", "lang"}
    item = operation["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"]
    fields = schema["components"]["schemas"][item.rsplit("/", 1)[1]]["properties"]
    assert {"service", "name", "channel", "contact", "open_now", "opens_at", "closes_at", "languages",
            "min_age", "max_age", "anonymous", "source"} <= set(fields)


def test_the_catalogue_is_a_swappable_dependency(client) -> None:
    client.app.dependency_overrides[api.get_catalogue] = knowledge.load_catalogue
    assert client.get("/v1/services", params={"topic": "trafficking"}).status_code == 200
