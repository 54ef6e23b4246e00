"""A real redis-server for the statistics stores, and events to count."""
from __future__ import annotations

from datetime import datetime

import pytest
import redis

from stats.events import DemandEvent


@pytest.fixture(scope="module")
def redis_url(redis_process) -> str:
    return redis_process.url


@pytest.fixture
def fresh_redis(redis_url: str) -> str:
    redis.Redis.from_url(redis_url).flushdb()
    return redis_url


def make_event(day: str = "2026-12-08", hour: int = 2, topic: str = "partner_violence", language: str = "nb",
               age=40, outcome: str = "best_fit_open", channel: str = "rest") -> DemandEvent:
    moment = datetime.fromisoformat(f"{day}T{hour:02d}:30")
    return DemandEvent.create(moment, language=language, reply_language=language if language in ("nb", "nn", "en", "se")
                              else "en", topic=topic, urgency="normal", age=age, channel=channel, outcome=outcome,
                              services=["vo-linjen"])
