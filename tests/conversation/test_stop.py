"""stop/slutt ends the conversation and deletes it: nothing said before is kept."""
from __future__ import annotations

import httpx
import pytest

from triage import messages

from .expect import text

SECRET = "onkelen min tok på meg på steder han ikke skulle da jeg var liten, og jeg har aldri fortalt det til noen"


def tracker_user_texts(rasa_url: str, sender: str, include: str) -> list:
    response = httpx.get(f"{rasa_url}/conversations/{sender}/tracker",
                         params={"include_events": include}, timeout=30)
    assert response.status_code == 200, response.text
    return [e.get("text") for e in response.json().get("events") or [] if e.get("event") == "user"]


@pytest.mark.parametrize("language,word,channel,goodbye", [
    ("nb", "slutt", "web", "stop_reply"),
    ("nb", "stopp", "web", "stop_reply"),
    ("en", "I want to end this chat", "web", "stop_reply"),
    ("se", "Heaitte, sihko buot", "web", "stop_reply"),
    ("nb", "slutt", "sms", "goodbye_sms"),
])
def test_stop_deletes_the_conversation(talk, running_bot, language, word, channel, goodbye):
    conversation = talk(language=language, channel=channel)
    conversation.say(SECRET)
    conversation.say("/deny")
    assert SECRET in tracker_user_texts(running_bot.rasa_url, conversation.sender, "ALL")

    reply = conversation.say(word)
    assert reply.texts == [text(goodbye, reply_language(reply, goodbye))]
    for include in ("AFTER_RESTART", "ALL"):
        kept = tracker_user_texts(running_bot.rasa_url, conversation.sender, include)
        assert SECRET not in kept and "/deny" not in kept, f"{include}: {kept}"


def reply_language(reply, key: str) -> str:
    return next(lang for lang in messages.LANGUAGES if reply.first == text(key, lang))


def test_after_stop_the_bot_remembers_nothing(talk):
    conversation = talk(language="nb")
    conversation.say("mannen min tar telefonen min og sjekker hvem jeg snakker med, og forrige uke dyttet han meg ned trappa")
    conversation.say("slutt")
    # Nothing was offered in the new conversation, so there is nothing to say about anonymity.
    reply = conversation.say("får de vite hvem jeg er hvis jeg ringer?")
    assert reply.texts == [text("followup_scared", "nb")]
