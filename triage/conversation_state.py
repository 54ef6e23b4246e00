"""What a conversation remembers between turns beyond the slots: acute danger that is still going on.

Once a turn is acute, the conversation stays acute until the person says they are safe or the
conversation ends: "I can't talk, he's in the next room" after "he has a knife" is danger, even
though it would not be on its own. The previous turn's urgency is thus an input to this turn's:
a turn in an acute conversation is acute unless it says the danger is over.

What "I am safe now" and "I can't talk" look like is listed per language in
`languages/<lang>/dialogue_markers.yml` (reviewed data, like the acute lexicons); every
language's list is applied to every message, as people mix languages.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Dict, Pattern, Tuple

import yaml

LANGUAGES_DIR = Path(__file__).resolve().parent.parent / "languages"
MARKERS_FILE = "dialogue_markers.yml"
KINDS = ("safe_now", "cannot_talk")


@lru_cache(maxsize=1)
def _markers() -> Dict[str, Tuple[Pattern[str], ...]]:
    found: Dict[str, list] = {kind: [] for kind in KINDS}
    for path in sorted(LANGUAGES_DIR.glob(f"*/{MARKERS_FILE}")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in KINDS:
            found[kind] += [re.compile(p, re.IGNORECASE | re.UNICODE) for p in raw.get(kind) or []]
    return {kind: tuple(patterns) for kind, patterns in found.items()}


def _says(kind: str, text: str) -> bool:
    lowered = " ".join(unicodedata.normalize("NFC", text or "").lower().split())
    return any(p.search(lowered) for p in _markers()[kind])


def says_safe(text: str) -> bool:
    """The person says the danger is over: they are safe, he left, the police or ambulance came."""
    return _says("safe_now", text)


def cannot_talk(text: str) -> bool:
    """The person says they cannot talk or call (someone would hear, or they do not dare)."""
    return _says("cannot_talk", text)


def kinds_of(emergency) -> list:
    """"police"/"medical" for the contract's `emergency` entries."""
    from triage.decide import EMERGENCY_SERVICE

    by_service = {service: kind for kind, service in EMERGENCY_SERVICE.items()}
    return [by_service[e["service"]] for e in emergency if e.get("service") in by_service]


def keep_emergency(decision, kinds) -> None:
    """Open a follow-up in an acute conversation with the emergency line, in place.

    The follow-up's own answer stays after it; the decision becomes acute with the same
    numbers as before. Where the writer's own-language lines were already added, their
    emergency line goes first.
    """
    from triage import messages
    from triage.decide import emergency_entries, emergency_numbers
    from triage.languages import has_own_lines
    from triage.render import render_emergency

    emergency = emergency_entries(set(kinds) or {"police"})
    reply = decision.reply_language if decision.language_marked else decision.language
    lines = [render_emergency(emergency, reply, decision.state.channel)]
    if decision.language_marked and has_own_lines(decision.language):
        numbers = emergency_numbers()
        lines.insert(0, messages.own_text("emergency", decision.language, police=numbers["police"],
                                          medical=numbers["medical"]))
    decision.replies = lines + [r for r in decision.replies if r not in lines]
    decision.urgency, decision.emergency = "acute", emergency


def add_cannot_talk(decision, at) -> None:
    """After the emergency line: that these services can be reached in writing, open now.

    Only catalogue facts: the live chat and SMS channels open now that fit the situation.
    """
    from triage import messages
    from triage.decide import find_offers, merge_offered
    from triage.render import render_offers

    reply = decision.reply_language if decision.language_marked else decision.language
    state = decision.state
    found = find_offers(decision.topic or "other", state.age, reply, state, at, limit=12)
    written = [o for o in found if o.open_now and o.channel in ("chat", "sms") and o.contact][:2]
    if not written:
        return
    first_normal = next((i for i, r in enumerate(decision.replies) if "112" not in r and "113" not in r), 1)
    lines = [messages.text("cannot_talk_write", reply)] + render_offers(written, reply, at)
    decision.replies[first_normal:first_normal] = lines
    state.offered = merge_offered(state.offered, written)
