"""Conversations, not just first messages: danger, age, topic and language carried across turns."""
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from triage import messages
from triage.conversation_state import cannot_talk, says_safe
from triage.decide import Analysis, State
from triage.dialogue import mentioned_languages, requested_language, respond

OSLO = ZoneInfo("Europe/Oslo")
EVENING = datetime(2026, 11, 18, 19, 0, tzinfo=OSLO)


def said(text: str, intent: str, urgency: str = "normal", language: str = "en", confidence: float = 0.9,
         **extra) -> Analysis:
    return Analysis(text=text, intent=intent, intent_confidence=confidence, language=language,
                    language_reliable=len(text.split()) >= 3, urgency=urgency, **extra)


def conversation(*turns: Analysis, state: State = None):
    state = state or State()
    decisions = []
    for turn in turns:
        decision = respond(turn, EVENING, state)
        decisions.append(decision)
        state = decision.state
    return decisions


def opens_with_emergency(decision) -> bool:
    return "112" in decision.replies[0] or "113" in decision.replies[0]


@pytest.mark.parametrize("text", ["I'm safe now", "he left, we are ok now", "jeg er trygg nå",
                                  "no er det stille, han gjekk", "Dál lean oadjebas", "the police came"])
def test_saying_safe_is_recognised(text: str) -> None:
    assert says_safe(text)


@pytest.mark.parametrize("text", ["he is still here", "han slår meg nå", "he is coming back", "i am scared"])
def test_danger_is_not_read_as_safe(text: str) -> None:
    assert not says_safe(text)


@pytest.mark.parametrize("text", ["i can't talk, he is in the next room", "jeg kan ikke snakke, han hører alt",
                                  "eg tør ikkje ringe", "in sáhte hállat dál", "I don't want to call"])
def test_cannot_talk_is_recognised(text: str) -> None:
    assert cannot_talk(text)


def test_danger_carries_over_until_the_person_is_safe() -> None:
    acute, follow_up, again, safe, after = conversation(
        said("he is outside with a knife", "partner_violence", "acute", urgency_services=("police",)),
        said("nobody else is here", "other", confidence=0.3),
        said("thanks", "thanks"),
        said("he left, I'm safe now", "partner_violence", "high"),
        said("who can I talk to tomorrow", "other", confidence=0.3),
    )
    assert all(opens_with_emergency(d) and d.urgency == "acute" for d in (acute, follow_up, again))
    assert follow_up.emergency == acute.emergency == [{"service": "politi-112", "number": "112"}]
    assert safe.replies[0] == messages.text("acute_over", "en") and not safe.state.acute
    assert not opens_with_emergency(after) and after.urgency != "acute"


def test_a_safe_message_that_reads_acute_to_the_classifier_ends_the_danger() -> None:
    _, safe = conversation(
        said("my dad is hitting mum right now", "child_abuse", "acute", urgency_services=("police",)),
        said("he went out, mum is ok now", "child_abuse", "acute"),  # classifier only, no lexicon signal
    )
    assert safe.urgency != "acute" and not safe.state.acute


def test_a_follow_up_in_danger_asks_no_question_before_the_emergency_line() -> None:
    _, follow_up = conversation(
        said("I took all my pills", "suicide_selfharm", "acute", urgency_services=("medical",)),
        said("I feel so lonely", "mental_health", "normal"),
    )
    assert follow_up.replies[0] == messages.text("emergency_medical", "en", medical="113")
    assert follow_up.buttons == [] and messages.text("ask_age", "en") not in follow_up.replies


def test_cannot_talk_offers_written_channels_open_now() -> None:
    _, quiet = conversation(
        said("he is hitting me right now", "partner_violence", "acute", urgency_services=("police",)),
        said("i can't talk, he will hear me", "other", confidence=0.3),
    )
    assert opens_with_emergency(quiet)
    assert messages.text("cannot_talk_write", "en") in quiet.replies
    shown = quiet.replies[quiet.replies.index(messages.text("cannot_talk_write", "en")) + 1:]
    assert shown and all(("Chat" in line or "Text" in line) for line in shown[:1])


def test_a_long_or_unsure_stop_does_not_end_a_conversation_in_danger() -> None:
    _, scared = conversation(
        said("han slår mamma nå", "child_abuse", "acute", language="nb", urgency_services=("police",)),
        said("eg tør ikkje gå ut av rommet", "stop", confidence=0.5, language="nn"),
    )
    assert opens_with_emergency(scared) and scared.state.acute
    assert not scared.ends_conversation, "the channel must keep the conversation and its danger"


def test_a_clear_stop_ends_the_conversation() -> None:
    _, stopped = conversation(said("my dad hits me", "child_abuse", language="en"),
                              said("stop", "stop", confidence=0.99, language="en"))
    assert stopped.ends_conversation and stopped.replies == [messages.text("stop_reply", "en")]


