"""`hjelpelos eval-age`: score the age extractor on an age set (default eval/age_dev/).

The writer's own age decides youth or adult services, so the errors that matter most are the
ones that cross a line a service draws: someone else's age taken as the writer's, or an age on
the wrong side of 18. Per language and per kind of statement (digits, words, school level, a
band such as "over 18", someone else's age, numbers that are not ages) it reports:

- correct: the exact age, an age inside the stated range, or nothing where the writer gave none;
- missed: the writer gave an age and nothing was found (the bot then asks for it);
- wrong: an age was found that is not the writer's (another person's, or a number that is no age);
- wrong side of 18: a wrong age that also flips youth/adult.

Runs the extractor alone: no trained model is needed.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.cli.evaluate import EVAL_DIR, load_heldout

DEFAULT_SET = "age_dev"
ADULT = 18


def add_parsers(subparsers) -> None:
    parser = subparsers.add_parser("eval-age", help="score the age extractor on eval/age_dev/")
    parser.add_argument("--set", dest="age_set", default=DEFAULT_SET, help="a folder under eval/ (default age_dev)")
    parser.add_argument("--errors", action="store_true", help="also print the texts it got wrong")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.set_defaults(func=run)


def gold_range(item: Dict[str, Any]) -> Optional[Tuple[int, int]]:
    """The writer's age as an inclusive range, or None when the message does not give it."""
    if item.get("writer_age") is not None:
        return int(item["writer_age"]), int(item["writer_age"])
    if item.get("writer_age_range"):
        low, high = item["writer_age_range"]
        return int(low), int(high)
    return None


def verdict(gold: Optional[Tuple[int, int]], found: Optional[int]) -> str:
    """correct, missed or wrong (see the module docstring)."""
    if gold is None:
        return "correct" if found is None else "wrong"
    if found is None:
        return "missed"
    return "correct" if gold[0] <= found <= gold[1] else "wrong"


def crosses_adulthood(gold: Optional[Tuple[int, int]], found: Optional[int]) -> bool:
    """A wrong age that puts the writer in the other band (youth < 18 <= adult)."""
    if found is None:
        return False
    if gold is None:
        return True  # any age invented for a writer who gave none picks one band
    return (found >= ADULT) != (gold[0] >= ADULT) and (found >= ADULT) != (gold[1] >= ADULT)


def score(items: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    from nlu.age_extractor import find_age

    records = []
    for item in items:
        hit = find_age(item["text"])
        found = hit[0] if hit else None
        gold = gold_range(item)
        result = verdict(gold, found)
        records.append({**item, "found": found, "verdict": result,
                        "wrong_side": result == "wrong" and crosses_adulthood(gold, found)})
    return {"records": records, "summary": summarise(records)}


def summarise(records: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    def counts(rows: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
        n = len(rows)
        correct = sum(r["verdict"] == "correct" for r in rows)
        return {"n": n, "accuracy": round(correct / n, 3) if n else 0.0,
                "missed": sum(r["verdict"] == "missed" for r in rows),
                "wrong": sum(r["verdict"] == "wrong" for r in rows),
                "wrong_side_of_18": sum(r["wrong_side"] for r in rows)}

    by_language: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    by_kind: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_language[record["language"]].append(record)
        by_kind[record.get("kind", "?")].append(record)
    return {"by_language": {k: counts(v) for k, v in sorted(by_language.items())},
            "by_kind": {k: counts(v) for k, v in sorted(by_kind.items())},
            "pooled": counts(records)}


def _table(title: str, rows: Dict[str, Dict[str, Any]]) -> str:
    lines = [f"| {title} | n | accuracy | missed | wrong | wrong side of 18 |", "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {name} | {r['n']} | {r['accuracy']} | {r['missed']} | {r['wrong']} | {r['wrong_side_of_18']} |"
              for name, r in rows.items()]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    folder = EVAL_DIR / args.age_set
    if not folder.is_dir():
        print(f"no such set: {folder}")
        return 2
    result = score(load_heldout(folder))
    summary = result["summary"]
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(_table("language", {**summary["by_language"], "pooled": summary["pooled"]}))
        print()
        print(_table("kind", summary["by_kind"]))
    if args.errors:
        for record in result["records"]:
            if record["verdict"] != "correct":
                gold = gold_range(record)
                print(f"- {record['id']} [{record.get('kind')}] gold={gold} found={record['found']}: {record['text']}")
    return 0
