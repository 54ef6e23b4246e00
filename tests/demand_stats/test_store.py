"""The stores count identical events together, keep no order, and take two writers at once."""
from __future__ import annotations

import multiprocessing
from datetime import date

import pytest

from stats.store import open_store

from .conftest import make_event

WRITES_EACH = 150


def stores(tmp_path, fresh_redis):
    return {"sqlite": f"sqlite:///{tmp_path / 'run' / 'stats.sqlite'}", "redis": fresh_redis}


@pytest.fixture(params=["sqlite", "redis"])
def store_url(request, tmp_path, fresh_redis) -> str:
    return stores(tmp_path, fresh_redis)[request.param]


def test_identical_events_share_one_row_with_a_count(store_url):
    store = open_store(store_url)
    for _ in range(3):
        store.add(make_event())
    store.add(make_event(topic="bullying"))
    cells = store.events(date(2026, 12, 1), date(2026, 12, 31))
    assert sorted(cells.values()) == [1, 3]
    assert store.events(date(2026, 12, 9), date(2026, 12, 31)) == {}


def test_the_default_store_is_sqlite_under_run(monkeypatch):
    from stats import store

    monkeypatch.delenv(store.STATS_URL_ENV, raising=False)
    assert store.store_url() == f"sqlite:///{store.ROOT / 'run' / 'stats.sqlite'}"


def _write_many(url: str, topic: str) -> None:
    store = open_store(url)
    for _ in range(WRITES_EACH):
        store.add(make_event(topic=topic))
        store.add(make_event())  # the same row as the other writer's


def test_two_writers_at_once_lose_no_event(store_url):
    open_store(store_url)  # create the schema before the race, as the first start of a replica does
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(store_url, topic)) for topic in ("bullying", "trafficking")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    cells = open_store(store_url).events(date(2026, 12, 8), date(2026, 12, 8))
    by_topic = {key[4]: count for key, count in cells.items()}
    assert by_topic == {"partner_violence": 2 * WRITES_EACH, "bullying": WRITES_EACH, "trafficking": WRITES_EACH}


def test_a_sqlalchemy_url_for_another_database_works_the_same(tmp_path):
    """Any SQLAlchemy URL: here SQLite through the generic update-then-insert path."""
    from stats.store import SqlStore

    store = SqlStore(f"sqlite:///{tmp_path / 'other.sqlite'}")
    store.engine.dialect.name = "generic"  # the path dialects without an upsert statement take
    store.add(make_event())
    store.add(make_event())
    assert list(store.events(date(2026, 12, 8), date(2026, 12, 8)).values()) == [2]
