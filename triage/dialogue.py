"""Answers to everything that is not a new situation: greetings, follow-ups, language, stop.

Each function takes the NLU analysis and the conversation state and returns a `Decision`, like
`decide`. `respond` is the single entry the Rasa actions use; acute danger is checked there
first, so no dialogue act can delay 112/113.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Callable, Dict, Optional

import knowledge
from triage import messages
from triage.decide import (
    MIN_TOPIC_CONFIDENCE,
    SITUATION_TOPICS,
    Analysis,
    Decision,
    State,
    choose_language,
    decide,
    find_offers,
    in_own_language,
    norwegian_context,
    merge_offered,
    topic_menu,
)
from triage.languages import reply_language
from triage.render import ANONYMITY_KEYS, render_offers

# Words that name a language in a "switch language" request, in any of our languages.
LANGUAGE_NAMES = {
    "nn": r"nynorsk|o[đd]{1,2}ad[áa]rogiel|o[đd]{1,2}ad[áa]rogillii",
    "se": r"s[áa]megiel|s[áa]megillii|samisk|sami\b|sámi|davvis[áa]megiella",
    "en": r"english|engelsk|e[ŋn]gelasgiel|e[ŋn]gelasgillii",
    "nb": r"bokm[åa]l|norsk|norwegian|d[áa]rogiel|d[áa]rogillii",
}


def respond(
    analysis: Analysis,
    at: datetime,
    state: State,
    page_language: Optional[str] = None,
) -> Decision:
    """The bot's next turn for any message, in a conversation."""
    handler = DIALOGUE_ACTS.get(analysis.intent)
    if analysis.urgency == "acute" or handler is None:
        return decide(analysis, at, channel=state.channel, state=state, page_language=page_language, conversational=True)
    written = choose_language(analysis, state, page_language)
    language = reply_language(written, norwegian_context(state))
    new_language = written != state.language
    state.language = written
    decision = handler(analysis, at, state, language)
    # After "switch to English" the chosen language is the conversation's; after STOP, nothing is.
    return in_own_language(decision, decision.state.language or written, new_language)


def _reply(language: str, state: State, replies, offers=()) -> Decision:
    return Decision(language, state.topic or "other", 1.0, "normal", [], list(offers), list(replies), [], state)


def _say(language: str, state: State, *keys: str, **values) -> Decision:
    return _reply(language, state, [messages.text(key, language, **values) for key in keys])


