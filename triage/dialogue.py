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
from triage.conversation_state import add_cannot_talk, cannot_talk, keep_emergency, kinds_of, says_safe
from triage.languages import reply_language
from triage.render import ANONYMITY_KEYS, render_offers

# Words that name a language in a "switch language" request, in any of our languages.
LANGUAGE_NAMES = {
    "nn": r"nynorsk|o[đd]{1,2}ad[áa]rogiel|o[đd]{1,2}ad[áa]rogillii",
    "se": r"s[áa]megiel|s[áa]megillii|samisk|sami\b|sámi|davvis[áa]megiella",
    "en": r"english|engelsk|ea?[ŋn]gala?sgiel|ea?[ŋn]gala?sgillii",
    "nb": r"bokm[åa]l|norsk|norwegian|d[áa]rogiel|d[áa]rogillii",
}


# Acts that close or acknowledge; in a few words they never change the conversation's language.
CLOSING_ACTS = frozenset({"thanks", "stop", "affirm", "deny", "greet"})
CLOSING_WORDS = 3
# A follow-up may switch a known topic only to one that is more serious, from this confidence.
SERIOUS_TOPICS = ("suicide_selfharm",)
SERIOUS_SWITCH_CONFIDENCE = 0.5
# Below this, a follow-up's own topic reading does not replace the conversation's topic.
TOPIC_SWITCH_CONFIDENCE = 0.8
STOP_CONFIDENCE = 0.7
# Every stop word has more letters than this: a message of one letter never ends a conversation.
MIN_STOP_LETTERS = 2
# Sami "in"/"it" ("I/you don't") only with a verb after them: alone they are English "in", "it".
NEGATION = re.compile(r"\b(not|don'?t|dont|do not|no|never|ikke|ikkje|ingen|nei|ii|eai|eat)\b"
                      r"|\b(in|it) (háliit|haliit|háliidit|dáhto|dahto|dáhttu)\b")
# "Do they speak English?", "snakker de samisk?", "hállet go sámegiela?": a question about the
# services' languages, not a request for the bot to write in one ("kan du svare på nynorsk?").
SPEAKS = re.compile(r"\b(speak|speaks|speaking|snakker|snakkar|snakke|snakka|prater|pratar|hállet|hállá|hallet|halla|sárdnu)\b", re.IGNORECASE)
TO_THE_BOT = re.compile(r"\b(you|du|dere|de kan svare|svar\w*|answer|write|skriv\w*|reply|čále|cale|čálit|vástit|do this)\b", re.IGNORECASE)
SERVICES_SPEAK = re.compile(
    r"\b(noen|nokon|someone|anyone|anybody|somebody|de|dei|they|tjenestene|tenestene|services?)\b"
    r"[^.?!]{0,20}\b(snakker|snakkar|svarer|svarar|speak|speaks|answer|answers|hállet|vástidit)\b", re.IGNORECASE)
QUESTION = re.compile(r"\?|^\s*(do|does|is there|are there|can|could|snakker|snakkar|kan|finnes|finst|er det|hállet|hállá|sáhttá|leago|gii)\b", re.IGNORECASE)


def respond(
    analysis: Analysis,
    at: datetime,
    state: State,
    page_language: Optional[str] = None,
) -> Decision:
    """The bot's next turn for any message, in a conversation.

    Danger that is still going on comes first: in a conversation made acute by an earlier turn,
    every reply opens with the emergency line until the person says they are safe (the
    previous turn's urgency is an input to this one's, triage.conversation_state).
    """
    analysis = in_context(analysis, state)
    if analysis.age is not None:
        state.age = analysis.age  # the writer's own age (AgeExtractor), whatever else the turn is
    kinds = list(state.emergency_kinds)
    safe = state.acute and says_safe(analysis.text)
    carried = state.acute and not safe and analysis.urgency != "acute" and analysis.intent != "stop"
    if safe:
        state.acute, state.emergency_kinds = False, []
        if analysis.urgency == "acute" and not analysis.urgency_services:
            # "he left, we're ok now" reads like the danger it ends; only the lexicon overrules it.
            analysis = replace(analysis, urgency="high")
    if carried and analysis.urgency == "normal":
        analysis = replace(analysis, urgency="high")  # serious while it lasts: no questions first
    decision = _answer(analysis, at, state, page_language)
    if carried:
        keep_emergency(decision, kinds)
    if decision.urgency == "acute":
        if cannot_talk(analysis.text):
            add_cannot_talk(decision, at)
        decision.state.acute = True
        decision.state.emergency_kinds = kinds_of(decision.emergency) or kinds
    if safe:
        decision.replies.insert(0, messages.text("acute_over", decision.reply_language))
    return decision


