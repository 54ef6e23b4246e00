"""Unsure: a short topic menu instead of a guess; "I don't know" gets a broad 24/7 service."""
from __future__ import annotations

import pytest

from triage.decide import MENU_TOPICS

from .catalogue_guard import offers_in
from .client import EVENING, NIGHT
from .expect import always_open_now, handover, load_stories, text

# Low confidence on the current model (checked: other at 0.31, mental_health runner-up at 0.28;
# the threshold is 0.45), so the bot asks with the menu instead of guessing.
UNCLEAR_EN = "things are bad"


def test_unclear_message_gets_the_topic_menu(talk):
    reply = talk(language="en").say(UNCLEAR_EN)
    assert reply.texts == [text("topic_menu", "en")]
    titles = [b["title"] for b in reply.buttons]
    assert titles == [text(f"topic_label_{t}", "en") for t in MENU_TOPICS] + [text("button_dont_know", "en")]
    assert reply.payload(text("button_dont_know", "en")) == "/dont_know"


def test_menu_button_leads_to_a_handover_within_three_bot_turns(talk):
    conversation = talk(language="en", at=EVENING)
    menu = conversation.say(UNCLEAR_EN)
    reply = conversation.say(menu.payload(text("topic_label_online_abuse", "en")))
    if reply.first == text("ask_age", "en"):
        reply = conversation.say(reply.payload(text("button_18_plus", "en")))
    assert reply.first in (text("handover_intro", "en"), text("handover_intro_high", "en"))
    handover(reply, "en")
    assert len(conversation.replies) <= 3


def _assert_dont_know_gets_a_24_7_line(reply, language):
    assert reply.first == text("dont_know_handover", language)
    offers = handover(reply, language)
    assert all(o.status_key == "status_open_always" and always_open_now(o.service, o.channel, reply.moment)
               for o in offers), f"the reply promises a line open day and night: {reply.texts}"


@pytest.mark.parametrize("at", [
    NIGHT,
    EVENING,
], ids=["night", "evening"])
def test_dont_know_button_gets_a_service_open_day_and_night(talk, at):
    conversation = talk(language="en", at=at)
    menu = conversation.say(UNCLEAR_EN)
    reply = conversation.say(menu.payload(text("button_dont_know", "en")))
    _assert_dont_know_gets_a_24_7_line(reply, "en")


TYPED_DONT_KNOW = [s for s in load_stories("test_unsure.yml") if s.turns[0].intent == "dont_know" and s.turns[0].text]


@pytest.mark.parametrize("story", TYPED_DONT_KNOW, ids=lambda s: s.id)
def test_typed_dont_know_in_every_language(talk, story):
    reply = talk(language=story.language, at=NIGHT).say(story.turns[0].message)
    _assert_dont_know_gets_a_24_7_line(reply, story.language)


def test_a_bare_cry_for_help_is_not_routed_to_sexual_interest_services(talk):
    conversation = talk(language="nb", at="2026-11-18T12:30")
    first = conversation.say("hjelp")
    second = conversation.say("finnes det flere steder jeg kan ta kontakt?")
    services = {o.service for reply in (first, second) for o in offers_in(reply.texts, "nb")}
    assert "det-finnes-hjelp" not in services, second.texts

