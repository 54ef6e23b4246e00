"""`hjelpelos tokens create|list|revoke` against a store of its own (HJELPELOS_STATUS_DB)."""
import json
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.tokens import verify
from knowledge import status_store


@pytest.fixture()
def store(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(status_store.DB_ENV, str(tmp_path / "status.sqlite3"))
    monkeypatch.setattr(status_store, "_configured", None)
    return status_store.current_store()


def test_create_prints_the_token_once_as_the_last_line_and_stores_only_its_digest(store, capsys, tmp_path) -> None:
    assert main(["tokens", "create", "vo-linjen"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    record = verify(store, token)
    assert record.role == "service" and record.service == "vo-linjen"
    assert token.split(".", 1)[1].encode() not in (tmp_path / "status.sqlite3").read_bytes()
    assert main(["tokens", "create", "--role", "analyst"]) == 0
    analyst = verify(store, capsys.readouterr().out.strip().splitlines()[-1])
    assert analyst.role == "analyst" and analyst.service is None


def test_list_shows_ids_and_roles_but_never_a_secret(store, capsys) -> None:
    main(["tokens", "create", "vo-linjen"])
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["tokens", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(t["id"], t["role"], t["service"], t["revoked"]) for t in listed] == [
        (token.split(".")[0], "service", "vo-linjen", None)]
    assert token.split(".", 1)[1] not in json.dumps(listed) and "digest" not in listed[0]


def test_revoke_stops_a_token(store, capsys) -> None:
    main(["tokens", "create", "vo-linjen"])
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["tokens", "revoke", token.split(".")[0]]) == 0
    assert verify(store, token) is None
    assert main(["tokens", "revoke", "tok_nonexistent"]) == 1


@pytest.mark.parametrize("argv", [["tokens", "create"], ["tokens", "create", "no-such-service"],
                                  ["tokens", "create", "politi-112"],
                                  ["tokens", "create", "vo-linjen", "--role", "analyst"]])
def test_bad_requests_get_a_clear_error_and_no_token(store, capsys, argv) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() and store.tokens() == []
