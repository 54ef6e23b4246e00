"""Recording never holds up or breaks a reply; it can be switched off; failures are counted."""
from __future__ import annotations

from datetime import date, datetime

import redis

from bot.metrics import REGISTRY
from stats.recorder import Recorder, event_for, is_handover_decision, record_decision
from stats.store import open_store
from triage.decide import Analysis, decide

from .conftest import make_event

NIGHT = datetime(2026, 12, 8, 2, 30)


def failures(reason: str) -> float:
    return REGISTRY.get_sample_value("hjelpelos_stats_failures_total", {"reason": reason}) or 0.0


def handover_decision(urgency: str = "normal"):
    analysis = Analysis(text="samboeren min slår meg", intent="partner_violence", intent_confidence=0.95,
                        language="nb", language_reliable=True, urgency=urgency)
    return decide(analysis, NIGHT, age=40)


def test_a_handover_becomes_an_event_with_its_real_outcome_and_services():
    decision = handover_decision()
    event = event_for(decision, NIGHT, "rest")
    assert (event.topic, event.language, event.age_band, event.channel) == ("partner_violence", "nb", "26_64", "rest")
    assert event.outcome == "best_fit_open"
    assert set(event.services.split(",")) == {o.service for o in decision.handover}
    assert event.date == "2026-12-08" and event.hour_of_week == 24 + 2


def test_an_acute_turn_is_an_emergency_event_with_the_emergency_service():
    decision = handover_decision("acute")
    event = event_for(decision, NIGHT, "sms")
    assert event.outcome == "emergency"
    assert "politi-112" in event.services.split(",")


def test_only_new_handovers_count_as_decisions():
    decision = handover_decision()
    assert is_handover_decision(decision, [], acute_before=False)
    assert not is_handover_decision(decision, list(decision.state.offered), acute_before=False)
    acute = handover_decision("acute")
    assert is_handover_decision(acute, [], acute_before=False)
    assert not is_handover_decision(acute, list(acute.state.offered), acute_before=True)


def test_switched_off_nothing_is_recorded(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'stats.sqlite'}"
    recorder = Recorder(lambda: open_store(url))
    monkeypatch.setenv("HJELPELOS_STATS", "off")
    assert record_decision(handover_decision(), NIGHT, "rest", recorder) is False
    monkeypatch.setenv("HJELPELOS_STATS", "on")
    assert record_decision(handover_decision(), NIGHT, "rest", recorder) is True
    assert recorder.flush()
    assert sum(open_store(url).events(date(2026, 12, 8), date(2026, 12, 8)).values()) == 1


def test_a_store_that_is_down_loses_the_event_and_counts_it(tmp_path):
    from tests.conftest import free_port

    before = failures("store")
    recorder = Recorder(lambda: open_store(f"redis://127.0.0.1:{free_port()}/0"))
    assert recorder.record(make_event()) is True  # queued: the reply does not wait for the store
    assert recorder.flush()
    assert failures("store") == before + 1


def test_a_paused_store_does_not_hold_up_the_caller(fresh_redis):
    recorder = Recorder(lambda: open_store(fresh_redis))
    recorder.record(make_event(day="2026-12-01"))
    assert recorder.flush()  # connected, schema-free store ready
    redis.Redis.from_url(fresh_redis).execute_command("CLIENT", "PAUSE", 2000, "ALL")
    assert recorder.record(make_event()) is True  # returned while the store cannot answer
    assert not recorder.flush(timeout_s=0.3)  # the write is still waiting on the store ...
    assert recorder.flush(timeout_s=15)  # ... and lands once it answers
    assert sum(open_store(fresh_redis).events(date(2026, 12, 8), date(2026, 12, 8)).values()) == 1


def test_a_full_queue_drops_and_counts(fresh_redis):
    recorder = Recorder(lambda: open_store(fresh_redis), size=1)
    recorder.record(make_event(day="2026-12-01"))
    assert recorder.flush()
    redis.Redis.from_url(fresh_redis).execute_command("CLIENT", "PAUSE", 2000, "ALL")
    before = failures("queue_full")
    accepted = [recorder.record(make_event()) for _ in range(4)]
    assert accepted.count(False) >= 2  # one in the writer, one in the queue at most
    assert failures("queue_full") == before + accepted.count(False)
    assert recorder.flush(timeout_s=15)


def test_the_channel_of_a_rasa_turn():
    from actions.actions import stats_channel

    assert stats_channel("rest", {"channel": "web", "client": "widget"}) == "widget"
    assert stats_channel("rest", {"channel": "sms"}) == "sms"
    assert stats_channel("socketio", {}) == "socketio"
    assert stats_channel("rest", {"channel": "web"}) == "rest"
    assert stats_channel("rest", {"channel": "web", "client": "cli"}) is None  # the terminal chat never counts


def test_the_gateway_passes_only_known_client_kinds():
    from bot.routers.chat import ChatIn

    assert ChatIn(sender="s", message="m", metadata={"client": "widget"}).metadata["client"] == "widget"
    assert "client" not in ChatIn(sender="s", message="m", metadata={"client": "+4799999999"}).metadata


def test_a_turn_is_recorded_only_when_it_hands_over_on_a_counted_channel(tmp_path, monkeypatch):
    from stats import recorder as module
    from stats.recorder import record_turn

    url = f"sqlite:///{tmp_path / 'stats.sqlite'}"
    monkeypatch.setattr(module, "_RECORDER", Recorder(lambda: open_store(url)))
    decision = handover_decision()
    assert record_turn(decision, NIGHT, "widget", [], False) is True
    assert record_turn(decision, NIGHT, None, [], False) is False  # the terminal chat
    assert record_turn(decision, NIGHT, "rest", list(decision.state.offered), False) is False
    before = failures("error")
    assert record_turn(object(), NIGHT, "rest", [], False) is False  # never raises into the reply
    assert failures("error") == before + 1
    assert module._RECORDER.flush()
    cells = open_store(url).events(date(2026, 12, 8), date(2026, 12, 8))
    assert [(key[7], count) for key, count in cells.items()] == [("widget", 1)]
