"""The user's age as an `age` entity ("jeg er 13", "I'm 14", "13 jagi"): it decides youth vs adult services."""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Pattern, Text, Tuple
from zoneinfo import ZoneInfo

import yaml

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

PATTERNS_FILE = Path(__file__).parent / "data" / "age_patterns.yml"
OSLO = ZoneInfo("Europe/Oslo")
AGE = "age"


@lru_cache(maxsize=1)
def _config() -> Dict[str, Any]:
    return yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))


def _compile(pattern: str) -> Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.UNICODE)


class _Compiled(NamedTuple):
    """The patterns of age_patterns.yml, compiled once."""

    upcoming: Tuple[Pattern[str], ...]  # a birthday to come: "snart 16" is 15
    statements: Tuple[Pattern[str], ...]  # the number is the age: "jeg er 13"
    grades: Tuple[Pattern[str], ...]  # the number is a school class
    grades_finished: Tuple[Pattern[str], ...]  # a class finished last year
    upper_secondary: Tuple[Pattern[str], ...]  # the number is a VG year
    birth_years: Tuple[Pattern[str], ...]
    decades: Tuple[Pattern[str], ...]
    named: Tuple[Tuple[Pattern[str], int], ...]  # a school or band, with the age it stands for
    low: int
    high: int


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    raw = _config()

    def each(key: str) -> Tuple[Pattern[str], ...]:
        return tuple(_compile(p) for p in raw[key])

    return _Compiled(
        upcoming=each("upcoming_birthdays"), statements=each("patterns"), grades=each("school_grades"),
        grades_finished=each("grades_finished"), upper_secondary=each("upper_secondary_years"),
        birth_years=each("birth_years"), decades=each("decades"),
        named=tuple((_compile(entry["pattern"]), int(entry["age"])) for entry in raw["school_levels"] + raw["bands"]),
        low=int(raw["min_age"]), high=int(raw["max_age"]),
    )


def _word_pattern(words: List[str]) -> Pattern[str]:
    """Any of `words` as a whole word, longest first."""
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![^\W\d_])",
                      re.IGNORECASE | re.UNICODE)


@lru_cache(maxsize=1)
def _number_words() -> Tuple[Pattern[str], Dict[str, str]]:
    """One pattern for every number word 5-99 (a ten and a unit joined, too), and their digits."""
    words = _config()["number_words"]
    units = {w.lower(): v for table in words["units"].values() for w, v in table.items()}
    teens = {w.lower(): v for table in words["teens"].values() for w, v in table.items()}
    tens = {w.lower(): v for table in words["tens"].values() for w, v in table.items()}
    values = dict(teens)
    values.update(tens)
    values.update({w: v for w, v in units.items() if v >= 5})
    for ten, ten_value in tens.items():
        for unit, unit_value in units.items():
            for joint in ("", "-", " "):
                values[f"{ten}{joint}{unit}"] = ten_value + unit_value
    return _word_pattern(list(values)), {word: str(value) for word, value in values.items()}


@lru_cache(maxsize=1)
def _ordinals() -> Tuple[Pattern[str], Dict[str, str]]:
    """Ordinal words ("åttende", "first", "gávccát") and "10ende"/"8nde", each as "N."."""
    values = {w.lower(): f"{v}." for table in _config()["ordinals"].values() for w, v in table.items()}
    words = _word_pattern(list(values))
    pattern = re.compile(words.pattern + r"|(?<!\d)\d{1,2}(?:ende|nde|ande)\b", re.IGNORECASE | re.UNICODE)
    return pattern, values


def _replace_words(text: str, pattern: Pattern[str], read: Callable[[str], str]) -> Tuple[str, List[int]]:
    """The text with each match of `pattern` replaced by `read(match)`, and for each character of
    the result the index of the original character it came from (spans stay on the original)."""
    out: List[str] = []
    origin: List[int] = []
    position = 0
    for match in pattern.finditer(text):
        out.append(text[position:match.start()])
        origin.extend(range(position, match.start()))
        replacement = read(match.group(0))
        out.append(replacement)
        origin.extend([match.start()] * (len(replacement) - 1) + [match.end() - 1])
        position = match.end()
    out.append(text[position:])
    origin.extend(range(position, len(text)))
    return "".join(out), origin