def test_an_age_alone_is_kept_and_the_story_invited() -> None:
    hello, age, story = conversation(
        said("hei", "greet", language="nb"),
        said("jeg er 16", "other", language="nb", confidence=0.4, age=16),
        said("kjæresten min er sjalu og sjekker mobilen min", "dating_violence", language="nb"),
    )
    assert age.replies == [messages.text("age_noted", "nb")] and age.state.age == 16
    assert messages.text("ask_age", "nb") not in story.replies
    assert story.state.age == 16 and story.handover


def test_offers_respect_a_young_writers_age() -> None:
    _, story = conversation(
        said("I am 13", "inform", age=13),
        said("my boyfriend is jealous all the time", "dating_violence"),
    )
    assert {o.service for o in story.handover}.isdisjoint({"vo-linjen", "unge-relasjoner"})


def test_a_follow_up_without_topic_words_keeps_the_topic() -> None:
    first, follow_up = conversation(
        said("my ex keeps sending threats and shows up at my place", "partner_violence", "high"),
        said("he waits outside my job every day", "other", confidence=0.3, runner_up="crime_victim"),
    )
    assert follow_up.topic == "partner_violence" and follow_up.handover and not follow_up.buttons


def test_a_more_serious_follow_up_switches_the_topic() -> None:
    _, follow_up = conversation(
        said("everyone in my class ignores me", "bullying"),
        said("nothing matters anymore", "suicide_selfharm", "high", confidence=0.6),
    )
    assert follow_up.topic == "suicide_selfharm"


@pytest.mark.parametrize("text, wanted, refused", [
    ("I don't want Norwegian", [], ["nb"]),
    ("not norwegian, english please", ["en"], ["nb"]),
    ("In háliit dárogiela, čále sámegillii", ["se"], ["nb"]),
    ("skriv på engelsk", ["en"], []),
])
def test_language_mentions_know_negation(text, wanted, refused) -> None:
    assert mentioned_languages(text) == (wanted, refused)


def test_i_dont_want_norwegian_keeps_sami() -> None:
    _, refused = conversation(
        said("Mun lean balus go isit boahtá ruoktot", "partner_violence", language="se"),
        said("In háliit dárogiela", "switch_language", language="se"),
    )
    assert refused.reply_language == "se" and refused.state.language == "se"
    assert requested_language("In háliit dárogiela") is None


def test_do_they_speak_english_is_answered_from_the_catalogue() -> None:
    first, question = conversation(
        said("my husband hits me when he drinks", "partner_violence", "high"),
        said("do they speak english?", "switch_language"),
    )
    assert question.replies[0] == messages.text("language_question_yes", "en")
    assert question.handover and all("en" in o.languages for o in question.handover)
    assert question.reply_language == "en" and not question.state.language_chosen


def test_a_short_thanks_never_flips_the_language() -> None:
    _, thanks = conversation(
        said("Mun lean balus go isit boahtá ruoktot", "partner_violence", language="se"),
        said("takk", "thanks", language="nb"),
    )
    assert thanks.reply_language == "se"


@pytest.mark.parametrize("text, language", [
    ("hei, norsken min er ikke så god. can you answer in english please?", "en"),
    ("In haliit callit darogillii, sahtatgo vastidit eangalasgillii?", "en"),
    ("can we do this in Norwegian", "nb"),
])
def test_the_requested_language_is_the_one_the_request_names(text: str, language: str) -> None:
    assert requested_language(text) == language


def test_a_nynorsk_writer_asking_for_norwegian_keeps_nynorsk() -> None:
    _, asked = conversation(
        said("kjærasten min slår meg og eg veit ikkje kva eg skal gjere", "partner_violence", "high", language="nn"),
        said("kan eg skrive norsk?", "switch_language", language="nn"),
    )
    assert asked.reply_language == "nn"


def test_is_there_anyone_who_answers_in_sami_is_a_question_not_a_switch() -> None:
    _, asked = conversation(
        said("mannen min blir valdeleg når han drikk", "partner_violence", "high", language="nn"),
        said("Finst det nokon som svarar på samisk?", "switch_language", language="nn"),
    )
    assert asked.reply_language == "nn" and asked.replies[0] in (
        messages.text("language_question_yes", "nn"), messages.text("language_question_no", "nn"))


@pytest.mark.parametrize("stray", ["þ", "x", "1", "?!"])
def test_a_stray_character_read_as_stop_does_not_end_the_conversation(stray: str) -> None:
    _, answer = conversation(said("my dad hits me", "child_abuse", language="en"),
                             said(stray, "stop", confidence=0.99, language="en"))
    assert not answer.ends_conversation and answer.state.topic == "child_abuse"
