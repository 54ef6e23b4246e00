"""Shared expectations: catalogue texts, emergency-first, truthful handovers, story texts."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

import knowledge
from triage import messages

from .catalogue_guard import ShownOffer, facts, false_statuses, offers_in, template_regex
from .client import Reply

STORIES = Path(__file__).resolve().parent.parent / "stories"
EMERGENCY_KEYS = ("emergency_police", "emergency_medical", "emergency_both", "emergency_sms_short")
SITUATION_FIRST_KEYS = ("ask_age", "topic_menu", "handover_intro", "handover_intro_high")


def text(key: str, language: str, **values) -> str:
    return messages.text(key, language, **values)


def key_of(message: str, language: str, keys) -> Optional[str]:
    """Which of `keys` (catalogue keys, templates allowed) `message` is, if any."""
    cat = messages.catalogue(language)
    for key in keys:
        if template_regex(cat[key]["text"], language).fullmatch(message):
            return key
    return None


def assert_emergency_first(reply: Reply, language: str) -> str:
    """The very first bot message is the 112/113 handover, and nothing in the reply asks."""
    key = key_of(reply.first, language, EMERGENCY_KEYS)
    assert key, f"first message is not an emergency handover in {language}: {reply.first!r}"
    assert re.search(r"\b11[23]\b", reply.first), reply.first
    assert not reply.buttons, f"an acute reply must not ask anything: {reply.buttons}"
    assert text("ask_age", language) not in reply.texts
    return key


def handover(reply: Reply, language: str, minimum: int = 1) -> List[ShownOffer]:
    """The offers of a reply, each checked against the catalogue at the reply's frozen time."""
    offers = offers_in(reply.texts, language)
    assert len(offers) >= minimum, f"expected at least {minimum} service(s) in {reply.texts}"
    problems = false_statuses(offers, language, reply.moment)
    assert not problems, "\n".join(problems)
    return offers


def open_live(offers: List[ShownOffer]) -> List[ShownOffer]:
    return [o for o in offers if o.status_key.startswith("status_open") and o.channel in ("phone", "chat", "sms", "whatsapp")]


def age_band(offer: ShownOffer, at: datetime) -> Tuple[Optional[int], Optional[int]]:
    entry = facts(offer, at)
    return entry["min_age"], entry["max_age"]


def fits_age(offer: ShownOffer, age: int, at: datetime) -> bool:
    low, high = age_band(offer, at)
    return (low is None or low <= age) and (high is None or age <= high)


def always_open_now(service: str, channel: str, at: datetime) -> bool:
    """Open now and not closing: the catalogue's notion of a line open day and night."""
    return knowledge.open_now(service, channel, at) and knowledge.closes_at(service, channel, at) is None


# ------------------------------------------------------------------ stories as test data
@dataclass
class StoryTurn:
    text: Optional[str]  # None for a button press written as intent + entities
    intent: str
    entities: List[Dict]
    action: Optional[str]

    @property
    def message(self) -> str:
        """What the user sends: the text, or the button payload for intent + entities."""
        if self.text is not None:
            # Rasa's entity markup, short "[16](age)" or long '[9]{"entity": "age", "value": "14"}'.
            return re.sub(r"\[([^\]]+)\](?:\(\w+\)|\{[^}]*\})", r"\1", self.text).strip()
        values = {k: v for entity in self.entities for k, v in entity.items()}
        return f"/{self.intent}" + (json.dumps(values) if values else "")


@dataclass
class Story:
    file: str
    name: str
    turns: List[StoryTurn]
    # One dict per user turn, from the story's `metadata.expect` (tests/stories/test_conversations.yml).
    expect: List[Dict] = field(default_factory=list)

    @property
    def language(self) -> str:
        """Story names start with the language code ('nb acute - …'); nb otherwise."""
        code = self.name.split(" ", 1)[0]
        return code if code in messages.LANGUAGES else "nb"

    @property
    def id(self) -> str:
        return f"{self.file.removeprefix('test_').removesuffix('.yml')}: {self.name}"


def load_stories(*files: str) -> List[Story]:
    """The Rasa test stories of tests/stories/, as (text, intent, expected action) turns."""
    stories = []
    for path in sorted(STORIES.glob("test_*.yml")):
        if files and path.name not in files:
            continue
        for story in yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]:
            turns: List[StoryTurn] = []
            for step in story["steps"]:
                if "intent" in step:
                    turns.append(StoryTurn(step.get("user"), step["intent"], step.get("entities") or [], None))
                elif "action" in step and turns:
                    turns[-1].action = step["action"]
            expect = list((story.get("metadata") or {}).get("expect") or [])
            assert not expect or len(expect) == len(turns), f"{story['story']}: one expectation per user turn"
            stories.append(Story(path.name, story["story"], turns, expect))
    return stories
