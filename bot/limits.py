"""Per-conversation rate limiting: a flood from one sender slows that sender, nobody else."""
from __future__ import annotations

import time
from collections import deque
from typing import Deque, Dict, Optional


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
