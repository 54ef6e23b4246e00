"""bench/filter_candidates.py keeps new training candidates away from evaluation and story messages.

A candidate that nearly repeats a message we score on would flatter the score, so the filter
must drop it, keep a sentence that is merely on the same subject, and keep the YAML trainable.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from bench.filter_candidates import ROOT, main, normalise


def _first_eval_text(language: str) -> str:
    line = (ROOT / "eval" / "dev" / f"{language}.jsonl").read_text(encoding="utf-8").splitlines()[0]
    return json.loads(line)["text"]


def _first_story_text() -> str:
    stories = yaml.safe_load((ROOT / "tests" / "stories" / "test_topics_nb.yml").read_text(encoding="utf-8"))
    return stories["stories"][0]["steps"][0]["user"].strip()


def test_near_copies_of_evaluation_and_story_messages_are_dropped(tmp_path: Path) -> None:
    near_eval = _first_eval_text("nb").rstrip(".!?") + " altså"
    near_story = _first_story_text().upper()
    novel = "naboen har parkert bilen sin foran garasjen min i tre uker og svarer ikke på lappen"
    candidates = tmp_path / "candidates.yml"
    candidates.write_text(yaml.safe_dump({"version": "3.1", "nlu": [
        {"intent": "partner_violence", "metadata": {"urgency": "normal"},
         "examples": f"- {near_eval}\n- {novel}\n"},
        {"intent": "child_abuse", "metadata": {"urgency": "high"}, "examples": f"- {near_story}\n"},
    ]}, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "kept.yml"

    assert main([str(candidates), "--language", "nb", "--out", str(out)]) == 0

    kept = yaml.safe_load(out.read_text(encoding="utf-8"))["nlu"]
    assert [block["intent"] for block in kept] == ["partner_violence"]  # the emptied block is gone
    assert [normalise(line[2:]) for line in kept[0]["examples"].splitlines()] == [normalise(novel)]
    assert kept[0]["metadata"] == {"urgency": "normal"}
