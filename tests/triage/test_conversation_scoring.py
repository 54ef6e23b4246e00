"""`hjelpelos eval-conversations` scores turns on hand-made decisions the way its docstring says."""
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.cli.conversations import check, summarise
from triage import messages
from triage.decide import Analysis, State, decide

EVENING = datetime(2026, 11, 18, 19, 0, tzinfo=ZoneInfo("Europe/Oslo"))


def turn(text: str, emergency: bool, age=None, topic=None, language="en") -> dict:
    return {"text": text, "expect": {"emergency": emergency, "age": age, "topic": topic, "reply_language": language}}


def decided(intent: str, urgency: str, age=None, state=None):
    analysis = Analysis(text="…", intent=intent, intent_confidence=0.9, language="en", language_reliable=True,
                        urgency=urgency, urgency_services=("police",) if urgency == "acute" else ())
    return decide(analysis, EVENING, state=state or State(), age=age, conversational=True)


def test_a_missed_emergency_an_extra_one_and_a_wrong_language_are_counted() -> None:
    conversation = {"id": "c-en-001", "turns": [turn("he has a knife", True), turn("ok", True),
                                                 turn("thanks", False, language="nb")]}
    acute = decided("partner_violence", "acute")
    calm = decided("partner_violence", "high")
    records = check(conversation, [acute, calm, acute])
    assert [r["failed"] for r in records] == [[], ["missed_emergency"], ["extra_emergency", "reply_language"]]
    summary = summarise(records)
    assert (summary["emergency_recall"], summary["emergency_on_calm_turns"]) == (0.5, 1.0)
    assert summary["reply_language_accuracy"] == round(2 / 3, 3)


def test_the_greetings_mention_of_112_is_not_an_emergency_line() -> None:
    greeting = decided("partner_violence", "high")
    greeting.replies = [messages.text("greeting", "en")]
    records = check({"id": "c-en-002", "turns": [turn("hi", False)]}, [greeting])
    assert records[0]["failed"] == [] and not records[0]["emergency"]


def test_an_offer_outside_the_writers_age_and_a_repeated_age_question_are_counted() -> None:
    adult_lines = decided("partner_violence", "high", age=40)  # VO-linjen: adults
    asks = decided("dating_violence", "normal")
    asks.replies = [messages.text("ask_age", "en")]
    conversation = {"id": "c-en-003", "turns": [turn("im 12", False, age=12), turn("my bf is jealous", False, age=12)]}
    records = check(conversation, [adult_lines, asks])
    assert "offer_outside_age" in records[0]["failed"] and "asked_known_age" in records[1]["failed"]
