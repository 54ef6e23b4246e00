"""`hjelpelos eval-age`: the age set stays valid, its scoring counts what it says, and on it the
extractor never takes someone else's age or a number that is no age as the writer's."""
from __future__ import annotations

import pytest

from bot.cli.age_eval import EVAL_DIR, DEFAULT_SET, crosses_adulthood, score, verdict
from bot.cli.evaluate import load_heldout

KINDS = {"own_digits", "own_words", "own_school", "own_band", "own_in_story", "third_party_only", "both", "not_age"}


@pytest.fixture(scope="module")
def items():
    return load_heldout(EVAL_DIR / DEFAULT_SET)


def test_every_item_is_labelled(items) -> None:
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert item["language"] in {"nb", "nn", "en", "se"} and item["kind"] in KINDS, item["id"]
        assert item["writer_age"] is None or item["writer_age_range"] is None, item["id"]
        if item["kind"] in {"third_party_only", "not_age"}:
            assert item["writer_age"] is None and item["writer_age_range"] is None, item["id"]
        if item["writer_age_range"]:
            low, high = item["writer_age_range"]
            assert 5 <= low <= high <= 99, item["id"]


def test_verdicts() -> None:
    assert verdict((15, 15), 15) == "correct"
    assert verdict((14, 15), 14) == "correct"
    assert verdict((14, 15), 16) == "wrong"
    assert verdict((14, 15), None) == "missed"
    assert verdict(None, None) == "correct"
    assert verdict(None, 19) == "wrong"


def test_wrong_side_of_eighteen() -> None:
    assert crosses_adulthood((15, 15), 19)
    assert not crosses_adulthood((15, 15), 13)
    assert not crosses_adulthood((16, 18), 17)  # a range across 18: either side can be right
    assert crosses_adulthood(None, 40)
    assert not crosses_adulthood((15, 15), None)


def test_no_one_elses_age_and_no_other_number_becomes_the_writers(items) -> None:
    records = score(items)["records"]
    taken = [r["id"] for r in records
             if r["kind"] in {"third_party_only", "not_age", "both"} and r["verdict"] == "wrong"]
    assert not taken
    assert not [r["id"] for r in records if r["wrong_side"]]
