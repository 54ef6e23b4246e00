"""Per-conversation rate limiting: a flood from one sender slows that sender, nobody else."""
from __future__ import annotations

import time
import uuid
from collections import deque
from typing import Deque, Dict, Optional

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)


class RateLimiter:
    """At most `limit` events per `window_s` seconds per key; keys are forgotten when idle."""

    def __init__(self, limit: int, window_s: float, max_keys: int = 100_000) -> None:
        self.limit = limit
        self.window_s = window_s
        self.max_keys = max_keys
        self._events: Dict[str, Deque[float]] = {}

    def allow(self, key: str, now: Optional[float] = None) -> bool:
        now = time.monotonic() if now is None else now
        events = self._events.setdefault(key, deque())
        while events and now - events[0] > self.window_s:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        if len(self._events) > self.max_keys:
            self._forget_idle(now)
        return True

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, e in self._events.items() if not e or now - e[-1] > self.window_s]:
            del self._events[key]


# One atomic step of a sliding window on a sorted set: drop old hits, refuse when full, else
# add this hit; the key expires with the window. Redis's own clock, so every worker agrees.
_SLIDING_WINDOW = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local window_ms = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms - window_ms)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], now_ms, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window_ms)
return 1
"""


class RedisRateLimiter:
    """The same limit for all gateway workers: at most `limit` per `window_s` per key, in Redis.

    When Redis cannot be reached the message is let through: being slowed matters less than
    being answered.
    """

    def __init__(self, client: Redis, limit: int, window_s: float, prefix: str) -> None:
        self.limit = limit
        self.window_s = window_s
        self._prefix = prefix
        self._script = client.register_script(_SLIDING_WINDOW)

    async def allow(self, key: str) -> bool:
        try:
            return bool(await self._script(keys=[f"{self._prefix}{key}"],
                                           args=[self.limit, int(self.window_s * 1000), uuid.uuid4().hex]))
        except RedisError as error:
            log.warning("rate_limit.state_unavailable", error=type(error).__name__)
            return True
