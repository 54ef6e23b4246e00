"""What the SMS channel remembers between deliveries: in this process, or in Redis.

With one gateway process the state lives in memory. With several gateway workers (or several
machines) a provider's retry may reach another worker than the first delivery, and the next
message of a person may too: the duplicate cache, the numbered options, the language after a
STOP and the rate limits then live in Redis, every key with an expiry. When Redis cannot be
reached the channel keeps answering: a rare double reply is better than silence.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Deque, List, Optional, Protocol

from collections import deque

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.channels.sms import Option, TtlCache
from bot.limits import RedisRateLimiter

log = structlog.get_logger(__name__)

DELIVERY_TTL_S = 24 * 3600.0  # providers retry for minutes to hours, not days
MAX_DELIVERIES_REMEMBERED = 100_000
MEMORY_TTL_S = 3600.0  # numbered options and language outlive a pause, not a day
MAX_CONVERSATIONS_REMEMBERED = 20_000
PREFIX = "hjelpelos:sms:"


@dataclass
class ConversationMemory:
    """What the SMS layer keeps per conversation: the options last offered, the language."""

    options: List[Option] = field(default_factory=list)
    language: Optional[str] = None

    def to_json(self) -> str:
        return json.dumps({"options": [[o.title, o.payload] for o in self.options],
                           "language": self.language})

    @classmethod
    def from_json(cls, text: str) -> "ConversationMemory":
        data = json.loads(text)
        return cls([Option(title, payload) for title, payload in data.get("options", [])],
                   data.get("language"))


class SmsState(Protocol):
    async def claim_delivery(self, key: str) -> bool:
        """True the first time a delivery key is seen, by any worker."""

    async def allow(self, conversation_id: str) -> bool:
        """False when the conversation sent too many messages within the window."""

    async def recall(self, conversation_id: str) -> ConversationMemory: ...

    async def remember(self, conversation_id: str, memory: ConversationMemory) -> None: ...

    async def forget(self, conversation_id: str) -> None: ...


class SlidingWindowLimiter:
    """At most `limit` messages per conversation within `window_s`; a flood gets no replies."""

    def __init__(self, limit: int, window_s: float, clock: Any = time.monotonic) -> None:
        self._limit = limit
        self._window_s = window_s
        self._clock = clock
        self._hits: TtlCache[Deque[float]] = TtlCache(window_s, MAX_CONVERSATIONS_REMEMBERED, clock)

    def allow(self, key: str) -> bool:
        now = self._clock()
        hits = self._hits.get(key) or deque()
        while hits and hits[0] <= now - self._window_s:
            hits.popleft()
        if len(hits) >= self._limit:
            return False
        hits.append(now)
        self._hits.set(key, hits)
        return True


class InMemorySmsState:
    """One gateway process: bounded maps whose entries expire."""

    def __init__(self, limit: int, window_s: float, clock: Any = time.monotonic) -> None:
        self._deliveries: TtlCache[bool] = TtlCache(DELIVERY_TTL_S, MAX_DELIVERIES_REMEMBERED, clock)
        self._memory: TtlCache[ConversationMemory] = TtlCache(
            MEMORY_TTL_S, MAX_CONVERSATIONS_REMEMBERED, clock)
        self._limiter = SlidingWindowLimiter(limit, window_s, clock)

    async def claim_delivery(self, key: str) -> bool:
        return self._deliveries.add_if_absent(key, True)

    async def allow(self, conversation_id: str) -> bool:
        return self._limiter.allow(conversation_id)

    async def recall(self, conversation_id: str) -> ConversationMemory:
        return self._memory.get(conversation_id) or ConversationMemory()

    async def remember(self, conversation_id: str, memory: ConversationMemory) -> None:
        self._memory.set(conversation_id, memory)

    async def forget(self, conversation_id: str) -> None:
        self._memory.pop(conversation_id)


class RedisSmsState:
    """Several gateway workers: the same state for all of them, every key with an expiry."""

    def __init__(self, client: Redis, limit: int, window_s: float) -> None:
        self._redis = client
        self._limiter = RedisRateLimiter(client, limit, window_s, f"{PREFIX}rate:")

    async def claim_delivery(self, key: str) -> bool:
        try:
            return bool(await self._redis.set(f"{PREFIX}delivery:{key}", b"1", nx=True,
                                              ex=int(DELIVERY_TTL_S)))
        except RedisError as error:
            log.warning("sms.state_unavailable", during="claim", error=type(error).__name__)
            return True

    async def allow(self, conversation_id: str) -> bool:
        return await self._limiter.allow(conversation_id)

    async def recall(self, conversation_id: str) -> ConversationMemory:
        try:
            stored = await self._redis.get(f"{PREFIX}memory:{conversation_id}")
        except RedisError as error:
            log.warning("sms.state_unavailable", during="recall", error=type(error).__name__)
            return ConversationMemory()
        return ConversationMemory.from_json(stored) if stored else ConversationMemory()

    async def remember(self, conversation_id: str, memory: ConversationMemory) -> None:
        try:
            await self._redis.set(f"{PREFIX}memory:{conversation_id}", memory.to_json(),
                                  ex=int(MEMORY_TTL_S))
        except RedisError as error:
            log.warning("sms.state_unavailable", during="remember", error=type(error).__name__)

    async def forget(self, conversation_id: str) -> None:
        try:
            await self._redis.delete(f"{PREFIX}memory:{conversation_id}")
        except RedisError as error:
            log.warning("sms.state_unavailable", during="forget", error=type(error).__name__)
