"""From what the NLU heard to what the bot does: urgency, topic, handover, reply.

Pure functions over plain data, so the Rasa actions, the HTTP API and the CLI share them and
tests can pin them without a server. Every sentence comes from `triage.messages`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from typing import Any, Dict, List, Optional, Sequence, Tuple

import knowledge
from triage import messages
from triage.languages import OTHER_SAMI, has_own_lines, language_offer_lines, opening_lines, reply_language
from triage.render import render_emergency, render_offers

TOPICS = (
    "child_abuse", "partner_violence", "dating_violence", "sexual_abuse", "online_abuse",
    "honour_control", "trafficking", "bullying", "suicide_selfharm", "mental_health",
    "concerned_other", "parent_support", "own_violence", "sexual_interest_children",
    "crime_victim", "other",
)
SITUATION_TOPICS = TOPICS[:-1]
# The short menu offered when we are unsure; the rest is reachable by writing freely.
MENU_TOPICS = (
    "partner_violence", "child_abuse", "sexual_abuse", "online_abuse", "bullying",
    "suicide_selfharm", "honour_control", "concerned_other",
)
# Below this topic confidence the bot asks with a menu instead of guessing. The classifier's
# heads (C=100) are sharp, so a best guess under 0.45 is more often wrong than right.
MIN_TOPIC_CONFIDENCE = 0.45
ADULT_AGE, CHILD_AGE = 30, 14  # stand-ins for "18 or over" / "under 18" answers
# An acute message about these topics is a medical emergency first (113), when the lexicon
# did not say which service fits.
MEDICAL_TOPICS = frozenset({"suicide_selfharm", "mental_health"})
EMERGENCY_SERVICE = {"police": "politi-112", "medical": "amk-113"}


@dataclass
class Analysis:
    """What the NLU pipeline said about one message (Rasa parse data, flattened)."""

    text: str
    intent: str = "other"
    intent_confidence: float = 0.0
    language: str = "nb"  # the language the person wrote in: any ISO code, or `und`
    language_reliable: bool = False
    # Bokmål or Nynorsk could not be told apart (no marker words): keep the conversation's.
    norwegian_undecided: bool = False
    urgency: str = "normal"
    urgency_services: Tuple[str, ...] = ()
    age: Optional[int] = None
    # The second intent of the ranking: tells a vague situation ("things are bad": other, then
    # mental_health) from a plain off-topic question (other, then greet).
    runner_up: Optional[str] = None

    @classmethod
    def from_parse(cls, parse: Dict[str, Any]) -> "Analysis":
        intent = parse.get("intent") or {}
        language = parse.get("language") or {}
        urgency = parse.get("urgency") or {}
        ages = [e.get("value") for e in parse.get("entities") or [] if e.get("entity") == "age"]
        ranking = parse.get("intent_ranking") or []
        return cls(
            text=parse.get("text") or "",
            intent=intent.get("name") or "other",
            intent_confidence=float(intent.get("confidence") or 0.0),
            language=language.get("code") or "nb",
            language_reliable=bool(language.get("reliable")),
            norwegian_undecided=bool(language.get("norwegian_undecided")),
            urgency=urgency.get("name") or "normal",
            urgency_services=tuple(urgency.get("services") or ()),
            age=int(ages[0]) if ages and ages[0] is not None else None,
            runner_up=ranking[1].get("name") if len(ranking) > 1 else None,
        )


@dataclass
class State:
    """What the conversation already knows; kept in Rasa slots, expires with the conversation."""

    language: Optional[str] = None  # the language the person writes in (any code)
    age: Optional[int] = None
    topic: Optional[str] = None
    channel: str = "web"
    language_chosen: bool = False  # the user asked for this language: it sticks
    pending: Optional[str] = None  # "age" or "topic" when the last bot turn asked a question
    offered: List[str] = field(default_factory=list)  # "service/channel" keys already offered
    # Danger is going on: set by an acute turn, cleared when the person says they are safe.
    acute: bool = False
    emergency_kinds: List[str] = field(default_factory=list)  # "police" / "medical" last given


@dataclass
class Decision:
    """The bot's answer to one message, and the conversation state after it.

    `language` is the language the person wrote in; `reply_language` the one the replies are in.
    """

    language: str
    topic: str
    topic_confidence: float
    urgency: str
    emergency: List[Dict[str, str]]
    handover: List[Any]  # knowledge.Offer
    replies: List[str]
    buttons: List[Dict[str, str]]
    state: State
    reply_language: str = ""
    # Set once the writer's language and own-language lines are on the decision (in_own_language).
    language_marked: bool = field(default=False, repr=False)
    # The person ended the conversation: the channel forgets it (Rasa restarts the tracker).
    ends_conversation: bool = False

    def __post_init__(self) -> None:
        self.reply_language = self.reply_language or reply_language(self.language)

    def contract(self, request_id: Optional[str] = None) -> Dict[str, Any]:
        """The one-shot JSON of the triage contract."""
        return {
            "id": request_id,
            "language": self.language,
            "reply_language": self.reply_language,
            "topic": self.topic,
            "topic_confidence": round(self.topic_confidence, 4),
            "urgency": self.urgency,
            "emergency": self.emergency,
            "handover": [offer_json(o) for o in self.handover],
            "reply": "\n".join(self.replies),
        }


def offer_json(offer: Any) -> Dict[str, Any]:
    return {
        "service": offer.service,
        "name": offer.name,
        "channel": offer.channel,
        "contact": offer.contact,
        "open_now": offer.open_now,
        "closes_at": _iso(offer.closes_at),
        "opens_at": _iso(offer.opens_at),
        "anonymous": offer.anonymous,
    }


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.isoformat() if moment else None


def choose_language(analysis: Analysis, state: State, page_language: Optional[str]) -> str:
    """The language the person writes in: an explicit choice sticks; then a reliable detection;
    then the conversation's, then the page's."""
    if state.language_chosen and state.language:
        return state.language
    if analysis.norwegian_undecided and state.language in ("nb", "nn"):
        return state.language
    if analysis.language_reliable:
        return analysis.language
    return state.language or page_language or analysis.language


def norwegian_context(state: State) -> Optional[str]:
    """nb/nn when the conversation so far is in Norwegian (written or chosen), else None."""
    return state.language if state.language in ("nb", "nn") else None


@lru_cache(maxsize=1)
def emergency_numbers() -> Dict[str, str]:
    """112/113 as the catalogue records them (the catalogue cites its sources)."""
    numbers = {}
    for kind, service_id in EMERGENCY_SERVICE.items():
        entries = [e for e in knowledge.list_services(datetime(2026, 1, 1)) if e["service"] == service_id]
        phone = [e["contact"] for e in entries if e["channel"] == "phone" and e["contact"]]
        # The contract fixes 112/113; a broken catalogue entry must never leave someone without one.
        numbers[kind] = phone[0].replace(" ", "") if phone else {"police": "112", "medical": "113"}[kind]
    return numbers


def emergency_for(analysis: Analysis, topic: str) -> List[Dict[str, str]]:
    """Which emergency numbers fit: the lexicon's signals, else by topic (113 for MEDICAL_TOPICS)."""
    return emergency_entries(set(analysis.urgency_services) or {"medical" if topic in MEDICAL_TOPICS else "police"})


