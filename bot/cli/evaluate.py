"""`hjelpelos eval`: score triage on the test set (eval/heldout3/), never trained or chosen on.

`--set NAME` scores another set instead. The development sets are the ones choices are made
on, so that the test set measures a finished change once:
- dev, dev2, dev3: written as development sets;
- heldout, heldout2: the earlier test sets. After being scored after many changes, and their
  errors read, they were retired to development when eval/heldout3/ was written
  (docs/evaluation.md).

`--set otherlang` scores the other-language set (fourteen languages beyond our four), written
to measure the reply-language policy; nothing is chosen on it. Its development sets:
`--set otherlang_dev` and `--set otherlang_dev2` (Somali, Tigrinya, Danish), `--set otherlang_dev3`
(hard negatives in nine languages, Somali and Tigrinya acute), `--set otherlang_dev4` (acute
messages in twelve languages) and `--set otherlang_dev5` (Thai and Tigrinya acute).

Per language: acute recall, false alarms on normal messages, topic macro-F1, language accuracy,
handover hit rate, reply-language policy, Sami replies to non-Sami writers, own-language first
lines, and the topic confusion matrix; then the same pooled over all languages.
"""
from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from knowledge.ranking import LANGUAGE_FAMILY

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
TEST_SET = "heldout3"
DEV_SETS = ("dev", "dev2", "dev3", "heldout", "heldout2")
OTHER_LANGUAGE_SET = "otherlang"
# Its development sets: the acute threshold and the lexicons were chosen on them.
OTHER_LANGUAGE_DEV_SETS = ("otherlang_dev", "otherlang_dev2", "otherlang_dev3", "otherlang_dev4", "otherlang_dev5")
EVAL_SETS = {name: EVAL_DIR / name for name in (TEST_SET, *DEV_SETS, OTHER_LANGUAGE_SET, *OTHER_LANGUAGE_DEV_SETS)}
# Persian and Dari share a catalogue (languages/fa/); telling them apart counts as right.
SAME_LANGUAGE = {pair for written, filed in LANGUAGE_FAMILY.items() for pair in ((written, filed), (filed, written))}
# The held-out set's time for every message: a Wednesday evening, when most lines are open.
DEFAULT_AT = "2026-11-18T19:00"


def add_parsers(subparsers) -> None:
    parser = subparsers.add_parser("eval", help="score triage on the test set")
    parser.add_argument("--heldout", help="folder of <lang>.jsonl files to score instead of a set")
    parser.add_argument("--set", choices=sorted(EVAL_SETS), dest="eval_set", default=TEST_SET,
                        help=f"score eval/<set>/ (default: the test set, {TEST_SET})")
    parser.add_argument("--dev", action="store_const", const="dev", dest="eval_set",
                        help="the same as --set dev")
    parser.add_argument("--errors", action="store_true",
                        help="also print the texts of missed acute messages and false alarms")
    parser.add_argument("--model", help="trained Rasa model (default: newest in models/)")
    parser.add_argument("--at", default=DEFAULT_AT, help="Europe/Oslo time the messages are sent at")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--markdown", metavar="FILE", help="also write a Markdown report")
    parser.set_defaults(func=run)


