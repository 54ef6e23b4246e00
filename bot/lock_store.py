"""Rasa's Redis lock store, with an expiry on every lock.

Rasa deletes a conversation's lock once no one waits for it, but a replica killed mid-turn
never does: its lock, named after the conversation ID, would stay in Redis for good. Each
lock here expires a little after its last ticket could. Configure in endpoints.redis.yml:
    lock_store: {type: bot.lock_store.ExpiringRedisLockStore, url: ..., port: ..., db: ...}
"""
from __future__ import annotations

from typing import Any, Optional

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
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
