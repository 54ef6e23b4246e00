"""Which language a message is written in: any language, with our four told apart finely.

The conversation languages are nb, nn, en and se; anyone else is recognised too (ISO 639-1, or
639-3 where there is none: `prs` Dari, `smj`, `sma`), so the reply policy can answer them in a
language they read and never in North Sami by mistake.

- Script first: Ethiopic, Thai, Arabic and Cyrillic letters settle most of the question, and
  letters only Urdu or Persian write settle the rest (py3langid restricted to the script's
  languages decides what letters cannot).
- Latin script: North Sami only on Sami evidence (its letters đ ŋ ŧ, its marker words, or
  py3langid's own Sami model winning outright), never because a text is "not Norwegian or
  English". Then py3langid over all its 97 languages; a confident guess outside Norwegian,
  Swedish, Danish and English is taken as it is. Marker lexicons
  (`nlu/data/language_markers.yml`) add Somali and roman Urdu, which py3langid lacks, and
  settle Bokmål vs Nynorsk.
- Short messages ("hei", "Bures", "tak") are marked unreliable, so the dialogue keeps the
  conversation's language instead of flipping on a greeting. Text with no letters is `und`.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

import yaml

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# The languages the bot converses in; every other code is answered by the reply policy.
LANGUAGES = ("nb", "nn", "en", "se")
SAMI = ("se", "smj", "sma")
UNDETERMINED = "und"
LANGUAGE = "language"
MARKERS_FILE = Path(__file__).parent / "data" / "language_markers.yml"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# py3langid's guesses that belong to the Norwegian decision (its `no` is Norwegian undecided).
_NORDIC_OR_ENGLISH = frozenset({"nb", "nn", "no", "da", "sv", "en"})
# An open-set guess counts only when py3langid's log-likelihood for it beats the best of Norwegian,
# Swedish, Danish, English and Sami by this many nats, after the priors below. Short English and
# Norwegian lines ("are you a robot", "kva heiter du") come within a few nats of Romanian or
# German; a sentence really written in another language is tens of nats ahead.
OPEN_SET_MARGIN = 8.0
OPEN_SET_MIN_CONFIDENCE = 0.9
# Who writes to the bot, as priors on py3langid's likelihoods: Norway's own and neighbouring
# languages weigh most, then the largest immigrant languages.
PRIOR_NORDIC_OR_ENGLISH = 20.0
PRIOR_IMMIGRANT = 5.0
IMMIGRANT_LANGUAGES = frozenset({"pl", "lt", "uk", "ru", "ar", "so", "ti", "ur", "fa", "tr", "th", "ro",
                                 "de", "es", "fr", "it", "pt", "lv", "et", "fi", "is", "vi", "tl", "ku",
                                 "am", "sq", "bs", "hr", "sr", "hu", "ps"})
# Letters that only Sami writes among the languages people in Norway write (č š ž are
# Lithuanian, Czech and Croatian letters too, so they count only beside a Sami word).
_SAMI_ONLY_LETTERS = frozenset("đŋŧĐŊŦ")
_SAMI_SHARED_LETTERS = frozenset("áčšžÁČŠŽ")
# Letters North Sami orthography never uses (Lithuanian ą ė į ų ū, Polish ł ń ś ź ż, Romanian ă ș ț,
# Turkish ğ ı ş ç, ...): a text with them is not Sami, whatever short words it shares.
_NOT_SAMI_LETTERS = frozenset("ąęėįųūłńśźżőűășțşţğıçñõßĄĘĖĮŲŪŁŃŚŹŻŐŰĂȘȚŞŢĞİÇÑÕ")
_URDU_LETTERS = frozenset("ٹڈڑںےۓھ")
_PERSIAN_LETTERS = frozenset("پچژگکی")
# py3langid's languages per script, for text whose script settles the rest.
_SCRIPT_LANGUAGES = {
    "ARABIC": ["ar", "fa", "ur", "ps", "ku", "ug"],
    "CYRILLIC": ["ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn"],
}


@dataclass(frozen=True)
class LanguageGuess:
    """`code` is nb/nn/en/se/smj/sma, another ISO code, or `und` (no letters at all)."""

    code: str
    confidence: float
    reliable: bool
    norwegian_undecided: bool = False

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=None)
def _identifier(languages: Optional[Tuple[str, ...]] = LANGUAGES, norm_probs: bool = True):
    """py3langid, restricted to `languages` (None: all 97 of its languages); log-likelihoods
    instead of probabilities when `norm_probs` is False."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=norm_probs)
    if languages:
        identifier.set_languages(list(languages))
    return identifier


