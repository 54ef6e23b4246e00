"""VictimGuard: a writer who was hit is never filed under own_violence; a writer who hits still is."""
from __future__ import annotations

from typing import List

import pytest

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.victim_guard import VictimGuard, writer_is_victim


@pytest.mark.parametrize(
    "text",
    [
        "kjæresten min har slått meg flere ganger, jeg er 34",
        "samboeren min slo meg i går",
        "mannen min truer meg hele tida",
        "eg vart slegen av kjærasten min",
        "jeg har blitt slått av samboeren",
        "my boyfriend hits me when he drinks",
        "I was hit by my husband",
        "kjæresten blir sint og holder meg fast når vi krangler",
        "han tek tak i meg når han er full",
        "he pins me down when he is angry",
        "mannen min tok meg i strupen i går kveld",
    ],
)
def test_the_writer_who_was_hit_is_a_victim(text: str) -> None:
    assert writer_is_victim(text)


@pytest.mark.parametrize(
    "text",
    [
        "jeg har slått kjæresten min flere ganger",
        "eg slo kona mi i går",
        "I hit my girlfriend last night",
        "I've hit her and I want to stop",
        "he hit me so I hit him back",  # both: the guard stays out of it
        "har tenkt på hvordan jeg skal ta igjen han som slo meg",  # revenge is the writer's own
        "jeg er redd for meg selv",
        "jeg holder meg fast i rekkverket når jeg går ned trappa",  # reflexive: holding on
        "",
    ],
)
def test_a_writer_who_hits_or_says_nothing_of_it_is_not(text: str) -> None:
    assert not writer_is_victim(text)


def _parsed(text: str, ranking: List[str]) -> Message:
    entries = [{"name": name, "confidence": round(0.6 / (i + 1), 3)} for i, name in enumerate(ranking)]
    message = Message(data={TEXT: text})
    message.set(INTENT, dict(entries[0]))
    message.set(INTENT_RANKING_KEY, entries)
    return message


def _guard() -> VictimGuard:
    return VictimGuard.create({}, None, None, None)


def test_a_victim_filed_under_own_violence_moves_to_the_best_ranked_victim_topic() -> None:
    message = _parsed("kjæresten min har slått meg flere ganger", ["own_violence", "greet", "partner_violence", "dating_violence"])
    _guard().process([message])
    assert message.get(INTENT)["name"] == "partner_violence"
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == ["partner_violence", "own_violence", "greet", "dating_violence"]
    assert message.get(INTENT)["confidence"] == pytest.approx(0.2)


def test_the_guard_leaves_a_writer_who_hits_and_every_other_topic_alone() -> None:
    doer = _parsed("jeg har slått kjæresten min", ["own_violence", "partner_violence"])
    other = _parsed("kjæresten min har slått meg", ["partner_violence", "own_violence"])
    _guard().process([doer, other])
    assert doer.get(INTENT)["name"] == "own_violence"
    assert other.get(INTENT)["name"] == "partner_violence"


def test_without_a_victim_topic_in_the_ranking_nothing_changes() -> None:
    message = _parsed("han slo meg", ["own_violence", "greet", "other"])
    _guard().process([message])
    assert message.get(INTENT)["name"] == "own_violence"


def test_the_guard_moves_only_to_contract_topics_a_victim_can_have() -> None:
    from nlu.victim_guard import _cues
    from triage.decide import SITUATION_TOPICS

    victim_topics = set(_cues()[2])
    assert victim_topics <= set(SITUATION_TOPICS)
    assert not victim_topics & {"own_violence", "sexual_interest_children"}
