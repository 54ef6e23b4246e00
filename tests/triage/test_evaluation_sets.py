"""The evaluation sets stay usable: valid labels, and independent of the training data.

eval/heldout3/ measures; eval/dev*, eval/heldout/ and eval/heldout2/ are tuned on. None may leak into
languages/*/nlu.yml, and a message may not sit in two of them. `hjelpelos eval`'s scoring is
checked on hand-made results.
"""
from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path
from typing import Dict, List, Set

import pytest

from bot.cli.evaluate import EVAL_SETS, OTHER_LANGUAGE_DEV_SETS, OTHER_LANGUAGE_SET, load_heldout, macro_f1, score
from knowledge.catalogue import load_catalogue
from triage.decide import TOPICS

ROOT = Path(__file__).resolve().parents[2]
URGENCIES = {"acute", "high", "normal"}
LANGUAGES = {"nb", "nn", "en", "se"}
# The other-language set: the twelve largest immigrant languages, and Swedish and Danish.
OTHER_LANGUAGES = {"pl", "lt", "uk", "ru", "ar", "so", "ti", "ur", "prs", "tr", "th", "ro"}
NEIGHBOURS = {"sv", "da"}


OTHER_LANGUAGE_SETS = {OTHER_LANGUAGE_SET, *OTHER_LANGUAGE_DEV_SETS}


def _languages(name: str) -> Set[str]:
    return OTHER_LANGUAGES | NEIGHBOURS if name in OTHER_LANGUAGE_SETS else LANGUAGES


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _training_texts() -> Set[str]:
    """Every training example's text as Rasa reads it (entity markup removed)."""
    from rasa.shared.nlu.training_data.loading import load_data

    return {
        _normalise(message.get("text"))
        for path in ROOT.glob("languages/*/nlu*.yml")
        for message in load_data(str(path)).intent_examples
    }


@pytest.fixture(scope="module")
def sets() -> Dict[str, List[dict]]:
    return {name: load_heldout(folder) for name, folder in EVAL_SETS.items()}


@pytest.mark.parametrize("name", sorted(EVAL_SETS))
def test_every_item_carries_contract_labels(sets, name) -> None:
    services = set(load_catalogue().services)
    items = sets[name]
    assert len({i["id"] for i in items}) == len(items), "ids must be unique"
    for item in items:
        assert item["language"] in _languages(name), item["id"]
        assert item["topic"] in TOPICS, item["id"]
        assert item["urgency"] in URGENCIES, item["id"]
        assert set(item["acceptable_services"]) <= services, item["id"]
        assert not {"politi-112", "amk-113"} & set(item["acceptable_services"]), item["id"]


@pytest.mark.parametrize("name", sorted(set(EVAL_SETS) - OTHER_LANGUAGE_SETS))
def test_every_language_has_at_least_forty_items_and_acute_ones(sets, name) -> None:
    for language in LANGUAGES:
        items = [i for i in sets[name] if i["language"] == language]
        assert len(items) >= 40, (name, language)
        assert any(i["urgency"] == "acute" for i in items), (name, language)


@pytest.mark.parametrize("name", sorted(EVAL_SETS))
def test_no_evaluation_message_is_a_training_example(sets, name) -> None:
    """Greetings of one or two words ("hei", "test") may coincide; real messages may not."""
    training = _training_texts()
    leaked = [i["id"] for i in sets[name] if len(i["text"].split()) > 2 and _normalise(i["text"]) in training]
    assert not leaked, f"{name} messages found verbatim in languages/*/nlu.yml: {leaked}"


@pytest.mark.parametrize("first, second", list(combinations(sorted(EVAL_SETS), 2)))
def test_evaluation_sets_share_no_message(sets, first, second) -> None:
    earlier = {_normalise(i["text"]) for i in sets[first] if len(i["text"].split()) > 2}
    assert not [i["id"] for i in sets[second] if _normalise(i["text"]) in earlier]


def _result(topic: str, urgency: str, services: List[str]) -> dict:
    return {"topic": topic, "urgency": urgency, "language": "nb",
            "handover": [{"service": s} for s in services]}


def test_score_counts_acute_recall_false_alarms_and_handover_hits() -> None:
    items = [
        {"id": "a", "language": "nb", "topic": "partner_violence", "urgency": "acute", "acceptable_services": ["vo-linjen"]},
        {"id": "b", "language": "nb", "topic": "partner_violence", "urgency": "acute", "acceptable_services": ["vo-linjen"]},
        {"id": "c", "language": "nb", "topic": "bullying", "urgency": "normal", "acceptable_services": ["snakkommobbing"]},
        {"id": "d", "language": "nb", "topic": "other", "urgency": "normal", "acceptable_services": []},
    ]
    results = [
        _result("partner_violence", "acute", ["vo-linjen"]),
        _result("partner_violence", "high", ["krisesentre", "alarmtelefonen"]),
        _result("bullying", "acute", ["alarmtelefonen", "snakkommobbing"]),
        _result("other", "normal", []),
    ]
    metrics = score(items, results)
    assert metrics["acute_recall"] == 0.5 and metrics["missed_acute"] == ["b"]
    assert metrics["false_alarm_rate"] == 0.5 and metrics["false_alarms"] == ["c"]
    assert metrics["handover_hit_rate"] == round(2 / 3, 3)  # "d" expects no handover: not scored
    assert metrics["topic_macro_f1"] == 1.0


def test_macro_f1_weighs_every_gold_topic_equally() -> None:
    gold = ["a", "a", "a", "b"]
    assert macro_f1(gold, ["a", "a", "a", "a"]) == pytest.approx((2 * 3 / (2 * 3 + 1) + 0.0) / 2)


def test_the_other_language_set_has_twenty_items_a_language_a_third_of_them_acute(sets) -> None:
    items = sets[OTHER_LANGUAGE_SET]
    for language in OTHER_LANGUAGES:
        mine = [i for i in items if i["language"] == language]
        assert len(mine) >= 20, language
        assert sum(i["urgency"] == "acute" for i in mine) >= len(mine) / 4, language
