"""The acute-danger safety net: a reviewed lexicon per language, combined with the classifier.

Missing an acute case is the worst defect this product can have, so the lexicon of every
language is applied to every message (people mix languages, and language ID can be wrong on a
short cry for help), and the classifier's acute probability counts from a threshold chosen
for recall on the development sets, per detected language where they called for it. Acute
always wins: neither the topic nor the dialogue state can lower it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Pattern, Set, Text, Tuple

import yaml

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.language_detector import LANGUAGE

LANGUAGES_DIR = Path(__file__).resolve().parent.parent / "languages"
LEXICON_FILE = "acute_lexicon.yml"
URGENCY = "urgency"
_REGEX_ESCAPE = re.compile(r"\\[a-zA-Z]")
_LETTER_RUN = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@dataclass(frozen=True)
class Signal:
    id: str
    services: FrozenSet[str]
    always: bool
    patterns: Tuple[Pattern[str], ...]


@dataclass(frozen=True)
class Lexicon:
    language: str
    signals: Tuple[Signal, ...]
    present: Tuple[Pattern[str], ...]
    past: Tuple[Pattern[str], ...]
    # The scripts its words are written in (LATIN, ARABIC, CYRILLIC, ...): a lexicon in Arabic
    # letters cannot match a message without any, so it is not run on one (16 lexicons cost
    # three times what four did when every one ran on every message).
    scripts: FrozenSet[str] = frozenset()

    def applies_to(self, text_scripts: FrozenSet[str]) -> bool:
        return not self.scripts or bool(self.scripts & text_scripts)


@dataclass
class AcuteScan:
    """What the lexicon found: `acute` by the rule, and which signals/services matched."""

    acute: bool = False
    signals: List[str] = field(default_factory=list)
    services: Set[str] = field(default_factory=set)


_FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class VetoedPattern:
    """`^(?!VETO)REST`, split in two so that a veto shared by many patterns runs once a message.

    Several lexicons open every `always` pattern with the same veto on past, habit and joke
    words ("^(?!.*\\b(years ago|...))..."): as one regex each, that veto scanned the whole message
    once per pattern. Anchored at ^, the whole pattern matches exactly when the veto does not
    match at the start and the rest does, so the split changes no result.
    """

    veto: Pattern[str]
    rest: Pattern[str]

    @property
    def pattern(self) -> str:
        return f"^(?!{self.veto.pattern}){self.rest.pattern}"

    def search(self, text: str, vetoes: Optional[Dict[str, bool]] = None) -> bool:
        vetoes = {} if vetoes is None else vetoes
        if self.veto.pattern not in vetoes:
            vetoes[self.veto.pattern] = self.veto.match(text) is not None
        return not vetoes[self.veto.pattern] and self.rest.match(text) is not None


def _leading_veto(pattern: str) -> Optional[Tuple[str, str]]:
    """(VETO, REST) when `pattern` is `^(?!VETO)REST`, else None."""
    if not pattern.startswith("^(?!"):
        return None
    depth, i = 0, 1  # the "(" of "(?!"
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a character class: parentheses inside it do not count
            i = pattern.index("]", i + 2 if pattern[i + 1:i + 2] in ("]", "^") else i + 1) + 1
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return pattern[4:i], pattern[i + 1:]
        i += 1
    return None


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> Pattern[str]:
    return re.compile(pattern, _FLAGS)


def _compile_one(pattern: str):
    split = _leading_veto(pattern)
    return VetoedPattern(_compiled(split[0]), _compiled(split[1])) if split else _compiled(pattern)


def _compile(patterns: List[str]) -> Tuple[Any, ...]:
    return tuple(_compile_one(p) for p in patterns or [])


def _search(pattern: Any, text: str, vetoes: Dict[str, bool]) -> bool:
    if isinstance(pattern, VetoedPattern):
        return pattern.search(text, vetoes)
    return pattern.search(text) is not None


def letter_scripts(text: str) -> FrozenSet[str]:
    """The Unicode scripts of the letters in `text` (the first word of each letter's name)."""
    return frozenset(unicodedata.name(ch, "?").split(" ")[0] for ch in set(text) if ch.isalpha())


def _pattern_scripts(patterns: List[str]) -> FrozenSet[str]:
    """The scripts a lexicon's words are in: each script with at least 5% of its letter runs."""
    runs: Dict[str, int] = {}
    for pattern in patterns:
        for word in _LETTER_RUN.findall(_REGEX_ESCAPE.sub(" ", pattern)):
            script = unicodedata.name(word[0], "?").split(" ")[0]
            runs[script] = runs.get(script, 0) + 1
    total = sum(runs.values())
    return frozenset(script for script, n in runs.items() if total and n / total >= 0.05)


def load_lexicon(path: Path) -> Lexicon:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    signals = tuple(
        Signal(
            id=entry["id"],
            services=frozenset(entry.get("services", ["police"])),
            always=bool(entry.get("always", False)),
            patterns=_compile(entry["patterns"]),
        )
        for entry in raw.get("signals", [])
    )
    words = [p for entry in raw.get("signals", []) for p in entry["patterns"]]
    return Lexicon(raw["language"], signals, _compile(raw.get("present")), _compile(raw.get("past")),
                   _pattern_scripts(words))


@lru_cache(maxsize=1)
def all_lexicons() -> Tuple[Lexicon, ...]:
    """Every language's lexicon, found as languages/<lang>/acute_lexicon.yml."""
    return tuple(load_lexicon(path) for path in sorted(LANGUAGES_DIR.glob(f"*/{LEXICON_FILE}")))


def scan_acute(text: str, language: Optional[str] = None) -> AcuteScan:
    """Apply the lexicon rule; `language` is accepted for callers but every lexicon is used.

    Rule: acute if an `always` signal matches, or another signal matches and a present-time
    marker matches or no past-time marker does ("for to år siden" defuses "kniv").
    """
    # NFC so "á" typed as a + combining accent matches; single spaces as the patterns assume.
    lowered = " ".join(unicodedata.normalize("NFC", text or "").lower().split())
    scan = AcuteScan()
    scripts = letter_scripts(lowered)
    lexicons = [lexicon for lexicon in all_lexicons() if lexicon.applies_to(scripts)]
    vetoes: Dict[str, bool] = {}  # a shared veto's answer for this message
    present = any(_search(p, lowered, vetoes) for lex in lexicons for p in lex.present)
    past = any(_search(p, lowered, vetoes) for lex in lexicons for p in lex.past)
    for lexicon in lexicons:
        for signal in lexicon.signals:
            if not any(_search(p, lowered, vetoes) for p in signal.patterns):
                continue
            if signal.always or present or not past:
                if signal.id not in scan.signals:
                    scan.signals.append(signal.id)
                scan.services |= signal.services
    scan.acute = bool(scan.signals)
    return scan


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AcuteSafetyNet(GraphComponent):
    """Raises `urgency` to acute when the lexicon fires or the classifier's acute probability is high enough."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # The classifier's acute probability from which the message counts as acute. It depends
        # on how soft the urgency head is: 0.2 suits the default head (C=100); config.yml uses
        # 0.6 with urgency_C=10. Set for recall first: a false alarm costs a line about 112; a
        # miss can cost a life.
        # `acute_threshold_by_language` overrides it for a detected language code.
        return {"acute_threshold": 0.2, "acute_threshold_by_language": {}}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._threshold = config["acute_threshold"]
        self._threshold_by_language = dict(config.get("acute_threshold_by_language") or {})

    def threshold(self, language: Optional[str]) -> float:
        """The acute threshold for a message detected as `language` (None: not detected)."""
        return self._threshold_by_language.get(language, self._threshold)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "AcuteSafetyNet":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if message.get(TEXT):
                language = (message.get(LANGUAGE) or {}).get("code")
                decided = self.decide(message.get(TEXT), message.get(URGENCY), language)
                message.set(URGENCY, decided, add_to_output=True)
        return messages

    def decide(
        self, text: str, classified: Optional[Dict[str, Any]], language: Optional[str] = None
    ) -> Dict[str, Any]:
        """Final urgency: lexicon first, then the classifier's acute probability against the threshold.

        The threshold (for the detected `language`) alone decides acute, as it was chosen
        (docs/evaluation.md). A message the classifier ranks acute but below the threshold is
        raised to at least `high`: serious, with a 24/7 line in the handover, but without the
        emergency reply.
        """
        urgency = dict(classified or {"name": "normal", "confidence": 0.0, "scores": {}})
        scores = urgency.get("scores") or {}
        scan = scan_acute(text)
        urgency["signals"] = scan.signals
        urgency["services"] = sorted(scan.services)
        if scan.acute:
            urgency.update(name="acute", source="lexicon")
        elif scores.get("acute", 0.0) >= self.threshold(language):
            urgency.update(name="acute", source="classifier")
        elif urgency.get("name") == "acute":
            urgency.update(name="high", confidence=scores.get("high", 0.0), source="classifier")
        return urgency
