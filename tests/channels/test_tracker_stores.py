"""Conversation state expires: in memory by default, in Redis when scaling out."""
import asyncio
import concurrent.futures
import time
from pathlib import Path

import pytest
import redis

from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from bot.tracker_store import ExpiringInMemoryTrackerStore

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def run(coroutine):
    """Run a coroutine on its own thread: the browser suite's sync Playwright keeps a loop running."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _tracker(sender: str, *texts: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [UserUttered(t) for t in texts], DOMAIN.slots)


def test_idle_conversations_expire() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=60, sweep_interval_seconds=3600)
    run(store.save(_tracker("a", "pappa slår meg")))
    assert store.sweep(now=time.monotonic() + 30) == 0
    assert store.sweep(now=time.monotonic() + 61) == 1
    assert run(store.retrieve("a")) is None


def test_a_restart_deletes_everything_said_before_it() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=60, sweep_interval_seconds=3600)
    tracker = _tracker("b", "han truer meg")
    tracker.update(Restarted())
    run(store.save(tracker))
    assert run(store.retrieve("b")) is None
    assert not any("han truer meg" in value for value in store.store.values())


def test_events_after_a_restart_are_kept_and_nothing_before() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=60, sweep_interval_seconds=3600)
    tracker = _tracker("c", "gammel tekst")
    tracker.update(Restarted())
    tracker.update(UserUttered("ny tekst"))
    run(store.save(tracker))
    kept = run(store.retrieve("c"))
    texts = [e.text for e in kept.events if isinstance(e, UserUttered)]
    assert texts == ["ny tekst"]


@pytest.fixture(scope="module")
def redis_server(redis_process) -> int:
    return redis_process.port


def _redis_env(monkeypatch, port: int) -> None:
    from bot.stack import redis_env

    for name, value in redis_env(f"redis://127.0.0.1:{port}/2").items():
        monkeypatch.setenv(name, value)


def test_redis_tracker_store_from_endpoints_expires_records(redis_server: int, monkeypatch) -> None:
    _redis_env(monkeypatch, redis_server)
    config = read_endpoint_config(str(ROOT / "endpoints.redis.yml"), "tracker_store")
    store = TrackerStore.create(config, DOMAIN)
    run(store.save(_tracker("d", "hei")))
    restored = run(store.retrieve("d"))
    assert [e.text for e in restored.events if isinstance(e, UserUttered)] == ["hei"]
    client = redis.Redis(host="127.0.0.1", port=redis_server, db=2)
    keys = client.keys("hjelpelos*")
    assert keys and all(0 < client.ttl(k) <= 1800 for k in keys)


def test_redis_lock_store_from_endpoints_locks_a_conversation(redis_server: int, monkeypatch) -> None:
    _redis_env(monkeypatch, redis_server)
    from rasa.core.lock_store import RedisLockStore

    store = LockStore.create(read_endpoint_config(str(ROOT / "endpoints.redis.yml"), "lock_store"))
    assert isinstance(store, RedisLockStore)
    ticket = store.issue_ticket("e")
    assert store.get_lock("e").last_issued == ticket
    client = redis.Redis(host="127.0.0.1", port=redis_server, db=2)
    keys = client.keys("hjelpelos:lock*")
    assert keys and all(client.ttl(k) > 0 for k in keys), "a lock left by a killed replica expires"


def test_a_restart_in_redis_deletes_everything_said_before_it(redis_server: int, monkeypatch) -> None:
    _redis_env(monkeypatch, redis_server)
    store = TrackerStore.create(read_endpoint_config(str(ROOT / "endpoints.redis.yml"), "tracker_store"), DOMAIN)
    run(store.save(_tracker("f", "han truer meg")))
    tracker = run(store.retrieve("f"))
    tracker.update(Restarted())
    run(store.save(tracker))
    client = redis.Redis(host="127.0.0.1", port=redis_server, db=2)
    assert not any(b"han truer meg" in (client.get(k) or b"") for k in client.keys("hjelpelos:tracker*"))
    assert run(store.retrieve("f")) is None
    tracker = _tracker("g", "gammel tekst")
    tracker.update(Restarted())
    tracker.update(UserUttered("ny tekst"))
    run(store.save(tracker))
    kept = run(store.retrieve("g"))
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == ["ny tekst"]
    assert 0 < client.ttl(b"hjelpelos:tracker:g") <= 1800


def test_a_replica_waiting_for_a_dead_replicas_lock_gets_it_when_that_ticket_runs_out(
    redis_server: int, monkeypatch
) -> None:
    """The dead holder's ticket lives 2 s, the waiter's own 1 s: Rasa's store would wait forever."""
    _redis_env(monkeypatch, redis_server)
    config = read_endpoint_config(str(ROOT / "endpoints.redis.yml"), "lock_store")
    dead, alive = LockStore.create(config), LockStore.create(config)
    dead.issue_ticket("h", lock_lifetime=2)  # taken, then the process was killed

    async def take_over() -> float:
        started = time.monotonic()
        async with alive.lock("h", lock_lifetime=1, wait_time_in_seconds=1.5):
            return time.monotonic() - started

    waited = run(asyncio.wait_for(take_over(), timeout=15))
    assert 1.5 <= waited < 6
