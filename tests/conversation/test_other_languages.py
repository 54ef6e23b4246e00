"""People who write in a language we do not converse in, through the REST channel and the CLI path.

The messages are our own sentences, not the evaluation sets. Acute danger must be answered with
112/113 first, in the person's own language where a catalogue has it; nobody who did not write
Sami is answered in Sami; markup and emoji change nothing.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from triage import messages
from triage.service import TriageRequest

from .client import EVENING
from .expect import text

POLISH_ACUTE = "dzień dobry, mój mąż mnie bije i boję się, zamknęłam się w łazience a on wali w drzwi"
ACUTE_IN = {
    "pl": POLISH_ACUTE,
    "uk": "Чоловік зараз б'є мене, я сховалася у ванній, допоможіть",
    "ar": "زوجي يضربني الآن وأنا محبوسة في الحمام، ساعدوني",
    "tr": "kocam şu anda beni dövüyor, banyoya kilitlendim, yardım edin",
    "so": "ninkayga hadda ayuu i garaacayaa, musqusha ayaan isku xiray, i caawiya",
    "ro": "soțul meu mă bate acum, m-am încuiat în baie, ajutați-mă",
}


def triage(local_triage, text: str, **extra) -> dict:
    """In a thread of its own: a browser test's event loop may still run in this one."""
    request = TriageRequest(text, at=EVENING, **extra)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, local_triage.triage(request)).result()


def test_the_polish_acute_case_of_the_contract(local_triage):
    result = triage(local_triage, POLISH_ACUTE)
    assert (result["language"], result["reply_language"], result["urgency"]) == ("pl", "en", "acute")
    assert {e["number"] for e in result["emergency"]} & {"112", "113"}
    assert result["reply"].split("\n")[0] == messages.own_text("emergency", "pl", police="112", medical="113")


@pytest.mark.parametrize("language", sorted(ACUTE_IN))
def test_acute_in_another_language_is_found_and_answered_with_112_first(local_triage, language):
    result = triage(local_triage, ACUTE_IN[language])
    assert (result["language"], result["urgency"]) == (language, "acute")
    assert "112" in result["reply"].split("\n")[0] and result["reply_language"] == "en"


@pytest.mark.parametrize("text", [
    "Mano vyras mane muša, bijau grįžti namo",
    "Manžel mě bije a bojím se jít domů",
    "Ninkayga ayaa i garaacaya, waan baqayaa",
])
def test_nobody_is_answered_in_sami_for_writing_a_language_with_sami_like_letters(local_triage, text):
    assert triage(local_triage, text)["reply_language"] != "se"


@pytest.mark.parametrize("plain", ["han slår meg", "pappa slår meg når han er full",
                                   "my boyfriend hit me last night"])
def test_markup_and_emoji_change_neither_urgency_nor_topic(local_triage, plain):
    baseline = triage(local_triage, plain)
    for variant in (f"<b>{plain}</b>", f"<script>alert('x')</script> {plain}",
                    f"😭😭 {plain}!!!!!", f"{plain} https://example.com/a?b=c ..."):
        result = triage(local_triage, variant)
        assert (result["urgency"], result["topic"]) == (baseline["urgency"], baseline["topic"]), variant


def test_a_sami_partner_violence_message_is_placed(local_triage):
    result = triage(local_triage, "Mun in dieđe maid galggan dahkat, mu irgi cápmá mu")
    assert result["language"] == "se" and result["topic"] in ("dating_violence", "partner_violence")


def test_lule_sami_is_recognised_and_answered_in_norwegian(local_triage):
    result = triage(local_triage, "mån dån viehkke, máná")
    assert result["reply_language"] == "nb" and result["language"] in ("smj", "se")


@pytest.mark.parametrize("text, topic", [
    ("I'm 34, my husband took my passport and won't let me see my family", "partner_violence"),
    ("min arbeidsgiver har tatt passet mitt og sier han ringer politiet hvis jeg slutter", "trafficking"),
])
def test_situations_typical_of_migrants_are_placed(local_triage, text, topic):
    assert triage(local_triage, text)["topic"] == topic


def test_a_migrant_situation_gets_a_handover_not_the_unsure_menu(talk):
    reply = talk(language="en", at=EVENING).say("I'm 34, my husband took my passport and won't let me see my family")
    assert reply.texts[0] != text("topic_menu", "en") and not reply.buttons


def test_polish_through_the_rest_channel(talk):
    conversation = talk(language="nb", at=EVENING)
    reply = conversation.say(POLISH_ACUTE)
    assert reply.first == messages.own_text("emergency", "pl", police="112", medical="113")
    assert text("emergency_then", "en") in reply.texts
    thanks = conversation.say("dziękuję bardzo za pomoc")
    assert all(t not in messages.all_catalogue_texts()["se"] for t in thanks.texts)


def test_swedish_is_answered_in_bokmal(talk):
    reply = talk(language="en", at=EVENING).say("min pojkvän slår mig och jag vet inte vad jag ska göra")
    assert reply.texts[0] in {text("handover_intro_high", "nb"), text("handover_intro", "nb"), text("ask_age", "nb")}
