"""Handover text: service name, number, open status and a 24/7 line when the specialist is closed."""
from __future__ import annotations

from datetime import datetime

import pytest

import knowledge
from triage import messages

from .client import EVENING, NIGHT
from .expect import age_band, always_open_now, fits_age, handover, open_live, text

# A normal-urgency situation where the best service depends on age, so the bot asks.
UNCLE = "onkelen min tok på meg på steder han ikke skulle da jeg var liten, og jeg har aldri fortalt det til noen"


def test_age_question_then_under_18_button_gives_youth_service(talk):
    conversation = talk(language="nb", at=EVENING)
    question = conversation.say(UNCLE)
    assert question.texts == [text("ask_age", "nb")]

    reply = conversation.say(question.payload(text("button_under_18", "nb")))
    at = reply.moment
    assert reply.first == text("handover_intro", "nb")
    offers = handover(reply, "nb", minimum=1)
    assert all(fits_age(o, 14, at) for o in offers), [o.service for o in offers]
    youth = [o for o in offers if (age_band(o, at)[1] or 99) < 18]
    assert youth, "a service made for under-18s must be offered to a 14-year-old"
    # Alarmtelefonen's core mandate (ROUTING.md): its name and number, open status from the catalogue.
    alarm = next(o for o in offers if o.service == "alarmtelefonen")
    assert messages.service_name("alarmtelefonen", "nb", "") in alarm.text
    assert alarm.contact == "116 111" and "116 111" in reply.joined
    assert knowledge.open_now("alarmtelefonen", alarm.channel, at)
    assert len(conversation.replies) <= 3, "handover within 3 bot turns"


def test_18_plus_button_gives_adult_services(talk):
    conversation = talk(language="nb", at=EVENING)
    question = conversation.say(UNCLE)
    reply = conversation.say(question.payload(text("button_18_plus", "nb")))
    offers = handover(reply, "nb")
    assert all(fits_age(o, 30, reply.moment) for o in offers), [o.service for o in offers]
    assert "hfsm" in {o.service for o in offers}, "HFSM is the adult line for sexual abuse (ROUTING.md)"


def test_skipping_the_age_question_still_hands_over(talk):
    conversation = talk(language="en", at=EVENING)
    question = conversation.say("I feel so lonely and anxious all the time and I just need someone to talk to")
    assert question.first == text("ask_age", "en")
    reply = conversation.say(question.payload(text("button_skip", "en")))
    assert reply.first == text("handover_intro", "en")
    assert open_live(handover(reply, "en"))


def test_typed_age_answer_works_like_the_button(talk):
    conversation = talk(language="nn", at=EVENING)
    question = conversation.say("eg vart valdteken på ein fest for nokre år sidan og har aldri fortalt det til nokon")
    assert question.first == text("ask_age", "nn")
    reply = conversation.say("eg er 15 og går i niande")
    # The classifier may read the answer itself as "high": either intro is a handover.
    assert reply.first in (text("handover_intro", "nn"), text("handover_intro_high", "nn"))
    offers = handover(reply, "nn")
    assert all(fits_age(o, 15, reply.moment) for o in offers), [o.service for o in offers]


def test_closed_specialist_is_named_as_closed_next_to_a_24_7_line(talk):
    """A 17-year-old at 03:00: Unge Relasjoner's chat is closed, so say when it opens, and
    offer a line open day and night."""
    at = datetime.fromisoformat(NIGHT)
    assert not knowledge.open_now("unge-relasjoner", "chat", at), "precondition: chat closed at night"

    reply = talk(language="nb", at=NIGHT).say(
        "jeg er 17 og kjæresten min sjekker mobilen min hele tiden og blir rasende hvis jeg er med venner uten ham")
    offers = handover(reply, "nb")  # every status checked against the catalogue
    closed = [o for o in offers if o.service == "unge-relasjoner"]
    assert closed and closed[0].status_key == "status_closed_opens", reply.texts
    assert any(o.status_key == "status_open_always" and always_open_now(o.service, o.channel, at)
               for o in offers), "a 24/7 alternative must be offered"


def test_closed_only_specialist_is_named_with_when_it_opens(talk):
    """Sexual interest in children: Det finnes hjelp is the one specialist; at 03:00 it is closed."""
    at = datetime.fromisoformat(NIGHT)
    assert not knowledge.open_now("det-finnes-hjelp", "chat", at)
    reply = talk(language="nb", at=NIGHT).say(
        "jeg er tiltrukket av barn og har aldri gjort noe, men jeg vil ha hjelp før noe skjer")
    offers = handover(reply, "nb")
    named = [o for o in offers if o.service == "det-finnes-hjelp"]
    assert named and named[0].status_key == "status_closed_opens", reply.texts
    assert any(o.status_key == "status_open_always" for o in offers)
