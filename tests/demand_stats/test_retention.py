"""Retention: events older than the kept days become daily aggregates and are deleted."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from stats.events import OSLO
from stats.recorder import Recorder, keep_days
from stats.report import suppressed_aggregates
from stats.store import open_store

from .conftest import make_event


@pytest.fixture(params=["sqlite", "redis"])
def store(request, tmp_path, fresh_redis):
    return open_store({"sqlite": f"sqlite:///{tmp_path / 'stats.sqlite'}", "redis": fresh_redis}[request.param])


def test_old_events_are_rolled_up_into_daily_counts_and_deleted(store):
    for hour in (2, 3, 14):
        for _ in range(2):
            store.add(make_event(day="2026-08-01", hour=hour))
    store.add(make_event(day="2026-11-30", hour=9))
    moved = store.roll_up(date(2026, 9, 1))
    assert moved == 3
    assert store.events(date(2026, 1, 1), date(2026, 8, 31)) == {}
    daily = store.daily(date(2026, 1, 1), date(2026, 12, 31))
    assert list(daily.values()) == [6]  # three hours of one day, one row without hour or services
    assert len(next(iter(daily))) == 8
    assert list(store.events(date(2026, 11, 30), date(2026, 11, 30)).values()) == [1]
    report = suppressed_aggregates(store, date(2026, 8, 1), date(2026, 8, 1))
    assert [row["count"] for row in report["demand"]] == [6]  # still counted after the roll-up
    assert report["by_hour"] == []  # the hour is gone


def test_rolling_up_twice_adds_nothing(store):
    store.add(make_event(day="2026-08-01"))
    store.roll_up(date(2026, 9, 1))
    store.add(make_event(day="2026-08-01"))  # a late write for the same old day
    store.roll_up(date(2026, 9, 1))
    assert list(store.daily(date(2026, 8, 1), date(2026, 8, 1)).values()) == [2]


def test_the_kept_days_are_configurable(monkeypatch):
    monkeypatch.delenv("HJELPELOS_STATS_KEEP_DAYS", raising=False)
    assert keep_days() == 90
    monkeypatch.setenv("HJELPELOS_STATS_KEEP_DAYS", "30")
    assert keep_days() == 30
    monkeypatch.setenv("HJELPELOS_STATS_KEEP_DAYS", "many")
    assert keep_days() == 90


def test_the_recorder_applies_retention_when_it_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'stats.sqlite'}"
    today = datetime.now(OSLO).date()
    old, recent = today - timedelta(days=40), today - timedelta(days=10)
    store = open_store(url)
    store.add(make_event(day=old.isoformat()))
    recorder = Recorder(lambda: open_store(url), retain_days=30)
    assert recorder.record(make_event(day=recent.isoformat()))
    assert recorder.flush()
    assert store.events(old, old) == {}
    assert list(store.daily(old, old).values()) == [1]
    assert list(store.events(recent, recent).values()) == [1]


def test_the_retain_command_rolls_up_what_is_older_than_the_kept_days(tmp_path, capsys):
    from bot.cli.main import main

    url = f"sqlite:///{tmp_path / 'stats.sqlite'}"
    today = datetime.now(OSLO).date()
    store = open_store(url)
    store.add(make_event(day=(today - timedelta(days=91)).isoformat()))
    store.add(make_event(day=(today - timedelta(days=89)).isoformat()))
    assert main(["stats", "retain", "--store", url]) == 0
    assert "1 event row(s)" in capsys.readouterr().out
    assert sum(store.events(today - timedelta(days=100), today).values()) == 1
    assert sum(store.daily(today - timedelta(days=100), today).values()) == 1
