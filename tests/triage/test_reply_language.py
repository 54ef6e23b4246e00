"""Who gets which reply language, and what opens a reply to someone writing another language."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from triage import messages
from triage.decide import Analysis, State, decide
from triage.dialogue import respond
from triage.languages import reply_language

OSLO = ZoneInfo("Europe/Oslo")
WEDNESDAY_EVENING = datetime(2026, 11, 18, 19, 0, tzinfo=OSLO)


def written_in(language: str, intent: str = "partner_violence", urgency: str = "high", **extra) -> Analysis:
    return Analysis(text="…", intent=intent, intent_confidence=0.9, language=language,
                    language_reliable=True, urgency=urgency, **extra)


@pytest.mark.parametrize("language, expected", [
    ("nb", "nb"), ("nn", "nn"), ("en", "en"), ("se", "se"),
    ("sv", "nb"), ("da", "nb"), ("smj", "nb"), ("sma", "nb"),
    ("pl", "en"), ("ar", "en"), ("prs", "en"), ("ti", "en"), ("de", "en"),
])
def test_the_reply_language_policy(language: str, expected: str) -> None:
    assert reply_language(language) == expected


@pytest.mark.parametrize("language", ["pl", "lt", "so", "ar", "de", "sv", "smj", "und"])
def test_nobody_who_did_not_write_sami_is_answered_in_sami(language: str) -> None:
    assert reply_language(language) != "se"
    assert reply_language(language, norwegian_context="nb") != "se"


def test_a_conversation_already_in_norwegian_answers_another_language_in_norwegian() -> None:
    assert reply_language("pl", norwegian_context="nb") == "nb"
    assert reply_language("pl", norwegian_context="nn") == "nn"


@pytest.mark.parametrize("language", messages.own_line_languages())
def test_acute_in_another_language_opens_with_112_in_that_language(language: str) -> None:
    decision = decide(written_in(language, urgency="acute", urgency_services=("police",)), WEDNESDAY_EVENING)
    contract = decision.contract("x")
    assert (contract["language"], contract["reply_language"]) == (language, "en")
    assert contract["emergency"] and "112" in decision.replies[0] and "113" in decision.replies[0]
    assert decision.replies[0] == messages.own_text("emergency", language, police="112", medical="113")
    # The English emergency line follows, so nobody depends on a translation alone.
    assert any(r == messages.text("emergency_police", "en", police="112") for r in decision.replies)


def test_a_handover_in_another_language_says_what_the_person_can_do_in_their_own_language() -> None:
    decision = decide(written_in("pl"), WEDNESDAY_EVENING)
    own = [messages.own_text(k, "pl") for k in ("guide_languages", "interpreter", "anonymous", "free")]
    assert decision.replies[:4] == own
    assert decision.reply_language == "en" and decision.replies[4] == messages.text("handover_intro_high", "en")


def test_sms_keeps_the_own_language_lines_short() -> None:
    decision = decide(written_in("pl"), WEDNESDAY_EVENING, channel="sms")
    assert decision.replies[:2] == [messages.own_text(k, "pl") for k in ("guide_languages", "interpreter")]
    assert messages.own_text("anonymous", "pl") not in decision.replies


def test_swedish_is_answered_in_bokmal_without_own_lines() -> None:
    decision = decide(written_in("sv"), WEDNESDAY_EVENING)
    assert (decision.language, decision.reply_language) == ("sv", "nb")
    assert decision.replies[0] == messages.text("handover_intro_high", "nb")


@pytest.mark.parametrize("variant", ["smj", "sma"])
def test_lule_and_south_sami_get_the_sami_offer_in_norwegian(variant: str) -> None:
    decision = decide(written_in(variant, intent="mental_health", urgency="normal"), WEDNESDAY_EVENING)
    north_sami = decide(written_in("se", intent="mental_health", urgency="normal"), WEDNESDAY_EVENING)
    assert (decision.language, decision.reply_language) == (variant, "nb")
    assert decision.replies[0] == messages.text("sami_other_variant", "nb")
    assert [o.service for o in decision.handover] == [o.service for o in north_sami.handover]


def test_a_service_that_answers_in_the_writers_language_ranks_first_and_is_named() -> None:
    # Røde Kors-telefonen answers in Arabic (appendix B); honour-related control is its topic.
    decision = decide(written_in("ar", intent="honour_control"), WEDNESDAY_EVENING)
    assert decision.handover[0].service == "rode-kors-telefonen"
    name = messages.service_name("rode-kors-telefonen", "en", "")
    assert messages.own_text("service_own_language", "ar", name=name) in decision.replies


def test_an_interpreter_for_the_writers_language_is_named() -> None:
    # Alarmtelefonen's phone can bring a Somali interpreter (appendix B).
    decision = decide(written_in("so", intent="child_abuse", age=12), WEDNESDAY_EVENING)
    name = messages.service_name("alarmtelefonen", "en", "")
    assert messages.own_text("service_interpreter", "so", name=name) in decision.replies


def test_dialogue_turns_in_another_language_keep_the_written_language_in_state() -> None:
    state = State()
    first = respond(written_in("pl", intent="greet", urgency="normal"), WEDNESDAY_EVENING, state)
    assert (first.language, first.reply_language, first.state.language) == ("pl", "en", "pl")
    assert first.replies[0] == messages.own_text("guide_languages", "pl")
    second = respond(written_in("pl", intent="thanks", urgency="normal"), WEDNESDAY_EVENING, first.state)
    # Not repeated on every turn once the conversation is in Polish.
    assert messages.own_text("guide_languages", "pl") not in second.replies
    assert second.reply_language == "en"


def test_a_short_unreliable_message_keeps_the_conversation_language() -> None:
    state = State(language="pl")
    short = Analysis(text="tak", intent="affirm", intent_confidence=0.9, language="en", language_reliable=False)
    decision = respond(short, WEDNESDAY_EVENING, state)
    assert (decision.language, decision.reply_language) == ("pl", "en")


def test_undetermined_text_is_answered_in_the_page_language() -> None:
    emoji = Analysis(text="😭", intent="other", intent_confidence=0.2, language="und", language_reliable=False)
    decision = respond(emoji, WEDNESDAY_EVENING, State(), page_language="nn")
    assert decision.reply_language == "nn"
