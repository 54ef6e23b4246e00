"""Recording demand events without ever holding up or breaking a reply.

`record` only puts the event on a bounded in-memory queue; one background thread writes it to
the store. A store that is slow delays nobody; a store that fails, or a full queue, loses the
event and counts it in `hjelpelos_stats_failures_total`. `HJELPELOS_STATS=off` turns it all off.
The same thread applies retention once a day (HJELPELOS_STATS_KEEP_DAYS, default 90).
"""
from __future__ import annotations

import logging
import os
import queue
import threading
from datetime import date, datetime, timedelta
from typing import Any, Callable, List, Optional

from bot.metrics import STATS_FAILURES
from stats.events import OSLO, DemandEvent
from stats.outcome import classify_outcome
from stats.store import EventStore, open_store

SWITCH_ENV = "HJELPELOS_STATS"
KEEP_DAYS_ENV = "HJELPELOS_STATS_KEEP_DAYS"
DEFAULT_KEEP_DAYS = 90
QUEUE_SIZE = 10000
log = logging.getLogger("hjelpelos.stats")


def enabled() -> bool:
    """On unless HJELPELOS_STATS says off (off/0/false/no)."""
    return os.environ.get(SWITCH_ENV, "on").strip().lower() not in ("off", "0", "false", "no")


def keep_days() -> int:
    """How many days events keep their hour of week and services before the daily roll-up."""
    try:
        return max(1, int(os.environ.get(KEEP_DAYS_ENV, DEFAULT_KEEP_DAYS)))
    except ValueError:
        return DEFAULT_KEEP_DAYS


class Recorder:
    """A bounded queue and one writer thread in front of a store."""

    def __init__(self, open_store_: Callable[[], EventStore] = open_store, size: int = QUEUE_SIZE,
                 retain_days: Optional[int] = None) -> None:
        self._open_store = open_store_
        self._queue: "queue.Queue[DemandEvent]" = queue.Queue(maxsize=size)
        self._store: Optional[EventStore] = None
        self._thread: Optional[threading.Thread] = None
        self._lock = threading.Lock()
        self._retain_days = retain_days
        self._rolled_on: Optional[date] = None

    def record(self, event: DemandEvent) -> bool:
        """Queue the event; False (and counted) when it cannot be. Never raises, never waits."""
        try:
            self._start()
            self._queue.put_nowait(event)
            return True
        except queue.Full:
            STATS_FAILURES.labels("queue_full").inc()
        except Exception:  # noqa: BLE001 - statistics must never break a reply
            STATS_FAILURES.labels("error").inc()
        return False

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Wait until everything queued so far is written or dropped (tests, shutdown)."""
        done = threading.Event()

        def wait() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout_s)

    def _start(self) -> None:
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="hjelpelos-stats", daemon=True)
                    self._thread.start()

    def _run(self) -> None:
        while True:
            event = self._queue.get()
            try:
                self._write(event)
            except Exception as error:  # noqa: BLE001 - counted, never raised into a reply
                STATS_FAILURES.labels("store").inc()
                log.warning("stats.store_failed: %s", type(error).__name__)
                self._store = None  # reconnect on the next event
            finally:
                self._queue.task_done()

    def _write(self, event: DemandEvent) -> None:
        if self._store is None:
            self._store = self._open_store()
        self._store.add(event)
        today = datetime.now(OSLO).date()
        if self._rolled_on != today:
            days = self._retain_days or keep_days()
            self._store.roll_up(today - timedelta(days=days))
            self._rolled_on = today


_RECORDER: Optional[Recorder] = None


def get_recorder() -> Recorder:
    """The process's recorder, writing to HJELPELOS_STATS_URL (default run/stats.sqlite)."""
    global _RECORDER
    if _RECORDER is None:
        _RECORDER = Recorder()
    return _RECORDER


def is_handover_decision(decision: Any, offered_before: List[str], acute_before: bool) -> bool:
    """A turn that hands over: it turns the conversation acute, or offers services not offered
    before in it. Repeating earlier offers (a question about anonymity) is not a new decision."""
    if decision.urgency == "acute" and decision.emergency and not acute_before:
        return True
    keys = {f"{o.service}/{o.channel}" for o in decision.handover}
    return bool(keys - set(offered_before))


def event_for(decision: Any, at: datetime, channel: str) -> DemandEvent:
    """The demand event of a decision: its offers classified, its facts coarsened."""
    services = [e["service"] for e in decision.emergency] + [o.service for o in decision.handover]
    return DemandEvent.create(
        at, language=decision.language, reply_language=decision.reply_language,
        topic=decision.topic, urgency=decision.urgency, age=decision.state.age, channel=channel,
        outcome=classify_outcome(decision.handover, decision.urgency, decision.topic, decision.language),
        services=services)


def record_decision(decision: Any, at: datetime, channel: str, recorder: Optional[Recorder] = None) -> bool:
    """Record one handover decision, if statistics are on. Never raises."""
    if not enabled():
        return False
    try:
        return (recorder or get_recorder()).record(event_for(decision, at, channel))
    except Exception:  # noqa: BLE001 - a bad event must not cost the reply
        STATS_FAILURES.labels("error").inc()
        return False


def record_turn(decision: Any, at: datetime, channel: Optional[str], offered_before: List[str],
                acute_before: bool) -> bool:
    """A conversation turn: recorded when it is a handover decision on a counted channel. Never raises."""
    try:
        if channel is None or not is_handover_decision(decision, offered_before, acute_before):
            return False
    except Exception:  # noqa: BLE001 - a malformed decision must not cost the reply
        STATS_FAILURES.labels("error").inc()
        return False
    return record_decision(decision, at, channel)