def _classify(text: str, languages: Optional[Sequence[str]]) -> Tuple[str, float]:
    code, confidence = _identifier(tuple(languages) if languages else None).classify(text)
    return code, float(confidence)


def _classify_open(text: str) -> Tuple[str, float]:
    """py3langid over all its languages, weighed by who writes to the bot (see the priors).

    Returns the best language and its lead in nats over the best Nordic, English or Sami
    reading (0 when that reading is itself the best).
    """
    scored = [(code, logp + math.log(_prior(code))) for code, logp in _identifier(None, False).rank(text)]
    best_code, best = max(scored, key=lambda item: item[1])
    ours = max(logp for code, logp in scored if code in _NORDIC_OR_ENGLISH or code == "se")
    return best_code, float(best - ours)


def _scandinavian_lead(text: str) -> float:
    """How far Swedish or Danish leads Norwegian and English, in nats."""
    ranked = dict(_identifier(None, False).rank(text))
    return max(ranked["sv"], ranked["da"]) - max(ranked[c] for c in ("nb", "nn", "no", "en"))


def _confidence(lead: float) -> float:
    """A probability-like confidence from a lead in nats (the two-way softmax)."""
    return 1.0 / (1.0 + math.exp(-lead)) if lead < 50 else 1.0


def _prior(code: str) -> float:
    if code in _NORDIC_OR_ENGLISH or code == "se":
        return PRIOR_NORDIC_OR_ENGLISH
    return PRIOR_IMMIGRANT if code in IMMIGRANT_LANGUAGES else 1.0


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
            "words": set(entry.get("words", [])) | set(entry.get("exclusive", [])) | set(entry.get("vocabulary", [])),
            "letters": set(entry.get("letters", "")),
            "greetings": set(entry.get("greetings", [])),
            "endings": tuple(entry.get("endings", [])),
            "ending_min_length": int(entry.get("ending_min_length", 0)),
            "ending_exceptions": tuple(entry.get("ending_exceptions", [])),
            "exclusive": set(entry.get("exclusive", [])),
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


def dominant_script(text: str) -> Optional[str]:
    """The Unicode script most of the letters are in (LATIN, CYRILLIC, ARABIC, ...), or None."""
    scripts: Counter = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts[name.split(" ")[0] if name else "UNKNOWN"] += 1
    return scripts.most_common(1)[0][0] if scripts else None


def detect_language(text: str, min_reliable_words: int = 3) -> LanguageGuess:
    """Best guess for `text`; `reliable` is False when it is too short to overrule context."""
    text = unicodedata.normalize("NFC", text or "")
    words = [w.lower() for w in _WORD.findall(text)]
    script = dominant_script(text)
    if not words or script is None:
        return LanguageGuess(UNDETERMINED, 0.0, False)
    if script != "LATIN":
        return _other_script(text, words, script, min_reliable_words)
    return _latin(text, words, min_reliable_words)


def _other_script(text: str, words: List[str], script: str, min_words: int) -> LanguageGuess:
    """Ethiopic, Thai, Arabic, Cyrillic and the rest: the script narrows the choice."""
    letters = set(text)
    reliable = len(words) >= min_words
    if script == "ETHIOPIC":
        amharic = _hits(words, "", "am") > _hits(words, "", "ti")
        return LanguageGuess("am" if amharic else "ti", 0.9, True)
    if script == "THAI":
        return LanguageGuess("th", 0.99, True)  # Thai writes no spaces: one "word" is a sentence
    if script == "ARABIC" and letters & _URDU_LETTERS:
        return LanguageGuess("ur", 0.95, True)
    if script == "ARABIC" and letters & _PERSIAN_LETTERS and _persian_keyboard(text):
        code, confidence = _classify(text, ["fa", "ur", "ps", "ku"])
        if code == "fa" and _hits(words, "", "prs"):
            code = "prs"
        return LanguageGuess(code, confidence, True)
    if script == "CYRILLIC" and letters & set("іїєґІЇЄҐ"):
        return LanguageGuess("uk", 0.95, True)
    code, confidence = _classify(text, _SCRIPT_LANGUAGES.get(script))
    return LanguageGuess(code, confidence, reliable or script in _SCRIPT_LANGUAGES)


def _persian_keyboard(text: str) -> bool:
    """Typed with Persian yeh and keheh (ی ک) rather than Arabic's (ي ك ة ى).

    Iraqi and Gulf Arabic write گ and چ too, but on an Arabic keyboard; Persian, Dari and Urdu
    keyboards give ی and ک.
    """
    persian = sum(ch in "یک" for ch in text)
    arabic = sum(ch in "يكةى" for ch in text)
    return persian >= arabic


