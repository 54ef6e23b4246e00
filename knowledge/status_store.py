"""Where reported statuses, API tokens (hashes only) and the audit log live, shared by processes.

The gateway writes; the gateway, the action server and the CLI read. All of them open the same
store: a SQLite file (default `run/status.sqlite3`, WAL mode, one transaction per write, so
several gateway workers can share it) or Redis when `HJELPELOS_STATUS_REDIS_URL` is set (see
`knowledge.status_redis`). Nothing here holds personal data: tokens are kept as SHA-256 digests,
the audit log records service, channel, state, times and token id, and failed sign-ins are
counted under a keyed hash of the client address that expires with the rate-limit window.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Protocol

from knowledge.hours import to_oslo
from knowledge.status import LineStatus, utc_now

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "run" / "status.sqlite3"
DB_ENV, REDIS_ENV = "HJELPELOS_STATUS_DB", "HJELPELOS_STATUS_REDIS_URL"
# Expired statuses stay this long (so `--at` a little in the past still sees them), then go.
KEEP_EXPIRED = timedelta(days=7)
AUDIT_KEEP = 100_000  # audit entries kept (the oldest go first)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenRecord:
    """An API token as stored: its public id, role, service (role `service` only) and digest."""

    id: str
    role: str
    service: Optional[str]
    digest: str
    created: str
    revoked: Optional[str] = None

    def public(self) -> Dict[str, Any]:
        """What `tokens list` shows: everything but the digest."""
        data = asdict(self)
        del data["digest"]
        return data


class StatusStore(Protocol):
    """The operations every backend offers (SQLite here, Redis in knowledge.status_redis)."""

    def statuses(self) -> List[LineStatus]: ...
    def get_status(self, status_id: str) -> Optional[LineStatus]: ...
    def add_status(self, status: LineStatus, now: datetime) -> None: ...
    def withdraw_status(self, status_id: str, token_id: Optional[str], now: datetime) -> Optional[LineStatus]: ...
    def audit(self, limit: int = 100) -> List[Dict[str, Any]]: ...
    def add_token(self, record: TokenRecord) -> None: ...
    def token(self, token_id: str) -> Optional[TokenRecord]: ...
    def tokens(self) -> List[TokenRecord]: ...
    def revoke_token(self, token_id: str, now: datetime) -> bool: ...
    def count_failure(self, client: str, now_s: float, window_s: float) -> int: ...
    def failures(self, client: str, now_s: float, window_s: float) -> int: ...


def audit_entry(action: str, now: datetime, status: Optional[LineStatus] = None,
                token_id: Optional[str] = None, **extra: Any) -> Dict[str, Any]:
    """One audit record: what changed, when, by which token. Never a person or an address."""
    entry: Dict[str, Any] = {"at": to_oslo(now).isoformat(), "action": action, "token_id": token_id}
    if status:
        entry.update(status_id=status.id, service=status.service, channel=status.channel,
                     state=status.state, reason=status.reason,
                     **{"from": status.start.isoformat(), "until": status.until.isoformat()})
    entry.update(extra)
    return entry


_SCHEMA = """
CREATE TABLE IF NOT EXISTS statuses (id TEXT PRIMARY KEY, service TEXT NOT NULL, until_ts REAL NOT NULL,
                                     body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS auth_failures (client TEXT NOT NULL, at_s REAL NOT NULL);
CREATE INDEX IF NOT EXISTS auth_failures_client ON auth_failures (client, at_s);
"""


class SqliteStatusStore:
    """The default store: one SQLite file in WAL mode; each write is one IMMEDIATE transaction."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
        connection.execute("PRAGMA busy_timeout = 10000")
        if not self._ready:
            with self._lock:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.executescript(_SCHEMA)
                self._ready = True
        return connection

    @contextmanager
    def _read(self) -> Iterator[Optional[sqlite3.Connection]]:
        """A connection for reading, or None when nothing was ever written (no file yet)."""
        if not self._ready and not self.path.exists():
            yield None
            return
        connection = self._connect()
        try:
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    def statuses(self) -> List[LineStatus]:
        with self._read() as db:
            rows = db.execute("SELECT body FROM statuses ORDER BY until_ts").fetchall() if db else []
        return [LineStatus.from_dict(json.loads(body)) for (body,) in rows]

    def get_status(self, status_id: str) -> Optional[LineStatus]:
        with self._read() as db:
            row = db.execute("SELECT body FROM statuses WHERE id = ?", (status_id,)).fetchone() if db else None
        return LineStatus.from_dict(json.loads(row[0])) if row else None

    def add_status(self, status: LineStatus, now: datetime) -> None:
        with self._write() as db:
            db.execute("DELETE FROM statuses WHERE until_ts < ?", ((now - KEEP_EXPIRED).timestamp(),))
            db.execute("INSERT INTO statuses (id, service, until_ts, body) VALUES (?, ?, ?, ?)",
                       (status.id, status.service, status.until.timestamp(), json.dumps(status.to_dict())))
            self._audit(db, audit_entry("set", now, status, status.token_id))

    def withdraw_status(self, status_id: str, token_id: Optional[str], now: datetime) -> Optional[LineStatus]:
        with self._write() as db:
            row = db.execute("SELECT body FROM statuses WHERE id = ?", (status_id,)).fetchone()
            if not row:
                return None
            status = LineStatus.from_dict(json.loads(row[0]))
            db.execute("DELETE FROM statuses WHERE id = ?", (status_id,))
            self._audit(db, audit_entry("withdraw", now, status, token_id))
        return status

    def audit(self, limit: int = 100) -> List[Dict[str, Any]]:
        with self._read() as db:
            rows = db.execute("SELECT body FROM audit ORDER BY seq DESC LIMIT ?", (limit,)).fetchall() if db else []
        return [json.loads(body) for (body,) in reversed(rows)]

    def _audit(self, db: sqlite3.Connection, entry: Dict[str, Any]) -> None:
        db.execute("INSERT INTO audit (body) VALUES (?)", (json.dumps(entry),))
        db.execute("DELETE FROM audit WHERE seq <= (SELECT MAX(seq) FROM audit) - ?", (AUDIT_KEEP,))

    def add_token(self, record: TokenRecord) -> None:
        with self._write() as db:
            db.execute("INSERT INTO tokens (id, body) VALUES (?, ?)", (record.id, json.dumps(asdict(record))))
            self._audit(db, audit_entry("token_create", to_oslo(record.created), token_id=record.id,
                                        role=record.role, service=record.service))

    def token(self, token_id: str) -> Optional[TokenRecord]:
        with self._read() as db:
            row = db.execute("SELECT body FROM tokens WHERE id = ?", (token_id,)).fetchone() if db else None
        return TokenRecord(**json.loads(row[0])) if row else None

    def tokens(self) -> List[TokenRecord]:
        with self._read() as db:
            rows = db.execute("SELECT body FROM tokens ORDER BY rowid").fetchall() if db else []
        return [TokenRecord(**json.loads(body)) for (body,) in rows]

    def revoke_token(self, token_id: str, now: datetime) -> bool:
        with self._write() as db:
            row = db.execute("SELECT body FROM tokens WHERE id = ?", (token_id,)).fetchone()
            if not row:
                return False
            data = json.loads(row[0])
            data["revoked"] = data.get("revoked") or to_oslo(now).isoformat()
            db.execute("UPDATE tokens SET body = ? WHERE id = ?", (json.dumps(data), token_id))
            self._audit(db, audit_entry("token_revoke", now, token_id=token_id))
        return True

    def count_failure(self, client: str, now_s: float, window_s: float) -> int:
        with self._write() as db:
            db.execute("DELETE FROM auth_failures WHERE at_s < ?", (now_s - window_s,))
            db.execute("INSERT INTO auth_failures (client, at_s) VALUES (?, ?)", (client, now_s))
            (count,) = db.execute("SELECT COUNT(*) FROM auth_failures WHERE client = ?", (client,)).fetchone()
        return int(count)

    def failures(self, client: str, now_s: float, window_s: float) -> int:
        with self._read() as db:
            if not db:
                return 0
            (count,) = db.execute("SELECT COUNT(*) FROM auth_failures WHERE client = ? AND at_s >= ?",
                                  (client, now_s - window_s)).fetchone()
        return int(count)


def open_store(db_path: Optional[str] = None, redis_url: Optional[str] = None) -> StatusStore:
    """Redis when a URL is given, else the SQLite file (default run/status.sqlite3)."""
    if redis_url:
        from knowledge.status_redis import RedisStatusStore

        return RedisStatusStore(redis_url)
    return SqliteStatusStore(Path(db_path) if db_path else DEFAULT_DB)


_configured: Optional[StatusStore] = None
_from_env: Dict[tuple, StatusStore] = {}


def configure(store: Optional[StatusStore]) -> None:
    """Make `store` the one routing reads in this process (the gateway sets its own)."""
    global _configured
    _configured = store


def current_store() -> StatusStore:
    """The configured store, else the one HJELPELOS_STATUS_DB / HJELPELOS_STATUS_REDIS_URL name."""
    if _configured is not None:
        return _configured
    key = (os.environ.get(DB_ENV) or None, os.environ.get(REDIS_ENV) or None)
    if key not in _from_env:
        _from_env[key] = open_store(*key)
    return _from_env[key]


def live_statuses() -> List[LineStatus]:
    """Every stored status, for routing. A store that cannot be read means regular hours only."""
    try:
        return current_store().statuses()
    except Exception as error:  # an unreachable store must never stop someone getting a number
        log.warning("status store unreadable, using regular hours: %s", type(error).__name__)
        return []


def new_status_id() -> str:
    import secrets

    return "st_" + secrets.token_hex(6)


__all__ = ["DEFAULT_DB", "LineStatus", "SqliteStatusStore", "StatusStore", "TokenRecord", "configure",
           "current_store", "live_statuses", "new_status_id", "open_store", "utc_now"]
