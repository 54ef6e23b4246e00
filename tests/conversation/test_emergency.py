"""Acute danger: 112/113 in the very first bot message, before anything else, in every language."""
from __future__ import annotations

import pytest

from .client import EVENING, NIGHT
from .expect import assert_emergency_first, handover, load_stories, text

ACUTE = load_stories("test_acute.yml")
MEDICAL = {"suicide_selfharm"}  # ROUTING.md: overdose, suicide attempt -> 113


def test_every_language_has_an_acute_story():
    assert {story.language for story in ACUTE} == {"nb", "nn", "en", "se"}


@pytest.mark.parametrize("story", ACUTE, ids=lambda s: s.id)
def test_acute_message_gets_emergency_numbers_first(talk, story):
    turn = story.turns[0]
    reply = talk(language=story.language).say(turn.message)

    key = assert_emergency_first(reply, story.language)
    number = "113" if turn.intent in MEDICAL else "112"
    assert number in reply.first, f"{turn.intent}: expected {number} in {reply.first!r}"
    assert key != "emergency_sms_short", "a web reply uses the full emergency sentence"
    # Then, once safe, the matching line that is open day and night.
    assert reply.texts[1] == text("emergency_then", story.language)
    offers = handover(reply, story.language)
    assert any(o.status_key == "status_open_always" for o in offers), reply.texts


@pytest.mark.parametrize("language", ["nb", "nn", "en", "se"])
def test_acute_on_sms_uses_the_short_form_with_both_numbers(talk, language):
    story = next(s for s in ACUTE if s.language == language)
    reply = talk(language=language, channel="sms", at=NIGHT).say(story.turns[0].message)

    assert assert_emergency_first(reply, language) == "emergency_sms_short"
    assert reply.first == text("emergency_sms_short", language, police="112", medical="113")
    handover(reply, language)


def test_acute_in_the_middle_of_a_conversation_still_comes_first(talk):
    conversation = talk(language="nb", at=EVENING)
    first = conversation.say("jeg føler meg så ensom for tida og har ingen å prate med om kveldene")
    assert first.first == text("ask_age", "nb")  # a pending question ...
    reply = conversation.say("nå står han utenfor døra med kniv og sier han skal drepe meg")
    assert_emergency_first(reply, "nb")  # ... never delays 112
    assert "112" in reply.first


def test_a_follow_up_read_as_stop_keeps_the_conversation_in_danger(talk):
    """"It won't stop bleeding" can read as `stop`: it is answered as continued danger, and the
    conversation is not ended, so the next turn still opens with 113."""
    conversation = talk(language="nb")
    first = conversation.say("jeg har kuttet meg dypt i armen og det blør mye")
    assert "113" in first.first
    bleeding = conversation.say("det slutter ikke å blø")
    assert "113" in bleeding.first
    alone = conversation.say("jeg er alene hjemme")
    assert "113" in alone.first, alone.joined