def _latin(text: str, words: List[str], min_words: int) -> LanguageGuess:
    reliable = len(words) >= min_words
    sami = _sami_evidence(text, words)
    open_code, lead = _classify_open(text)
    if not any(ch in _SAMI_ONLY_LETTERS for ch in text):
        # Somali, roman Urdu and Tigrinya in Latin letters share short words with Sami ("ii", "mo"):
        # their own words first.
        for code in ("so", "ur_latn", "ti_latn"):
            hits = _hits(words, "", code)
            if hits >= 3 or (hits == 2 and open_code not in _NORDIC_OR_ENGLISH):
                return LanguageGuess(code.split("_")[0], 0.8, True)
    other_language = lead >= OPEN_SET_MARGIN and open_code not in _NORDIC_OR_ENGLISH and open_code != "se"
    foreign_letters = any(ch in _NOT_SAMI_LETTERS for ch in text) and not any(ch in _SAMI_ONLY_LETTERS for ch in text)
    if sami >= 2 or (open_code == "se" and not foreign_letters
                     and _classify(text, LANGUAGES)[1] >= OPEN_SET_MIN_CONFIDENCE):
        return _sami(text, words, sami, min_words)
    if sami >= 1 and not other_language:
        return _sami(text, words, sami, min_words)  # one Sami word, and no other language stands out
    if sami and not other_language and _classify(text, LANGUAGES)[0] == "se":
        return _sami(text, words, sami, min_words)  # a short Sami word, and Sami n-grams agree
    if reliable and other_language:
        return LanguageGuess(open_code, _confidence(lead), True)
    if reliable and open_code in ("sv", "da") and _scandinavian_lead(text) >= OPEN_SET_MARGIN \
            and not (_hits(words, "", "nb") or _hits(words, "", "nn")):
        return LanguageGuess(open_code, _confidence(lead), True)
    neighbour = _scandinavian_neighbour(words)
    if reliable and neighbour:
        return LanguageGuess(neighbour, 0.8, True)
    return _norwegian_or_english(text, words, reliable)


def _scandinavian_neighbour(words: List[str]) -> Optional[str]:
    """Swedish or Danish, where two or more of its own spellings outnumber Norwegian markers."""
    norwegian = _hits(words, "", "nb") + _hits(words, "", "nn")
    for code in ("sv", "da"):
        own = sum(w in _markers()[code]["exclusive"] for w in words)
        if own >= 2 and own > norwegian:
            return code
    return None


def _sami_evidence(text: str, words: List[str]) -> float:
    """How much speaks for Sami: its marker words, and its own letters (đ ŋ ŧ; á č š ž beside a word).

    A short marker word ("ii", "mo") is also a word of other languages, so it counts half.
    """
    sami_words = sum(1.0 if len(w) >= 4 else 0.5 for w in words if w in _markers()["se"]["words"])
    own_letters = sum(ch in _SAMI_ONLY_LETTERS for ch in text)
    if not own_letters and any(ch in _NOT_SAMI_LETTERS for ch in text):
        return 0.0
    shared_letters = sum(ch in _SAMI_SHARED_LETTERS for ch in text)
    return sami_words + 2 * own_letters + (shared_letters if sami_words else 0)


def _sami(text: str, words: List[str], evidence: float, min_words: int) -> LanguageGuess:
    """North Sami, or Lule/South Sami where their own markers outweigh North Sami's."""
    code, confidence = _classify(text, LANGUAGES)
    confidence = max(confidence if code == "se" else 0.0, min(0.99, 0.6 + 0.15 * evidence))
    lule, south = _hits(words, text, "smj"), _hits(words, text, "sma")
    variant = ("smj" if lule >= south else "sma") if max(lule, south) > _hits(words, text, "se") else "se"
    reliable = len(words) >= min_words or evidence >= 2 or confidence > 0.99
    return LanguageGuess(variant, confidence, reliable)


def _norwegian_or_english(text: str, words: List[str], reliable: bool) -> LanguageGuess:
    """Bokmål, Nynorsk or English, as py3langid restricted to them and the markers say."""
    code, confidence = _classify(text, ("nb", "nn", "en"))
    if not reliable and code == "en" and _norwegian_greeting(words):
        code = "nb"  # "hei", "takk": n-gram models call these English; they are Norwegian
    undecided = False
    if code in ("nb", "nn"):
        undecided = _hits(words, "", "nn") == _hits(words, "", "nb") == 0
        code = _bokmal_or_nynorsk(words, code)
    return LanguageGuess(code, confidence, reliable, undecided)


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
    """Sets `language` = {code, confidence, reliable, norwegian_undecided} on every message."""

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
