"""The triage decisions, pinned with the real catalogue and hours at chosen instants."""
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import knowledge
from triage import messages
from triage.decide import Analysis, State, decide
from triage.dialogue import respond

OSLO = ZoneInfo("Europe/Oslo")
WEDNESDAY_EVENING = datetime(2026, 11, 18, 19, 0, tzinfo=OSLO)
NIGHT = datetime(2026, 11, 18, 3, 30, tzinfo=OSLO)


def analysis(intent: str, urgency: str = "normal", language: str = "nb", **extra) -> Analysis:
    return Analysis(text="…", intent=intent, intent_confidence=0.9, language=language,
                    language_reliable=True, urgency=urgency, **extra)


@pytest.mark.parametrize("language", ["nb", "nn", "en", "se"])
def test_acute_puts_an_emergency_number_in_the_first_line_in_every_language(language: str) -> None:
    decision = decide(analysis("partner_violence", "acute", language), NIGHT)
    assert decision.emergency == [{"service": "politi-112", "number": "112"}]
    assert "112" in decision.replies[0]
    assert decision.buttons == []  # never a question before the emergency handover


def test_acute_suicide_gives_113() -> None:
    decision = decide(analysis("suicide_selfharm", "acute"), NIGHT)
    assert [e["number"] for e in decision.emergency] == ["113"]
    assert "113" in decision.replies[0]


def test_lexicon_services_decide_the_numbers() -> None:
    decision = decide(analysis("partner_violence", "acute", urgency_services=("police", "medical")), NIGHT)
    assert [e["number"] for e in decision.emergency] == ["112", "113"]


def test_acute_on_sms_uses_the_short_emergency_line() -> None:
    decision = decide(analysis("child_abuse", "acute"), NIGHT, channel="sms")
    assert "112" in decision.replies[0] and "113" in decision.replies[0]


def test_emergency_is_empty_exactly_when_not_acute() -> None:
    for urgency in ("high", "normal"):
        assert decide(analysis("bullying", urgency), WEDNESDAY_EVENING).emergency == []


@pytest.mark.parametrize("at", [WEDNESDAY_EVENING, NIGHT, datetime(2026, 12, 25, 12, 0, tzinfo=OSLO)])
@pytest.mark.parametrize("topic", ["child_abuse", "bullying", "sexual_interest_children", "trafficking"])
def test_never_claims_a_closed_channel_is_open_and_always_offers_an_open_one(topic, at) -> None:
    decision = decide(analysis(topic), at)
    for offer in decision.handover:
        assert offer.open_now == knowledge.open_now(offer.service, offer.channel_id, at)
    assert any(o.open_now for o in decision.handover)
    assert decision.handover[0].open_now or len(decision.handover) > 1


def test_closed_specialist_is_shown_with_a_24_7_alternative() -> None:
    # Det finnes hjelp answers weekdays 12-14 only; at night the reply must say so and add a 24/7 line.
    decision = decide(analysis("sexual_interest_children", age=None), NIGHT)
    closed = [o for o in decision.handover if not o.open_now]
    open_ = [o for o in decision.handover if o.open_now]
    assert open_, "an open line is always offered"
    if closed:
        assert closed[0].opens_at is not None
        assert any("døgnet" in line or "stengt" in line.lower() for line in decision.replies)


def test_one_shot_triage_never_asks_but_a_conversation_may_ask_for_age() -> None:
    one_shot = decide(analysis("bullying"), WEDNESDAY_EVENING)
    assert one_shot.buttons == [] and one_shot.handover
    chat = decide(analysis("bullying"), WEDNESDAY_EVENING, conversational=True)
    if chat.buttons:  # only when the age changes the answer
        assert chat.state.pending == "age" and chat.handover == []


def test_low_confidence_in_a_conversation_offers_a_topic_menu() -> None:
    unsure = Analysis(text="…", intent="bullying", intent_confidence=0.2, language="nb", language_reliable=True)
    decision = decide(unsure, WEDNESDAY_EVENING, conversational=True)
    assert decision.state.pending == "topic"
    assert any(b["payload"] == "/dont_know" for b in decision.buttons)


def test_a_vague_message_half_placed_as_off_topic_gets_the_menu_not_a_shrug() -> None:
    vague = Analysis(text="things are bad", intent="other", intent_confidence=0.4, language="en",
                     language_reliable=True, runner_up="mental_health")
    decision = respond(vague, WEDNESDAY_EVENING, State(language="en"))
    assert decision.state.pending == "topic"
    assert any(b["payload"] == "/dont_know" for b in decision.buttons)
    clearly_off_topic = replace(vague, text="what time is it", intent_confidence=0.9)
    decision = respond(clearly_off_topic, WEDNESDAY_EVENING, State(language="en"))
    assert decision.buttons == [] and decision.state.pending is None


def test_an_unsure_question_about_the_service_gets_the_plain_reply_not_the_menu() -> None:
    """Low confidence alone is not vagueness: with a dialogue act behind `other`, no situation
    is half-recognised, so a topic menu would answer a question nobody asked."""
    question = Analysis(text="is a human answering here?", intent="other", intent_confidence=0.4,
                        language="en", language_reliable=True, runner_up="greet")
    decision = respond(question, WEDNESDAY_EVENING, State(language="en"))
    assert decision.buttons == [] and decision.state.pending is None
    assert decision.replies[0] == messages.text("not_understood", "en")


def test_the_runner_up_intent_is_read_from_the_parse() -> None:
    parse = {"text": "x", "intent": {"name": "other", "confidence": 0.4},
             "intent_ranking": [{"name": "other", "confidence": 0.4}, {"name": "bullying", "confidence": 0.3}]}
    assert Analysis.from_parse(parse).runner_up == "bullying"
    assert Analysis.from_parse({"text": "x"}).runner_up is None


def test_a_greeting_does_not_flip_the_conversation_language() -> None:
    hei = Analysis(text="hei", intent="greet", intent_confidence=0.9, language="en", language_reliable=False)
    decision = respond(hei, WEDNESDAY_EVENING, State(language="se"))
    assert decision.language == "se"


def test_page_language_is_used_when_the_message_is_too_short_to_tell() -> None:
    hei = Analysis(text="hei", intent="greet", intent_confidence=0.9, language="en", language_reliable=False)
    assert respond(hei, WEDNESDAY_EVENING, State(), page_language="nn").language == "nn"


def test_acute_wins_over_any_dialogue_act() -> None:
    thanks_but_acute = analysis("thanks", "acute")
    decision = respond(thanks_but_acute, NIGHT, State(language="nb"))
    assert decision.emergency and "112" in decision.replies[0]


def test_stop_forgets_the_conversation_state() -> None:
    state = State(language="nb", age=14, topic="bullying", offered=["alarmtelefonen/phone"])
    decision = respond(replace(analysis("stop"), text="stopp"), NIGHT, state)
    assert decision.state.topic is None and decision.state.offered == [] and decision.state.age is None


def test_contract_json_has_the_contract_fields() -> None:
    result = decide(analysis("child_abuse", "high"), WEDNESDAY_EVENING).contract("x1")
    assert set(result) == {"id", "language", "reply_language", "topic", "topic_confidence", "urgency", "emergency",
                           "handover", "reply"}
    assert set(result["handover"][0]) == {"service", "name", "channel", "contact", "open_now", "closes_at",
                                          "opens_at", "anonymous"}
