"""The status store on Redis, for a scaled-out stack (several gateways and action servers).

Same operations as `knowledge.status_store.SqliteStatusStore`; each write is one MULTI/EXEC
transaction, failed sign-ins are counters that expire with the rate-limit window.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any, Dict, List, Optional

import redis

from knowledge.hours import to_oslo
from knowledge.status import LineStatus
from knowledge.status_store import AUDIT_KEEP, KEEP_EXPIRED, TokenRecord, audit_entry

PREFIX = "hjelpelos:status:"
STATUSES, TOKENS, AUDIT = PREFIX + "lines", PREFIX + "tokens", PREFIX + "audit"


class RedisStatusStore:
    """Statuses and tokens as Redis hashes (id -> JSON), the audit log as a capped list."""

    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)

    def statuses(self) -> List[LineStatus]:
        found = [LineStatus.from_dict(json.loads(v)) for v in self.client.hvals(STATUSES)]
        return sorted(found, key=lambda s: s.until)

    def get_status(self, status_id: str) -> Optional[LineStatus]:
        body = self.client.hget(STATUSES, status_id)
        return LineStatus.from_dict(json.loads(body)) if body else None

    def add_status(self, status: LineStatus, now: datetime) -> None:
        expired = [s.id for s in self.statuses() if s.until < now - KEEP_EXPIRED]
        with self.client.pipeline(transaction=True) as pipe:
            if expired:
                pipe.hdel(STATUSES, *expired)
            pipe.hset(STATUSES, status.id, json.dumps(status.to_dict()))
            self._audit(pipe, audit_entry("set", now, status, status.token_id))
            pipe.execute()

    def withdraw_status(self, status_id: str, token_id: Optional[str], now: datetime) -> Optional[LineStatus]:
        status = self.get_status(status_id)
        if status is None:
            return None
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hdel(STATUSES, status_id)
            self._audit(pipe, audit_entry("withdraw", now, status, token_id))
            removed = pipe.execute()[0]
        return status if removed else None

    def audit(self, limit: int = 100) -> List[Dict[str, Any]]:
        return [json.loads(v) for v in self.client.lrange(AUDIT, -limit, -1)]

    @staticmethod
    def _audit(pipe: Any, entry: Dict[str, Any]) -> None:
        pipe.rpush(AUDIT, json.dumps(entry))
        pipe.ltrim(AUDIT, -AUDIT_KEEP, -1)

    def add_token(self, record: TokenRecord) -> None:
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hset(TOKENS, record.id, json.dumps(asdict(record)))
            self._audit(pipe, audit_entry("token_create", to_oslo(record.created), token_id=record.id,
                                          role=record.role, service=record.service))
            pipe.execute()

    def token(self, token_id: str) -> Optional[TokenRecord]:
        body = self.client.hget(TOKENS, token_id)
        return TokenRecord(**json.loads(body)) if body else None

    def tokens(self) -> List[TokenRecord]:
        records = [TokenRecord(**json.loads(v)) for v in self.client.hvals(TOKENS)]
        return sorted(records, key=lambda r: r.created)

    def revoke_token(self, token_id: str, now: datetime) -> bool:
        record = self.token(token_id)
        if record is None:
            return False
        data = asdict(record)
        data["revoked"] = record.revoked or to_oslo(now).isoformat()
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hset(TOKENS, token_id, json.dumps(data))
            self._audit(pipe, audit_entry("token_revoke", now, token_id=token_id))
            pipe.execute()
        return True

    def count_failure(self, client: str, now_s: float, window_s: float) -> int:
        key = f"{PREFIX}failures:{client}"
        with self.client.pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=max(int(window_s), 1), nx=True)  # the window starts at the first failure
            pipe.incr(key)
            count = pipe.execute()[1]
        return int(count)

    def failures(self, client: str, now_s: float, window_s: float) -> int:
        return int(self.client.get(f"{PREFIX}failures:{client}") or 0)