def emergency_entries(kinds) -> List[Dict[str, str]]:
    """The contract's `emergency` entries for "police"/"medical" kinds, numbers from the catalogue."""
    numbers = emergency_numbers()
    return [
        {"service": EMERGENCY_SERVICE[kind], "number": numbers[kind]}
        for kind in ("police", "medical")
        if kind in kinds
    ]


def find_offers(topic: str, age: Optional[int], language: str, state: State, at: datetime,
                limit: int = 4) -> List[Any]:
    """knowledge.find for this conversation: ranked for the writer's language (Lule and South
    Sami writers get the Sami offer), with the reply language `language` counting after it."""
    written = state.language if state.language not in (None, "und") else language
    written = "se" if written in OTHER_SAMI else written
    return knowledge.find(topic, age, written, at, limit=limit, reply_language=language)


def age_matters(topic: str, language: str, at: datetime, state: Optional[State] = None) -> bool:
    """True when the best service for a child differs from the best for an adult."""
    state = state or State(language=language)
    young = find_offers(topic, CHILD_AGE, language, state, at, limit=1)
    adult = find_offers(topic, ADULT_AGE, language, state, at, limit=1)
    return bool(young and adult) and young[0].service != adult[0].service


def decide(
    analysis: Analysis,
    at: datetime,
    age: Optional[int] = None,
    channel: str = "web",
    state: Optional[State] = None,
    page_language: Optional[str] = None,
    conversational: bool = False,
) -> Decision:
    """The bot's answer. `conversational` allows a routing question; one-shot triage never asks."""
    state = replace(state or State(channel=channel), channel=channel)
    written = choose_language(analysis, state, page_language)
    language = reply_language(written, norwegian_context(state))
    new_language = written != state.language
    state.language = written
    state.age = analysis.age or age or state.age
    return in_own_language(_decide(analysis, at, state, language, conversational), written, new_language)


