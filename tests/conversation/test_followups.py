"""Follow-ups after a handover, answered from the catalogue and checked against it."""
from __future__ import annotations

import pytest

from triage import messages

from .catalogue_guard import facts
from .client import EVENING, NIGHT
from .expect import always_open_now, handover, text

SITUATION = {  # the handover comes at once, or after a skipped age question
    "nb": "mannen min tar telefonen min og sjekker hvem jeg snakker med, og forrige uke dyttet han meg ned trappa",
    "nn": "dei andre i klassen held meg utanfor og ler av meg kvar dag",
    "en": "my boyfriend goes through my phone and gets really angry if I talk to other guys at school",
    "se": "Skuvllas sii bilkidit mu juohke beaivvi ja mun lean álo okto",
}
FOLLOWUPS = {  # language: (anonymous?, closed?, another one, scared, should I leave him?, thanks)
    "nb": ("får de vite hvem jeg er hvis jeg ringer?", "hva om de ikke svarer?", "finnes det flere steder jeg kan ta kontakt?",
           "jeg er redd for at han finner ut at jeg har skrevet her", "burde jeg bare flytte fra ham?", "takk for at du tok deg tid"),
    "nn": ("får foreldra mine vite om eg ringjer?", "kva skjer om ingen svarar meg?", "finst det noko anna?",
           "kva om far min finn ut at eg har skrive her?", "er det best at eg flyttar ut?", "mange takk, no veit eg kven eg kan ringje til"),
    "en": ("do they see my number if I call?", "what happens if no one answers?", "is there somewhere else I could try?",
           "I'm scared my parents will see this", "should I leave him?", "thank you so much, I'll call them"),
    "se": ("Fertengo addit mu nama jus čálán sidjiide?", "Jus sii eai vástit?", "Leago vel eará bálvalus?",
           "Jus mu isit lohká mu telefovnna, de son gávnnaha", "Galggan go mun fárret eret su luhtte?", "Giitu ollu dasa"),
}


@pytest.mark.parametrize("at", [EVENING, NIGHT], ids=["evening", "night"])
@pytest.mark.parametrize("language", ["nb", "nn", "en", "se"])
def test_followups_are_answered_from_the_catalogue(talk, language, at):
    anonymous, closed, another, scared, advice, thanks = FOLLOWUPS[language]
    conversation = talk(language=language, at=at)
    first = conversation.say(SITUATION[language])
    if first.first == text("ask_age", language):  # the bot may ask for the age first: skip it
        first = conversation.say("/deny")
    offered = handover(first, language)
    offered_services = {o.service for o in offered}

    # "Is it anonymous?": one line per service offered, the catalogue's anonymity for it.
    reply = conversation.say(anonymous)
    assert reply.first == text("followup_anonymous_intro", language)
    for line in reply.texts[1:]:
        name, _, answer = line.rpartition(": ")
        service = next(o for o in offered if messages.service_name(o.service, language, o.service) == name)
        expected = "anonymous_full" if facts(service, reply.moment)["anonymous"] else None
        if expected:
            assert answer == text(expected, language), line
        else:
            assert answer in (text("anonymous_number_visible", language), text("anonymous_not", language)), line
    assert len(reply.texts) - 1 == len(offered)

    # "What if they are closed?": a line open day and night.
    reply = conversation.say(closed)
    assert reply.first == text("followup_closed", language)
    for offer in handover(reply, language):
        assert offer.status_key == "status_open_always" and always_open_now(offer.service, offer.channel, reply.moment)

    # "Another one": a service not offered before, or an honest "no more".
    reply = conversation.say(another)
    if reply.first == text("followup_another", language):
        new = handover(reply, language)
        assert not {o.service for o in new} & offered_services, reply.texts
    else:
        assert reply.texts == [text("no_more_services", language)]

    # "I'm scared they'll find out": what is and is not stored, and the quick exit on the web.
    reply = conversation.say(scared)
    assert reply.texts == [text("followup_scared", language), text("followup_scared_web_exit", language)]

    # "Should I leave him?": a kind refusal to advise, then the handover again.
    reply = conversation.say(advice)
    assert reply.first == text("no_advice", language)
    handover(reply, language)

    reply = conversation.say(thanks)
    assert reply.texts == [text("thanks_reply", language)]


def test_scared_on_sms_has_no_web_exit_hint(talk):
    conversation = talk(language="nb", channel="sms")
    conversation.say(SITUATION["nb"])
    reply = conversation.say(FOLLOWUPS["nb"][3])
    assert reply.texts == [text("followup_scared", "nb")]


def test_advice_as_the_first_message_still_hands_over(talk):
    reply = talk(language="en").say("should I leave him?")
    assert reply.first == text("no_advice", "en")
    assert handover(reply, "en")


def test_anonymous_before_any_handover_does_not_invent_services(talk):
    reply = talk(language="nb").say("får de vite hvem jeg er hvis jeg ringer?")
    assert reply.texts == [text("followup_scared", "nb")]  # no service is named from thin air


def test_a_thank_you_that_is_also_nynorsk_keeps_nynorsk(talk):
    conversation = talk(language="nn")
    conversation.say(SITUATION["nn"])
    reply = conversation.say("takk for svaret ditt")
    assert reply.texts == [text("thanks_reply", "nn")]
