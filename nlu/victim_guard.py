"""Keep a victim out of `own_violence`: "kjæresten min har slått meg" is not someone who hits.

Sentence embeddings and character n-grams see a partner and hitting in both "he hit me" and
"I hit her", and the classifier sometimes files the victim under `own_violence`, whose services
are for people who use violence. Sending a victim there is a serious misrouting, so a reviewed
rule corrects the one direction: when the top intent is `own_violence`, the message says the
writer was hit (a violent verb with "meg"/"me" as its object, or a passive), and nothing says
the writer did it, the best-ranked victim topic takes the top place. It never moves a message
*into* `own_violence`, and it leaves urgency alone.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Pattern, Text, Tuple

import yaml

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

logger = logging.getLogger(__name__)
CUES_FILE = Path(__file__).parent / "data" / "violence_direction.yml"
OWN_VIOLENCE = "own_violence"


@lru_cache(maxsize=1)
def _cues() -> Tuple[Tuple[Pattern[str], ...], Tuple[Pattern[str], ...], Tuple[str, ...]]:
    raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    verbs = " ".join(raw["verbs_no"].split())  # the folded YAML scalar may hold spaces

    def compile_all(patterns: List[str]) -> Tuple[Pattern[str], ...]:
        return tuple(re.compile(p.replace("{verbs_no}", verbs), re.IGNORECASE | re.UNICODE) for p in patterns)

    return compile_all(raw["victim"]), compile_all(raw["doer"]), tuple(raw["victim_topics"])


def writer_is_victim(text: str) -> bool:
    """The writer says they were hit, and never that they did it."""
    victim, doer, _ = _cues()
    return any(p.search(text or "") for p in victim) and not any(p.search(text or "") for p in doer)


def victim_topic(ranking: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The best-ranked entry that is a victim's topic, if any."""
    allowed = set(_cues()[2])
    return next((entry for entry in ranking if entry.get(INTENT_NAME_KEY) in allowed), None)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class VictimGuard(GraphComponent):
    """Runs after TriageClassifier and moves a victim's message from own_violence to its topic."""

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
    ) -> "VictimGuard":
        _cues()  # fail at load time, not on the first message, if the cue file is broken
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != OWN_VIOLENCE or not writer_is_victim(message.get(TEXT)):
                continue
            ranking = list(message.get(INTENT_RANKING_KEY) or [])
            chosen = victim_topic(ranking)
            if chosen is None:
                continue
            logger.debug("victim_guard.moved", extra={"to": chosen[INTENT_NAME_KEY]})
            message.set(INTENT, dict(chosen), add_to_output=True)
            message.set(INTENT_RANKING_KEY, [chosen] + [e for e in ranking if e is not chosen], add_to_output=True)
        return messages
