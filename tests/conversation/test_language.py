"""Switching language at any time changes the language of the replies."""
from __future__ import annotations

import pytest

from .client import EVENING
from .expect import handover, text

LONELY_NB = "jeg føler meg så ensom for tida og har ingen å prate med om kveldene"


def test_switch_to_english_mid_conversation(talk):
    conversation = talk(language="nb", at=EVENING)
    assert conversation.say(LONELY_NB).texts == [text("ask_age", "nb")]

    switched = conversation.say("English please")
    assert switched.texts == [text("language_switched", "en")]

    reply = conversation.say("/deny")  # the skip button
    assert reply.first == text("handover_intro", "en")
    handover(reply, "en")


@pytest.mark.parametrize("request_text,page,target", [
    ("skriv på engelsk", "nb", "en"),
    ("går det an å få svar på nynorsk?", "nb", "nn"),
    ("can we do this in Norwegian", "en", "nb"),
    ("Čále sámegillii", "nb", "se"),
    ('/switch_language{"language": "se"}', "nb", "se"),
    ("Čále dárogillii, jus sáhtát", "se", "nb"),
])
def test_language_requests(talk, request_text, page, target):
    reply = talk(language=page).say(request_text)
    assert reply.texts == [text("language_switched", target)]


def test_the_new_language_sticks_for_buttons_and_followups(talk):
    conversation = talk(language="en", at=EVENING)
    conversation.say("my boyfriend goes through my phone and gets really angry if I talk to other guys at school")
    conversation.say('/switch_language{"language": "nn"}')
    reply = conversation.say("/ask_closed")
    assert reply.first == text("followup_closed", "nn")
    handover(reply, "nn")
