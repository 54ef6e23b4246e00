"""A real redis-server for the statistics stores, and events to count."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from datetime import datetime
from typing import Iterator

import pytest
import redis

from stats.events import DemandEvent


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """Debian's redis-server on a free loopback port (make test installs it)."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing: make test installs it (apt-get install redis-server)"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL)
    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


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