def _decide(analysis: Analysis, at: datetime, state: State, language: str, conversational: bool) -> Decision:
    """The answer in the reply language `language`; `in_own_language` adds the writer's lines."""

    topic, confidence = _topic(analysis, state)
    if analysis.urgency == "acute":
        return _acute(analysis, at, topic, confidence, language, state)
    if topic == "other":
        return _handover(analysis, at, "other", confidence, language, state, intro="handover_intro")
    if conversational and confidence < MIN_TOPIC_CONFIDENCE and not state.pending:
        # Unsure in a conversation: ask with a short menu instead of guessing. One-shot triage
        # reports its best guess with the low confidence, and the handover keeps a 24/7 line.
        return topic_menu(analysis, at, topic, confidence, language, state)
    continued = state.topic == topic  # a follow-up on the same situation: asked about once already
    state.topic = topic
    if conversational and state.age is None and state.pending != "age" and analysis.urgency == "normal" \
            and not continued and age_matters(topic, language, at, state):
        return _ask_age(analysis, topic, confidence, language, state)
    intro = "handover_intro_high" if analysis.urgency == "high" else "handover_intro"
    return _handover(analysis, at, topic, confidence, language, state, intro=intro)


def in_own_language(decision: Decision, written: str, new_language: bool) -> Decision:
    """Mark the writer's language on the decision, and open with their own-language lines.

    Acute turns and handovers always get them; other turns only when the language is new to
    the conversation, so a Polish conversation is not told on every turn that the guide
    writes Norwegian and English.
    """
    if decision.language_marked:
        return decision
    decision.reply_language, decision.language = decision.language, written
    decision.language_marked = True
    acute, handover = decision.urgency == "acute", bool(decision.handover)
    if written in OTHER_SAMI and handover and not acute:
        # Lule and South Sami: say so, then the Sami offer in Norwegian (TRIAGE.md).
        decision.replies = [messages.text("sami_other_variant", decision.reply_language)] + decision.replies[1:]
    if not has_own_lines(written) or not (acute or handover or new_language):
        return decision
    numbers = emergency_numbers()
    opening = opening_lines(written, decision.state.channel, acute=acute, handover=handover,
                            all_free=all_free(decision.handover),
                            police=numbers["police"], medical=numbers["medical"])
    closing = language_offer_lines(written, decision.handover, decision.reply_language)
    decision.replies = opening + decision.replies + closing
    return decision


