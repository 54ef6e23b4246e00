"""The status store on SQLite (default) and on a real redis-server: same behaviour, shared
between processes, safe with several writers at once."""
import multiprocessing
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import redis

from bot.tokens import issue, verify
from knowledge.hours import OSLO
from knowledge.status import LineStatus
from knowledge.status_store import KEEP_EXPIRED, SqliteStatusStore, open_store

NOW = datetime(2026, 12, 8, 12, 0, tzinfo=OSLO)


@pytest.fixture(scope="module")
def redis_url(redis_process) -> str:
    return f"redis://127.0.0.1:{redis_process.port}/3"


@pytest.fixture(params=["sqlite", "redis"])
def store_config(request, tmp_path: Path) -> dict:
    if request.param == "sqlite":
        return {"db_path": str(tmp_path / "status.sqlite3")}
    url = request.getfixturevalue("redis_url")
    redis.Redis.from_url(url).flushdb()
    return {"redis_url": url}


def _status(n: int, until: datetime, service: str = "snakkommobbing") -> LineStatus:
    return LineStatus(id=f"st_{n}", service=service, channel="chat", state="closed",
                      start=until - timedelta(hours=2), until=until, reason="staff", token_id="tok_x")


def test_statuses_written_by_one_store_are_read_by_another(store_config) -> None:
    writer, reader = open_store(**store_config), open_store(**store_config)
    writer.add_status(_status(1, NOW + timedelta(hours=5)), NOW)
    assert [s.id for s in reader.statuses()] == ["st_1"]
    assert reader.get_status("st_1").until == NOW + timedelta(hours=5)
    withdrawn = reader.withdraw_status("st_1", "tok_y", NOW)
    assert withdrawn.id == "st_1" and writer.statuses() == []
    assert reader.withdraw_status("st_1", "tok_y", NOW) is None
    actions = [(e["action"], e["token_id"]) for e in writer.audit()]
    assert actions == [("set", "tok_x"), ("withdraw", "tok_y")]


def test_long_expired_statuses_are_dropped_on_the_next_write(store_config) -> None:
    store = open_store(**store_config)
    store.add_status(_status(1, NOW - KEEP_EXPIRED - timedelta(hours=1)), NOW - timedelta(days=30))
    store.add_status(_status(2, NOW - timedelta(hours=1)), NOW - timedelta(days=1))
    store.add_status(_status(3, NOW + timedelta(hours=1)), NOW)
    assert [s.id for s in store.statuses()] == ["st_2", "st_3"]


def test_tokens_are_issued_verified_and_revoked(store_config) -> None:
    store = open_store(**store_config)
    issued = issue(store, "service", "snakkommobbing", NOW)
    assert verify(open_store(**store_config), issued.token).id == issued.record.id
    assert verify(store, issued.token + "x") is None
    assert verify(store, issued.record.id) is None
    assert [r.public()["id"] for r in store.tokens()] == [issued.record.id]
    assert "digest" not in store.tokens()[0].public()
    assert store.revoke_token(issued.record.id, NOW) and not store.revoke_token("tok_none", NOW)
    assert verify(store, issued.token) is None


def test_failed_attempts_are_counted_per_client_within_the_window(store_config) -> None:
    store = open_store(**store_config)
    now = time.time()
    assert [store.count_failure("a", now, 60) for _ in range(3)] == [1, 2, 3]
    assert store.failures("a", now, 60) == 3 and store.failures("b", now, 60) == 0


def _write_many(path: str, worker: int) -> None:
    store = SqliteStatusStore(Path(path))
    for n in range(20):
        store.add_status(_status(worker * 100 + n, NOW + timedelta(hours=1)), NOW)


def test_several_processes_write_to_one_sqlite_file_without_losing_anything(tmp_path: Path) -> None:
    path = str(tmp_path / "status.sqlite3")
    SqliteStatusStore(Path(path)).statuses()
    processes = [multiprocessing.get_context("spawn").Process(target=_write_many, args=(path, w)) for w in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    store = SqliteStatusStore(Path(path))
    assert len(store.statuses()) == 80
    assert len(store.audit(limit=1000)) == 80


def test_an_unreachable_store_means_regular_hours_not_a_crash(monkeypatch) -> None:
    import knowledge
    from knowledge import status_store

    monkeypatch.setattr(status_store, "_configured", open_store(redis_url="redis://127.0.0.1:9/0"))
    entries = knowledge.list_services(NOW)
    assert any(e["open_now"] for e in entries)
