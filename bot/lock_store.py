"""Rasa's Redis lock store, made safe for a replica that dies holding a lock.

Two things go wrong in Rasa's own store when a replica is killed mid-turn:
- its lock, named after the conversation ID, is never deleted and stays in Redis for good;
  here each lock expires a little after its last ticket could;
- the replica that takes the conversation over waits for the dead ticket to expire, but its
  own ticket has the same lifetime and may expire first; from then on Rasa reports the lock
  as taken forever and the turn hangs. Here a waiting replica renews its own ticket on every
  poll: only tickets of processes that are gone run out.
Configure in endpoints.redis.yml:
    lock_store: {type: bot.lock_store.ExpiringRedisLockStore, url: ..., port: ..., db: ...}
"""
from __future__ import annotations

import asyncio
import time
from typing import Any, Optional

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MARGIN_S = 60


class ExpiringRedisLockStore(RedisLockStore):
    """Locks in Redis that Redis itself removes when the replica holding them is gone."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # how Rasa builds a lock store named by module path
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def save_lock(self, lock: TicketLock) -> None:
        self.red.set(self.key_prefix + lock.conversation_id, lock.dumps(), ex=int(LOCK_LIFETIME + MARGIN_S))

    async def _acquire_lock(
        self, conversation_id: str, ticket: int, wait_time_in_seconds: float
    ) -> TicketLock:
        while True:
            lock = self.get_lock(conversation_id)
            if lock is None:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            renewed = [t for t in lock.tickets if t.number != ticket and not t.has_expired()]
            renewed.append(Ticket(ticket, time.time() + LOCK_LIFETIME))
            lock.tickets = sorted(renewed, key=lambda t: t.number)
            self.save_lock(lock)
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(wait_time_in_seconds)