def all_free(offers: Sequence[Any]) -> bool:
    """Every offered service is free to use, as the catalogue records it."""
    services = knowledge.load_catalogue().services
    return bool(offers) and all(getattr(services.get(o.service), "free", False) for o in offers)


def _topic(analysis: Analysis, state: State) -> Tuple[str, float]:
    if analysis.intent in SITUATION_TOPICS:
        return analysis.intent, analysis.intent_confidence
    if state.topic and state.pending:
        return state.topic, 1.0  # answering our question: keep the topic we asked about
    return "other", analysis.intent_confidence


def _acute(analysis, at, topic, confidence, language, state) -> Decision:
    """Emergency numbers in the very first line, then the matching 24/7 lines. No question."""
    emergency = emergency_for(analysis, topic)
    found = find_offers(topic, state.age, language, state, at)
    offers = [o for o in found if o.open_now and o.always_open] or [o for o in found if o.open_now]
    replies = [render_emergency(emergency, language, state.channel)]
    replies += [messages.text("emergency_then", language)] + render_offers(offers[:2], language, at)
    state.pending, state.topic = None, topic
    state.offered = merge_offered(state.offered, offers[:2])
    return Decision(language, topic, confidence, "acute", emergency, offers[:2], replies, [], state)


def _handover(analysis, at, topic, confidence, language, state, intro: str) -> Decision:
    shown = choose_offers(find_offers(topic, state.age, language, state, at))
    replies = [messages.text(intro, language)]
    if not shown[0].open_now:
        # The best match is closed: say when it opens, then give a line that is open now.
        replies += render_offers(shown[:1], language, at)
        replies.append(messages.text("fallback_24_7", language))
        replies += render_offers(shown[1:], language, at)
    else:
        replies += render_offers(shown, language, at)
    state.pending = None
    state.offered = merge_offered(state.offered, shown)
    return Decision(language, topic, confidence, analysis.urgency, [], shown, replies, [], state)


def choose_offers(offers: Sequence[Any], limit: int = 2) -> List[Any]:
    """The best-fitting offer (open or not) first, then open lines; always one open now.

    When the best fit is closed, the next one is a line open day and night if there is one.
    """
    best = max(offers, key=lambda o: o.fit)
    open_now = [o for o in offers if o.open_now and o is not best]
    if not best.open_now:
        open_now.sort(key=lambda o: not o.always_open)
        return [best] + open_now[:1]
    return [best] + open_now[: limit - 1]


def _ask_age(analysis, topic, confidence, language, state) -> Decision:
    state.pending = "age"
    buttons = [
        {"title": messages.text("button_under_18", language), "payload": f'/inform{{"age": {CHILD_AGE}}}'},
        {"title": messages.text("button_18_plus", language), "payload": f'/inform{{"age": {ADULT_AGE}}}'},
        {"title": messages.text("button_skip", language), "payload": "/deny"},
    ]
    return Decision(language, topic, confidence, analysis.urgency, [], [],
                    [messages.text("ask_age", language)], buttons, state)


def topic_menu(analysis, at, topic, confidence, language, state) -> Decision:
    """The short topic menu plus "I don't know": what the bot asks when it cannot place a message."""
    state.pending = "topic"
    buttons = [
        {"title": messages.text(f"topic_label_{t}", language), "payload": f"/{t}"} for t in MENU_TOPICS
    ] + [{"title": messages.text("button_dont_know", language), "payload": "/dont_know"}]
    return Decision(language, topic, confidence, analysis.urgency, [], [],
                    [messages.text("topic_menu", language)], buttons, state)


def merge_offered(offered: List[str], offers: Sequence[Any]) -> List[str]:
    """The conversation's offered "service/channel" keys, with these offers added once."""
    keys = [f"{o.service}/{o.channel}" for o in offers]
    return list(dict.fromkeys(list(offered) + keys))
