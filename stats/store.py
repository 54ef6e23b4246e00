"""Where demand events are counted: SQLite under run/ by default, Redis or any SQLAlchemy
database when several replicas and gateway workers must count into one place.

Identical events share one row (or hash field) with a count, so the store keeps no order of
arrival and nothing that ties two events together. `roll_up` implements retention: events of
old days become daily aggregates (no hour of week, no services) and are deleted.
"""
from __future__ import annotations

import os
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Dict, List, Protocol, Tuple

from stats.events import DAILY_FIELDS, EVENT_FIELDS, DemandEvent

ROOT = Path(__file__).resolve().parent.parent
STATS_URL_ENV = "HJELPELOS_STATS_URL"
DEFAULT_URL = f"sqlite:///{ROOT / 'run' / 'stats.sqlite'}"
SQLITE_TIMEOUT_S = 5.0

Cell = Tuple  # a row's key: values in EVENT_FIELDS or DAILY_FIELDS order


class EventStore(Protocol):
    """What the recorder, the report and retention need of a store."""

    def add(self, event: DemandEvent) -> None: ...

    def events(self, first: date, last: date) -> Dict[Cell, int]: ...

    def daily(self, first: date, last: date) -> Dict[Cell, int]: ...

    def roll_up(self, before: date) -> int: ...


def store_url() -> str:
    return os.environ.get(STATS_URL_ENV) or DEFAULT_URL


def open_store(url: str | None = None) -> EventStore:
    """`redis://...` -> RedisStore; anything else is an SQLAlchemy URL (sqlite:///..., postgresql://...)."""
    url = url or store_url()
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(url)
    return SqlStore(url)


def daily_cell(event_key: Cell) -> Cell:
    """An event row's key without hour of week and services."""
    values = dict(zip(EVENT_FIELDS, event_key))
    return tuple(values[f] for f in DAILY_FIELDS)


class SqlStore:
    """Counts in two tables through SQLAlchemy Core; SQLite runs in WAL mode with a busy timeout."""

    def __init__(self, url: str) -> None:
        import sqlalchemy as sa

        self._sa = sa
        options = {}
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # Keep connections open (SQLAlchemy 1.4 opens a new one per use for SQLite files):
            # the writer thread and readers reuse them instead of reopening the file per event.
            options = {"poolclass": sa.pool.QueuePool,
                       "connect_args": {"timeout": SQLITE_TIMEOUT_S, "check_same_thread": False}}
        self.engine = sa.create_engine(url, future=True, **options)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        meta = sa.MetaData()
        self.events_table = sa.Table("demand_events", meta, *_key_columns(sa, EVENT_FIELDS),
                                     sa.Column("count", sa.Integer, nullable=False), sqlite_with_rowid=False)
        self.daily_table = sa.Table("demand_daily", meta, *_key_columns(sa, DAILY_FIELDS),
                                    sa.Column("count", sa.Integer, nullable=False), sqlite_with_rowid=False)
        meta.create_all(self.engine)

    def add(self, event: DemandEvent) -> None:
        with self.engine.begin() as connection:
            self._increment(connection, self.events_table, EVENT_FIELDS, event.key(), 1)

    def _increment(self, connection, table, names: Tuple[str, ...], key: Cell, count: int) -> None:
        """count += n for the row with this key, creating it; one statement where the dialect has upsert."""
        values = dict(zip(names, key), count=count)
        dialect = self.engine.dialect.name
        if dialect in ("sqlite", "postgresql"):
            module = __import__(f"sqlalchemy.dialects.{dialect}", fromlist=["insert"])
            statement = module.insert(table).values(**values)
            statement = statement.on_conflict_do_update(
                index_elements=list(names), set_={"count": table.c.count + statement.excluded.count})
            connection.execute(statement)
            return
        where = self._sa.and_(*[table.c[n] == v for n, v in zip(names, key)])
        updated = connection.execute(table.update().where(where).values(count=table.c.count + count))
        if updated.rowcount == 0:
            connection.execute(table.insert().values(**values))

    def _read(self, table, names: Tuple[str, ...], first: date, last: date) -> Dict[Cell, int]:
        sa = self._sa
        query = sa.select(*[table.c[n] for n in names], table.c.count).where(
            table.c.date >= first.isoformat(), table.c.date <= last.isoformat())
        with self.engine.connect() as connection:
            return {tuple(row[:-1]): int(row[-1]) for row in connection.execute(query)}

    def events(self, first: date, last: date) -> Dict[Cell, int]:
        return self._read(self.events_table, EVENT_FIELDS, first, last)

    def daily(self, first: date, last: date) -> Dict[Cell, int]:
        return self._read(self.daily_table, DAILY_FIELDS, first, last)

    def roll_up(self, before: date) -> int:
        """Move events dated before `before` into daily aggregates, in one transaction."""
        sa, table = self._sa, self.events_table
        old = table.c.date < before.isoformat()
        with self.engine.begin() as connection:
            rows = connection.execute(sa.select(*[table.c[n] for n in EVENT_FIELDS], table.c.count).where(old)).all()
            totals: Counter = Counter()
            for row in rows:
                totals[daily_cell(tuple(row[:-1]))] += int(row[-1])
            for key, count in totals.items():
                self._increment(connection, self.daily_table, DAILY_FIELDS, key, count)
            connection.execute(table.delete().where(old))
        return len(rows)


