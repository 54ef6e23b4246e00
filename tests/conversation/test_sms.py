"""SMS-shaped replies (metadata channel=sms): short emergency form, no web-only hints."""
from __future__ import annotations

from .client import NIGHT
from .expect import assert_emergency_first, handover, text


def test_sms_conversation_from_situation_to_goodbye(talk):
    conversation = talk(language="nb", channel="sms", at=NIGHT)
    reply = conversation.say("pappa slår mamma akkurat nå og jeg gjemmer meg under senga")
    assert assert_emergency_first(reply, "nb") == "emergency_sms_short"
    assert "112" in reply.first and "113" in reply.first
    handover(reply, "nb")

    # The danger is still going on: the emergency line first, then the answer (no web-only exit).
    reply = conversation.say("jeg er redd for at han finner ut at jeg har skrevet her")
    assert reply.texts == [text("emergency_sms_short", "nb", police="112", medical="113"),
                           text("followup_scared", "nb")], "no 'leave quickly' button on SMS"

    reply = conversation.say("slutt")
    assert reply.texts == [text("goodbye_sms", "nb")]


def test_sms_handover_is_plain_text(talk):
    conversation = talk(language="en", channel="sms", at=NIGHT)
    reply = conversation.say("I was raped at a party last month and haven't told anyone")
    if reply.first == text("ask_age", "en"):
        reply = conversation.say(reply.payload(text("button_18_plus", "en")))
    offers = handover(reply, "en")
    assert all(m.keys() <= {"recipient_id", "text", "buttons"} for m in reply.messages if "custom" not in m)
    assert reply.turn_data.keys() == {"language", "links"}
    assert not any("<" in t for t in reply.texts), "no markup in an SMS"
    assert offers


def test_sms_in_polish_opens_with_112_in_polish(talk):
    from triage import messages

    reply = talk(language="nb", channel="sms", at=NIGHT).say(
        "mąż mnie bije teraz, zamknęłam się w łazience, on wali w drzwi")
    assert reply.first == messages.own_text("emergency", "pl", police="112", medical="113")
    assert text("emergency_sms_short", "en", police="112", medical="113") in reply.texts