def greet(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    return _say(language, state, "greeting", "greeting_invite")


def other(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    """Off-topic text. A vague message ("things are bad") often lands here with low confidence and
    a situation topic close behind: then the topic menu serves the writer better than "I didn't
    understand". A question about the service ("is a human answering?") has a dialogue act
    behind it instead, and gets the plain reply."""
    vague_situation = analysis.runner_up in SITUATION_TOPICS
    if analysis.intent_confidence < MIN_TOPIC_CONFIDENCE and vague_situation and not state.pending:
        return topic_menu(analysis, at, "other", analysis.intent_confidence, language, state)
    return _say(language, state, "not_understood", "greeting_invite")


def thanks(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    return _say(language, state, "thanks_reply")


def stop(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    """The conversation ends; the action restarts the tracker so nothing of it is kept."""
    fresh = State(channel=state.channel)
    return _say(language, fresh, "goodbye_sms" if state.channel == "sms" else "stop_reply")


def switch_language(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    wanted = requested_language(analysis.text)
    if wanted is None:
        decision = _say(language, state, "language_choice")
        decision.buttons = [
            {"title": messages.text(f"language_name_{code}", code), "payload": f"/switch_language{{\"language\": \"{code}\"}}"}
            for code in messages.LANGUAGES
        ]
        return decision
    state.language, state.language_chosen = wanted, True
    return _say(wanted, state, "language_switched")


def requested_language(text: str) -> Optional[str]:
    lowered = (text or "").lower()
    explicit = re.search(r'"language":\s*"(\w+)"', text or "")
    if explicit and explicit.group(1) in messages.LANGUAGES:
        return explicit.group(1)
    for code, pattern in LANGUAGE_NAMES.items():
        if re.search(pattern, lowered):
            return code
    return None


def dont_know(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    """'I don't know' is a valid answer: a broad service that is open day and night."""
    found = find_offers("other", state.age, language, state, at, limit=8)
    offers = [o for o in found if o.always_open][:1] or [o for o in found if o.open_now][:1]
    state.pending = None
    state.offered = merge_offered(state.offered, offers)
    return _reply(language, state, [messages.text("dont_know_handover", language)] + render_offers(offers, language, at), offers)


def seek_advice(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    """A kind refusal to advise, then the handover for what we know of the situation."""
    situation = Analysis(text=analysis.text, intent=state.topic or "other", intent_confidence=1.0,
                         language=state.language or language, language_reliable=True, urgency=analysis.urgency)
    decision = decide(situation, at, channel=state.channel, state=state)
    decision.replies = [messages.text("no_advice", language)] + decision.replies[1:]
    return decision


def answer(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    """affirm/deny/inform: an answer to our question, else a gentle invitation."""
    if state.pending in ("age", "topic") and state.topic:
        return decide(analysis, at, channel=state.channel, state=state, conversational=True)
    if analysis.age is not None and state.topic:
        # An age typed after a handover: hand over again, now for that age.
        state.age = analysis.age
        again = replace(analysis, intent=state.topic, intent_confidence=1.0)
        return decide(again, at, channel=state.channel, state=state)
    if state.pending == "topic":
        return dont_know(analysis, at, state, language)
    return other(analysis, at, state, language)


def ask_anonymous(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    offers = _offered(state, at, language)
    if not offers:
        return _say(language, state, "followup_scared")
    replies = [messages.text("followup_anonymous_intro", language)]
    for offer in offers:
        name = messages.service_name(offer.service, language, offer.name)
        replies.append(f"{name}: " + messages.text(ANONYMITY_KEYS[offer.anonymity], language))
    return _reply(language, state, replies, offers)


def ask_closed(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    offers = [o for o in find_offers(state.topic or "other", state.age, language, state, at)
              if o.open_now and o.always_open][:1]
    return _reply(language, state, [messages.text("followup_closed", language)] + render_offers(offers, language, at), offers)


def ask_another(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    fresh = [o for o in find_offers(state.topic or "other", state.age, language, state, at, limit=12)
             if f"{o.service}/{o.channel}" not in state.offered and o.service not in _services(state)]
    if not fresh:
        return _say(language, state, "no_more_services")
    chosen = sorted(fresh, key=lambda o: not o.open_now)[:1]
    state.offered = merge_offered(state.offered, chosen)
    return _reply(language, state, [messages.text("followup_another", language)] + render_offers(chosen, language, at), chosen)


def scared_found_out(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    keys = ["followup_scared"] + (["followup_scared_web_exit"] if state.channel == "web" else [])
    return _say(language, state, *keys)


def _services(state: State) -> set:
    return {key.split("/")[0] for key in state.offered}


def _offered(state: State, at: datetime, language: str):
    """The offers made earlier in this conversation, re-read from the catalogue."""
    wanted = {tuple(key.split("/", 1)) for key in state.offered}
    offers = find_offers(state.topic or "other", state.age, language, state, at, limit=20)
    return [o for o in offers if (o.service, o.channel) in wanted]


DIALOGUE_ACTS: Dict[str, Callable[[Analysis, datetime, State, str], Decision]] = {
    "greet": greet,
    "other": other,
    "thanks": thanks,
    "stop": stop,
    "switch_language": switch_language,
    "dont_know": dont_know,
    "seek_advice": seek_advice,
    "affirm": answer,
    "deny": answer,
    "inform": answer,
    "ask_anonymous": ask_anonymous,
    "ask_closed": ask_closed,
    "ask_another": ask_another,
    "scared_found_out": scared_found_out,
}
