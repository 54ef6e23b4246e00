"""The user's age as an `age` entity ("jeg er 13", "I'm 14", "13 jagi"): it decides youth vs adult services."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Pattern, Text, Tuple

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
AGE = "age"


@lru_cache(maxsize=1)
def _patterns() -> Tuple[Tuple[Pattern[str], ...], int, int]:
    raw = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    compiled = tuple(re.compile(p, re.IGNORECASE | re.UNICODE) for p in raw["patterns"])
    return compiled, int(raw["min_age"]), int(raw["max_age"])


def find_age(text: str) -> Optional[Tuple[int, int, int]]:
    """(age, start, end) of the first plausible age statement, or None."""
    patterns, low, high = _patterns()
    for pattern in patterns:
        for match in pattern.finditer(text or ""):
            age = int(match.group(1))
            if low <= age <= high:
                return age, match.start(1), match.end(1)
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