def load_heldout(folder: Path) -> List[Dict[str, Any]]:
    items = []
    for path in sorted(Path(folder).glob("*.jsonl")):
        items += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def score(items: Sequence[Dict[str, Any]], results: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    """Metrics for one language's items and the triage results for them, in the same order."""
    from triage.languages import has_own_lines, reply_language
    from triage.messages import all_catalogue_texts

    own = [(i, r) for i, r in zip(items, results) if has_own_lines(i["language"])]
    non_sami = [(i, r) for i, r in zip(items, results) if i["language"] not in ("se", "smj", "sma")]
    acute = [(i, r) for i, r in zip(items, results) if i["urgency"] == "acute"]
    normal = [(i, r) for i, r in zip(items, results) if i["urgency"] == "normal"]
    routed = [(i, r) for i, r in zip(items, results) if i.get("acceptable_services")]
    hits = sum(
        bool({h["service"] for h in r["handover"][:2]} & set(i["acceptable_services"])) for i, r in routed
    )
    gold_topics = [i["topic"] for i in items]
    predicted_topics = [r["topic"] for r in results]
    return {
        "n": len(items),
        "acute_recall": _ratio(sum(r["urgency"] == "acute" for _, r in acute), len(acute)),
        "false_alarm_rate": _ratio(sum(r["urgency"] == "acute" for _, r in normal), len(normal)),
        "topic_macro_f1": round(macro_f1(gold_topics, predicted_topics), 3),
        "language_accuracy": _ratio(sum(_same_language(i["language"], r["language"]) for i, r in zip(items, results)), len(items)),
        "handover_hit_rate": _ratio(hits, len(routed)),
        # The reply is in the language the policy gives the writer's language (TRIAGE.md).
        "reply_language_ok": _ratio(sum(r.get("reply_language") == reply_language(i["language"])
                                        for i, r in zip(items, results)), len(items)),
        "sami_reply_to_non_sami": _ratio(sum(r.get("reply_language") == "se" for _, r in non_sami), len(non_sami)),
        "own_first_line": _ratio(sum(_opens_in_own_language(i["language"], r, all_catalogue_texts()) for i, r in own),
                                 len(own)),
        "missed_acute": [i["id"] for i, r in acute if r["urgency"] != "acute"],
        "false_alarms": [i["id"] for i, r in normal if r["urgency"] == "acute"],
        "confusion": _confusion(gold_topics, predicted_topics),
    }


def _same_language(gold: str, guess: str) -> bool:
    return gold == guess or (gold, guess) in SAME_LANGUAGE


def _opens_in_own_language(language: str, result: Dict[str, Any], texts: Dict[str, set]) -> bool:
    """The reply's first line is one of the writer's own-language catalogue lines (112/113 filled in)."""
    from triage.messages import catalogue_code

    first = (result.get("reply") or "").split("\n")[0]
    own = texts.get(catalogue_code(language), set())
    return any(first == t.replace("{police}", "112").replace("{medical}", "113") for t in own)


def _ratio(part: int, whole: int) -> Optional[float]:
    return round(part / whole, 3) if whole else None


def _confusion(gold: Sequence[str], predicted: Sequence[str]) -> Dict[str, Dict[str, int]]:
    matrix: Dict[str, Counter] = defaultdict(Counter)
    for g, p in zip(gold, predicted):
        matrix[g][p] += 1
    return {g: dict(row) for g, row in sorted(matrix.items())}


async def evaluate(triage, items: Sequence[Dict[str, Any]], at: str) -> Dict[str, Dict[str, Any]]:
    from triage.service import TriageRequest

    requests = [
        TriageRequest(text=i["text"], at=at, age=i.get("age"), channel=i.get("channel", "web"), id=i["id"])
        for i in items
    ]
    results = await triage.triage_many(requests)
    by_language: Dict[str, List] = defaultdict(list)
    for item, result in zip(items, results):
        by_language[item["language"]].append((item, result))
    metrics = {
        language: score([i for i, _ in pairs], [r for _, r in pairs])
        for language, pairs in sorted(by_language.items())
    }
    if len(by_language) > 1:
        metrics["pooled"] = score(list(items), list(results))
    return metrics


def markdown(metrics: Dict[str, Dict[str, Any]]) -> str:
    rows = ["| language | n | acute recall | false alarms (normal) | topic macro-F1 | language acc. | handover hit "
            "| reply language ok | Sami to non-Sami | own first line |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for language, m in metrics.items():
        rows.append(f"| {language} | {m['n']} | {m['acute_recall']} | {m['false_alarm_rate']} | "
                    f"{m['topic_macro_f1']} | {m['language_accuracy']} | {m['handover_hit_rate']} | "
                    f"{m['reply_language_ok']} | {m['sami_reply_to_non_sami']} | {m['own_first_line']} |")
    missed = [f"- {lang}: {', '.join(m['missed_acute'])}" for lang, m in metrics.items()
              if m["missed_acute"] and lang != "pooled"]
    return "\n".join(rows + ([""] + ["Missed acute messages (ids):"] + missed if missed else []))


def run(args: argparse.Namespace) -> int:
    from triage.service import Triage

    items = load_heldout(Path(args.heldout) if args.heldout else EVAL_SETS[args.eval_set])
    metrics = asyncio.run(evaluate(Triage.local(args.model), items, args.at))
    print(json.dumps(metrics, ensure_ascii=False, indent=2) if args.json else markdown(metrics))
    if not args.json:
        for language, m in metrics.items():
            if language == "pooled":
                continue
            print(f"\n{language} confusion (gold -> predicted):")
            for gold, row in m["confusion"].items():
                print(f"  {gold:26} " + ", ".join(f"{p}:{n}" for p, n in sorted(row.items(), key=lambda x: -x[1])))
    if args.errors:
        texts = {i["id"]: i["text"] for i in items}
        for language, m in metrics.items():
            if language == "pooled":
                continue
            for label, ids in (("missed acute", m["missed_acute"]), ("false alarm", m["false_alarms"])):
                for item_id in ids:
                    print(f"{label:12} {item_id}: {texts[item_id]}")
    if args.markdown:
        Path(args.markdown).write_text(markdown(metrics) + "\n", encoding="utf-8")
    return 0