def _key_columns(sa, names: Tuple[str, ...]) -> list:
    """The row key: every event field. No row id, so the table keeps no order of arrival."""
    sizes = {"services": 512}
    return [sa.Column(name, sa.Integer if name == "hour_of_week" else sa.String(sizes.get(name, 64)),
                      primary_key=True, autoincrement=False, nullable=False) for name in names]


def _sqlite_pragmas(connection, _record) -> None:
    """WAL lets readers and one writer work at once; busy_timeout makes writers wait, not fail;
    synchronous=NORMAL spares an fsync per event."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL never corrupts the file; a power cut may lose the last events, not the rest.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_TIMEOUT_S * 1000)}")
    cursor.close()


class RedisStore:
    """One hash per day and kind; field = the cell's values joined by a unit separator."""

    PREFIX = "hjelpelos:stats"
    SEPARATOR = "\x1f"

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=SQLITE_TIMEOUT_S,
                                           socket_connect_timeout=SQLITE_TIMEOUT_S)

    def _key(self, kind: str, day: str) -> str:
        return f"{self.PREFIX}:{kind}:{day}"

    def _field(self, key: Cell) -> str:
        return self.SEPARATOR.join(str(v) for v in key)

    def _cell(self, field: bytes, names: Tuple[str, ...]) -> Cell:
        values = field.decode().split(self.SEPARATOR)
        return tuple(int(v) if n == "hour_of_week" else v for n, v in zip(names, values))

    def add(self, event: DemandEvent) -> None:
        pipe = self.client.pipeline(transaction=True)
        pipe.hincrby(self._key("events", event.date), self._field(event.key()), 1)
        pipe.sadd(self._key("days", "events"), event.date)
        pipe.execute()

    def _days(self, kind: str, first: date, last: date) -> List[str]:
        days = (d.decode() for d in self.client.smembers(self._key("days", kind)))
        return sorted(d for d in days if first.isoformat() <= d <= last.isoformat())

    def _read(self, kind: str, names: Tuple[str, ...], first: date, last: date) -> Dict[Cell, int]:
        found: Dict[Cell, int] = {}
        for day in self._days(kind, first, last):
            for field, count in self.client.hgetall(self._key(kind, day)).items():
                found[self._cell(field, names)] = int(count)
        return found

    def events(self, first: date, last: date) -> Dict[Cell, int]:
        return self._read("events", EVENT_FIELDS, first, last)

    def daily(self, first: date, last: date) -> Dict[Cell, int]:
        return self._read("daily", DAILY_FIELDS, first, last)

    def roll_up(self, before: date) -> int:
        """Each old day in one MULTI/EXEC, retried if a writer touched it meanwhile."""
        import redis

        moved = 0
        for day in self._days("events", date.min, before - timedelta(days=1)):
            key = self._key("events", day)
            with self.client.pipeline(transaction=True) as pipe:
                while True:
                    try:
                        pipe.watch(key)
                        fields = pipe.hgetall(key)
                        totals: Counter = Counter()
                        for field, count in fields.items():
                            totals[daily_cell(self._cell(field, EVENT_FIELDS))] += int(count)
                        pipe.multi()
                        for cell, count in totals.items():
                            pipe.hincrby(self._key("daily", day), self._field(cell), count)
                        pipe.sadd(self._key("days", "daily"), day)
                        pipe.delete(key)
                        pipe.srem(self._key("days", "events"), day)
                        pipe.execute()
                        moved += len(fields)
                        break
                    except redis.WatchError:
                        continue
        return moved