def digits_for_number_words(text: str) -> Tuple[str, List[int]]:
    """The text with number words as digits, and for each character of it the index it came from.

    The index map puts the entity's start and end on the original words.
    """
    pattern, values = _number_words()
    return _replace_words(text, pattern, lambda word: values[word.lower()])


def digits_for_ordinals(text: str) -> Tuple[str, List[int]]:
    """The text with ordinals as "N." ("går i åttende" → "går i 8."), for the school patterns."""
    pattern, values = _ordinals()
    return _replace_words(text, pattern, lambda word: values.get(word.lower()) or re.match(r"\d+", word).group(0) + ".")


def _first(patterns: Tuple[Pattern[str], ...], text: str, low: int, high: int,
           to_age: Callable[[str], int] = int) -> Optional[Tuple[int, int, int]]:
    """The first match whose number, read by `to_age`, is a plausible age: (age, start, end)."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            group = _number_group(match)
            age = to_age(match.group(group))
            if low <= age <= high:
                return age, match.start(group), match.end(group)
    return None


def _number_group(match: "re.Match[str]") -> int:
    """The group that holds the number: a pattern with alternatives has one group each."""
    return next(i for i in range(1, (match.re.groups or 1) + 1) if match.group(i) is not None)


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8}


def _grade_age(grade: str) -> int:
    """Norwegian school: 1. klasse at 6, so class N is N+5 at the lowest; no class above 10."""
    return int(grade) + 5 if 1 <= int(grade) <= 10 else -1


def _decade_age(decade: str) -> int:
    """The middle of a decade written as digits ("4" of "40-årene") or a word ("forties")."""
    tens = DECADE_WORDS.get(decade.lower())
    return (tens if tens is not None else int(decade)) * 10 + 5


def _on_original(found: Tuple[int, int, int], origin: List[int]) -> Tuple[int, int, int]:
    """(age, start, end) with the span moved from a rewritten text back onto the original."""
    age, start, end = found
    return age, origin[start], origin[end - 1] + 1


def find_age(text: str) -> Optional[Tuple[int, int, int]]:
    """(age, start, end) of the writer's own age, or None.

    A birthday to come ("snart 16" is 15) comes first, then an age in digits or words; then a
    school class ("går i 9. klasse" is 14) or
    year ("VG2" is 17); then a birth year ("født i 2010") or a decade ("i 40-årene" is 45);
    then a school or a band ("ungdomsskolen", "over 18", "pensjonist"), which stand in with a
    typical age for it.
    """
    text = text or ""
    compiled = _compiled()
    low, high = compiled.low, compiled.high
    with_digits, origin = digits_for_number_words(text)
    found = (_first(compiled.upcoming, with_digits, low, high, to_age=lambda age: int(age) - 1)
             or _first(compiled.statements, with_digits, low, high))
    if found is not None:
        return _on_original(found, origin)
    this_year = datetime.now(OSLO).year
    school_text, school_origin = digits_for_ordinals(text)
    found = (_first(compiled.grades, school_text, low, high, to_age=_grade_age)
             or _first(compiled.grades_finished, school_text, low, high, to_age=lambda grade: _grade_age(grade) + 1)
             or _first(compiled.upper_secondary, school_text, low, high, to_age=lambda year: 15 + int(year)))
    if found is not None:
        return _on_original(found, school_origin)
    # a birth year: the younger of the two ages it allows this year
    found = (_first(compiled.birth_years, text, low, high, to_age=lambda year: this_year - int(year) - 1)
             or _first(compiled.decades, text, low, high, to_age=_decade_age))
    if found is not None:
        return found
    for pattern, age in compiled.named:
        match = pattern.search(text)
        if match:
            return age, match.start(), match.end()
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class AgeExtractor(GraphComponent, EntityExtractorMixin):
    """Adds an `age` entity with an integer value when the message states an age."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "AgeExtractor":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = find_age(message.get(TEXT) or "")
            if found is None:
                continue
            age, start, end = found
            entity = {
                ENTITY_ATTRIBUTE_TYPE: AGE,
                ENTITY_ATTRIBUTE_VALUE: age,
                ENTITY_ATTRIBUTE_START: start,
                ENTITY_ATTRIBUTE_END: end,
                EXTRACTOR: self.__class__.__name__,
            }
            others = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) != AGE]
            message.set(ENTITIES, others + [entity], add_to_output=True)
        return messages
