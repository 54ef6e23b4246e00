"""Tracker stores that forget: conversations expire, and a restart deletes history.

Rasa's InMemoryTrackerStore keeps every conversation for the life of the process, and its
RedisTrackerStore keeps everything said before a restart until the record expires. A crisis
service must not: after `ttl_seconds` (`record_exp` in Redis) without activity a conversation
is dropped, and when a conversation is restarted (STOP/SLUTT, quick exit) every event before
the restart is discarded, message texts included. Configure in endpoints.yml:
    tracker_store: {type: bot.tracker_store.ExpiringInMemoryTrackerStore, ttl_seconds: 1800}
or, with replicas, in endpoints.redis.yml:
    tracker_store: {type: bot.tracker_store.ForgetfulRedisTrackerStore, record_exp: 1800, ...}
"""
from __future__ import annotations

import threading
import time
from typing import Any, Dict, Iterable, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Restarted
from rasa.shared.core.trackers import DialogueStateTracker

DEFAULT_TTL_SECONDS = 1800


def after_last_restart(tracker: DialogueStateTracker, domain: Domain) -> Optional[DialogueStateTracker]:
    """The conversation without anything from before its last restart; None when nothing is left."""
    restarts = [i for i, e in enumerate(tracker.events) if isinstance(e, Restarted)]
    if not restarts:
        return tracker
    kept = list(tracker.events)[restarts[-1] + 1 :]
    if not kept:
        return None
    return DialogueStateTracker.from_events(tracker.sender_id, kept, domain.slots)


class ExpiringInMemoryTrackerStore(InMemoryTrackerStore):
    """Keeps a conversation only while it is in use, and nothing from before a restart."""

    def __init__(
        self,
        domain: Domain,
        event_broker: Optional[EventBroker] = None,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        sweep_interval_seconds: float = 30.0,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("host", None)
        super().__init__(domain, event_broker, **kwargs)
        self.ttl_seconds = float(ttl_seconds)
        self._last_seen: Dict[Text, float] = {}
        self._lock = threading.Lock()
        self._sweeper = threading.Thread(
            target=self._sweep_forever, args=(float(sweep_interval_seconds),), daemon=True
        )
        self._sweeper.start()

    async def save(self, tracker: DialogueStateTracker) -> None:
        if any(isinstance(e, Restarted) for e in tracker.events):
            await self.stream_events(tracker)
            kept = after_last_restart(tracker, self.domain)
            if kept is None:
                self.forget(tracker.sender_id)
                return
            tracker = kept
        await super().save(tracker)
        with self._lock:
            self._last_seen[tracker.sender_id] = time.monotonic()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self.sweep()
        return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self.sweep()
        return await super().retrieve_full_tracker(sender_id)

    async def keys(self) -> Iterable[Text]:
        self.sweep()
        return list(self.store.keys())

    def forget(self, sender_id: Text) -> None:
        with self._lock:
            self.store.pop(sender_id, None)
            self._last_seen.pop(sender_id, None)

    def sweep(self, now: Optional[float] = None) -> int:
        """Drop conversations idle for longer than the TTL; returns how many were dropped."""
        now = time.monotonic() if now is None else now
        with self._lock:
            expired = [s for s, seen in self._last_seen.items() if now - seen > self.ttl_seconds]
            for sender_id in expired:
                self.store.pop(sender_id, None)
                self._last_seen.pop(sender_id, None)
        return len(expired)

    def _sweep_forever(self, interval: float) -> None:
        while True:
            time.sleep(interval)
            self.sweep()


class ForgetfulRedisTrackerStore(RedisTrackerStore):
    """Rasa's Redis store (records expire after `record_exp`), but a restart deletes history."""

    async def save(self, tracker: DialogueStateTracker, timeout: Optional[float] = None) -> None:
        await self.stream_events(tracker)
        key = self.key_prefix + tracker.sender_id
        stored = self.red.get(key)
        if stored is not None:
            tracker = self._merge_trackers(self.deserialise_tracker(tracker.sender_id, stored), tracker)
        kept = after_last_restart(tracker, self.domain)
        if kept is None:
            self.red.delete(key)
            return
        self.red.set(key, self.serialise_tracker(kept), ex=timeout or self.record_exp)
