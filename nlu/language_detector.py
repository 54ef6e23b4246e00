"""Which of our languages a message is written in: nb, nn, en or se (and smj/sma recognised).

py3langid restricted to our four languages does the bulk of the work; marker lexicons
(`nlu/data/language_markers.yml`) settle Bokmål vs Nynorsk and catch Sami typed without its
letters. Short messages ("hei", "Bures") are marked unreliable, so the dialogue keeps the
conversation's language instead of flipping on a greeting.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import yaml

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

LANGUAGES = ("nb", "nn", "en", "se")
LANGUAGE = "language"
MARKERS_FILE = Path(__file__).parent / "data" / "language_markers.yml"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class LanguageGuess:
    """`code` is one of LANGUAGES; `variant` is smj/sma when Lule/South Sami was recognised."""

    code: str
    confidence: float
    reliable: bool
    variant: Optional[str] = None
    norwegian_undecided: bool = False

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


@lru_cache(maxsize=1)
def _markers() -> Dict[str, Dict[str, Any]]:
    raw = yaml.safe_load(MARKERS_FILE.read_text(encoding="utf-8"))
    for lang, entry in raw.items():
        for key, values in entry.items():
            # YAML reads a bare `no` (Nynorsk "now") as False: a marker that silently never matched.
            if isinstance(values, list) and not all(isinstance(v, str) for v in values):
                raise ValueError(f"{MARKERS_FILE.name}: {lang}.{key} has a non-string entry; quote it")
    return {
        lang: {
            "words": set(entry.get("words", [])) | set(entry.get("exclusive", [])),
            "letters": set(entry.get("letters", "")),
            "greetings": set(entry.get("greetings", [])),
            "endings": tuple(entry.get("endings", [])),
            "ending_min_length": int(entry.get("ending_min_length", 0)),
            "ending_exceptions": tuple(entry.get("ending_exceptions", [])),
        }
        for lang, entry in raw.items()
    }


def _hits(words: List[str], text: str, lang: str) -> int:
    marker = _markers()[lang]
    return (sum(w in marker["words"] or _marked_ending(w, marker) for w in words)
            + 2 * sum(ch in marker["letters"] for ch in text))


def _marked_ending(word: str, marker: Dict[str, Any]) -> bool:
    """An inflection only this language writes (Nynorsk -ar), minus the listed exceptions."""
    return (bool(marker["endings"]) and len(word) >= marker["ending_min_length"]
            and word.endswith(marker["endings"]) and not word.endswith(marker["ending_exceptions"]))


def detect_language(text: str, min_reliable_words: int = 3) -> LanguageGuess:
    """Best guess for `text`; `reliable` is False when it is too short to overrule context."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    if not words:
        return LanguageGuess("nb", 0.0, False)
    sami = _hits(words, text, "se")
    lule, south = _hits(words, text, "smj"), _hits(words, text, "sma")
    code, confidence = _identifier().classify(text)
    confidence = float(confidence)
    if sami and (code != "se" or confidence < 0.9):
        code, confidence = "se", max(confidence if code == "se" else 0.0, min(0.99, 0.6 + 0.15 * sami))
    variant = None
    if code == "se" and max(lule, south) > sami:
        variant = "smj" if lule >= south else "sma"
    reliable = len(words) >= min_reliable_words or sami >= 2 or (code == "se" and confidence > 0.99)
    if not reliable and code == "en" and _norwegian_greeting(words):
        code = "nb"  # "hei", "takk": n-gram models call these English; they are Norwegian
    undecided = False
    if code in ("nb", "nn"):
        undecided = _hits(words, "", "nn") == _hits(words, "", "nb") == 0
        code = _bokmal_or_nynorsk(words, code)
    return LanguageGuess(code, confidence, reliable, variant, undecided)


def _norwegian_greeting(words: List[str]) -> bool:
    greetings = _markers()["nn"]["greetings"]
    return any(w in greetings for w in words)


def _bokmal_or_nynorsk(words: List[str], langid_choice: str) -> str:
    """Function words decide; with none, default to Bokmål, which most Norwegians write."""
    nynorsk, bokmal = _hits(words, "", "nn"), _hits(words, "", "nb")
    if nynorsk != bokmal:
        return "nn" if nynorsk > bokmal else "nb"
    return "nb" if nynorsk == 0 else langid_choice


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class LanguageDetector(GraphComponent):
    """Sets `language` = {code, confidence, reliable, variant} on every message."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Messages with fewer words than this only count as a language signal with Sami markers.
        return {"min_reliable_words": 3}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._min_words = config["min_reliable_words"]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LanguageDetector":
        return cls(config)

    @classmethod
    def required_packages(cls) -> List[Text]:
        return ["py3langid"]

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            guess = detect_language(message.get(TEXT) or "", self._min_words)
            message.set(LANGUAGE, guess.as_dict(), add_to_output=True)
        return messages