def in_context(analysis: Analysis, state: State) -> Analysis:
    """The message read with what the conversation already knows.

    - A few closing words ("takk", "giitu", "ok") never flip the conversation's language.
    - A follow-up without a clear topic of its own (another topic below TOPIC_SWITCH_CONFIDENCE,
      or none) continues the conversation's topic, unless it shows a more serious one
      (suicidal thoughts), which takes over.
    - An age with no situation: with a known topic, the handover again for that age.
    """
    words = len(analysis.text.split())
    if analysis.intent == "stop" and analysis.text.strip() and \
            sum(ch.isalpha() for ch in analysis.text) < MIN_STOP_LETTERS:
        # Ending deletes the conversation: a stray letter ("þ", "x") is not a request to stop.
        analysis = replace(analysis, intent="other")
    if analysis.intent in CLOSING_ACTS and words <= CLOSING_WORDS and state.language:
        analysis = replace(analysis, language_reliable=False)
    if state.acute and analysis.intent == "stop" and (words > CLOSING_WORDS or
                                                     analysis.intent_confidence < STOP_CONFIDENCE):
        # Ending the conversation deletes it: while the danger lasts only a clear, short stop does
        # ("eg tør ikkje gå ut av rommet", "I don't dare leave the room", once read as stop at 0.5).
        analysis = replace(analysis, intent="other")
    if not state.topic or state.topic not in SITUATION_TOPICS or state.pending:
        return analysis
    if _age_only(analysis):
        return replace(analysis, intent=state.topic, intent_confidence=1.0)
    if analysis.intent not in SITUATION_TOPICS and analysis.intent != "other":
        return analysis  # a dialogue act: thanks, a question about anonymity, ...
    if analysis.intent in SERIOUS_TOPICS and analysis.intent_confidence >= SERIOUS_SWITCH_CONFIDENCE:
        return analysis  # "nothing matters anymore": the more serious topic takes over
    if analysis.intent == "other" and analysis.runner_up in SERIOUS_TOPICS:
        return replace(analysis, intent=analysis.runner_up, intent_confidence=1.0)
    if analysis.intent != state.topic and (analysis.intent == "other" or
                                           analysis.intent_confidence < TOPIC_SWITCH_CONFIDENCE):
        return replace(analysis, intent=state.topic, intent_confidence=1.0)
    return analysis


def _age_only(analysis: Analysis) -> bool:
    """The message gives the writer's age and no situation (nor a stop or a language request)."""
    return analysis.age is not None and analysis.intent not in SITUATION_TOPICS \
        and analysis.intent not in ("stop", "switch_language")


def _answer(analysis: Analysis, at: datetime, state: State, page_language: Optional[str]) -> Decision:
    handler = DIALOGUE_ACTS.get(analysis.intent)
    if _age_only(analysis) and analysis.urgency != "acute" and not state.topic:
        handler = age_noted
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


def age_noted(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    """An age and no story yet: keep the age, and invite the story (never ask the age again)."""
    state.age, state.pending = analysis.age, None
    return _say(language, state, "age_noted")


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
    decision = _say(language, fresh, "goodbye_sms" if state.channel == "sms" else "stop_reply")
    decision.ends_conversation = True
    return decision


def switch_language(analysis: Analysis, at: datetime, state: State, language: str) -> Decision:
    text = analysis.text or ""
    named, refused = mentioned_languages(text)
    about_services = SERVICES_SPEAK.search(text) or (SPEAKS.search(text) and not TO_THE_BOT.search(text))
    if QUESTION.search(text) and about_services and named:
        return language_question(analysis, at, state, language, named[0])
    wanted = requested_language(text)
    if wanted == "nb" and state.language in ("nb", "nn") and not re.search(r"bokm[åa]l", text.lower()):
        wanted = state.language  # "norsk" is Nynorsk too: a Nynorsk writer asking for it keeps Nynorsk
    if wanted is None and refused:
        # "I don't want Norwegian": not a request for it; the conversation's language stays.
        wanted = state.language if state.language in messages.LANGUAGES else language
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
    """The language asked for: the first one named without a negation before it."""
    explicit = re.search(r'"language":\s*"(\w+)"', text or "")
    if explicit and explicit.group(1) in messages.LANGUAGES:
        return explicit.group(1)
    wanted, _ = mentioned_languages(text)
    if not wanted:
        return None
    lowered = (text or "").lower()
    for code in wanted:  # the language the request asks for ("answer in English"), else the first named
        if re.search(r"\b(in|på|answer|write|reply|svar\w*|skriv\w*|čále|cale)\s+(\w+\s+)?(" + LANGUAGE_NAMES[code] + ")", lowered):
            return code
    return wanted[0]


def mentioned_languages(text: str):
    """(languages named, languages named after a negation) in `text`, in order of mention."""
    lowered = (text or "").lower()
    found = []
    for code, pattern in LANGUAGE_NAMES.items():
        for match in re.finditer(pattern, lowered):
            found.append((match.start(), code))
    wanted, refused = [], []
    for start, code in sorted(found):
        clause = re.split(r"[,.;:!?]", lowered[:start])[-1]  # a negation reaches to the clause's end
        before = " ".join(clause.split()[-4:])
        (refused if NEGATION.search(before) else wanted).append(code)
    return [c for c in dict.fromkeys(wanted) if c not in refused], list(dict.fromkeys(refused))


def language_question(analysis: Analysis, at: datetime, state: State, language: str, asked: str) -> Decision:
    """"Do they speak English?": which offered services answer in it, or have an interpreter for it."""
    offers = _offered(state, at, language) or find_offers(state.topic or "other", state.age, language, state, at)
    speaking = [o for o in offers if asked in o.languages or (asked in ("nb", "nn") and {"nb", "nn"} & set(o.languages))]
    interpreting = [o for o in offers if o not in speaking and (asked in o.interpreter or
                                                                 (o.interpreter_on_request and asked not in ("nb", "nn", "en")))]
    replies = [messages.text("language_question_yes" if speaking else "language_question_no", language)]
    replies += render_offers(speaking[:3], language, at)
    replies += [messages.text("language_question_interpreter", language,
                              name=messages.service_name(o.service, language, o.name)) for o in interpreting[:2]]
    return _reply(language, state, replies, speaking[:3])


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
