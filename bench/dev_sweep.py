"""Try an NLU variant on the development sets (eval/dev*/): train it, then score it.

The dev sets are where choices are made (acute threshold, quantization, extra training data,
lexicon entries), so that the held-out set measures a finished change once. Scores come from
the NLU parse itself, so one run sweeps every acute threshold without retraining:

    .venv/bin/python -m bench.dev_sweep --name shipped --model models/hjelpelos.tar.gz
    .venv/bin/python -m bench.dev_sweep --name int8 --config /tmp/int8.yml
    .venv/bin/python -m bench.dev_sweep --name more --extra-nlu bench/rejected/nlu_acute_more.yml.txt

Results are appended to bench/results/dev_sweep.json under --name, one entry per set
(every development set by default: dev, dev2 and dev3, each written to check what had been
chosen on the sets before it, and heldout and heldout2, retired test sets; see bot/cli/evaluate.py).
The other-language development sets are scored with `--sets otherlang_dev otherlang_dev2 ...`;
beside each threshold's recall and false alarms it counts what the classifier alone ranks acute,
since the lexicons were shaped on those sets' misses. The last lines pool every set and language.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from bench.compare import collect_training_data, train_nlu
from bot.cli.evaluate import DEV_SETS, EVAL_SETS, OTHER_LANGUAGE_DEV_SETS, load_heldout, macro_f1

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "dev_sweep.json"
THRESHOLDS = (0.4, 0.5, 0.55, 0.6, 0.7)


def train(config: Path, extra_nlu: Sequence[Path], out: Path) -> Dict:
    """`rasa train nlu` on every training file plus the extra ones."""
    return train_nlu(config, collect_training_data(out / "nlu", extra_nlu), out, "variant")


async def parse_all(model: str, items: List[Dict]) -> List[Dict]:
    from triage.decide import SITUATION_TOPICS
    from triage.service import LocalNlu

    nlu = LocalNlu(Path(model))
    rows = []
    for item in items:
        parsed = await nlu.parse(item["text"])
        urgency = parsed.get("urgency") or {}
        topic = (parsed.get("intent") or {}).get("name")
        rows.append({
            "id": item["id"],
            "language": item["language"],
            "gold_topic": item["topic"],
            "gold_urgency": item["urgency"],
            "topic": topic if topic in SITUATION_TOPICS else "other",  # as triage.decide reports it
            "acute_probability": float((urgency.get("scores") or {}).get("acute", 0.0)),
            "lexicon": bool(urgency.get("signals")),
        })
    return rows


def summarise(rows: List[Dict], thresholds: Sequence[float]) -> Dict:
    by_language: Dict[str, List[Dict]] = defaultdict(list)
    for row in rows:
        by_language[row["language"]].append(row)
    def share(hits: int, group: List[Dict]) -> Optional[float]:
        return round(hits / len(group), 3) if group else None

    summary = {}
    for language, group in sorted(by_language.items()):
        acute = [r for r in group if r["gold_urgency"] == "acute"]
        normal = [r for r in group if r["gold_urgency"] == "normal"]
        entry = {
            "n": len(group),
            "topic_macro_f1": round(macro_f1([r["gold_topic"] for r in group], [r["topic"] for r in group]), 3),
            "acute": len(acute),
            "normal": len(normal),
            "lexicon_recall": share(sum(r["lexicon"] for r in acute), acute),
            "lexicon_false_alarms": share(sum(r["lexicon"] for r in normal), normal),
        }
        for threshold in thresholds:
            ranked = lambda r: r["acute_probability"] >= threshold  # noqa: E731
            fired = lambda r: r["lexicon"] or ranked(r)  # noqa: E731
            entry[f"at_{threshold}"] = {
                "recall": share(sum(map(fired, acute)), acute),
                "false_alarms": share(sum(map(fired, normal)), normal),
                "missed": [r["id"] for r in acute if not fired(r)],
                # The classifier alone: unbiased on sets whose misses shaped the lexicons.
                "classifier_caught": sum(map(ranked, acute)),
                "classifier_false_alarms": sum(map(ranked, normal)),
            }
        summary[language] = entry
    return summary


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", required=True, help="key for the results file")
    parser.add_argument("--model", help="an already trained model; else train one")
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--extra-nlu", type=Path, nargs="*", default=[], help="more training files")
    parser.add_argument("--thresholds", type=float, nargs="+", default=list(THRESHOLDS))
    parser.add_argument("--sets", nargs="+", default=list(DEV_SETS), choices=DEV_SETS + OTHER_LANGUAGE_DEV_SETS)
    args = parser.parse_args(argv)
    for key, value in {"RASA_TELEMETRY_ENABLED": "false", "HF_HUB_OFFLINE": "1",
                       "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore"}.items():
        os.environ.setdefault(key, value)
    from bot.logging_setup import configure_logging

    configure_logging()  # Rasa's debug log would print every text

    entry: Dict = {"config": str(args.config), "extra_nlu": [str(p) for p in args.extra_nlu]}
    if args.model:
        entry["model"] = args.model
    else:
        entry.update(train(args.config, args.extra_nlu, Path(tempfile.mkdtemp(prefix=f"dev-{args.name}-"))))
    items = {name: load_heldout(EVAL_SETS[name]) for name in args.sets}
    rows = asyncio.run(parse_all(entry["model"], [i for name in args.sets for i in items[name]]))
    for name in args.sets:
        ids = {i["id"] for i in items[name]}
        entry[name] = summarise([r for r in rows if r["id"] in ids], args.thresholds)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[args.name] = entry
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    for name in args.sets:
        for language, m in entry[name].items():
            cells = "  ".join(f"{k[3:]}: {v['recall']}/{v['false_alarms']} (classifier {v['classifier_caught']}/"
                              f"{v['classifier_false_alarms']})" for k, v in m.items() if k.startswith("at_"))
            print(f"{args.name} {name} {language} F1 {m['topic_macro_f1']}  lexicon {m['lexicon_recall']}/"
                  f"{m['lexicon_false_alarms']}  threshold recall/false-alarms  {cells}")
    print_pooled(args.name, [entry[name] for name in args.sets], args.thresholds)
    return 0


def print_pooled(name: str, summaries: List[Dict], thresholds: Sequence[float]) -> None:
    """Acute messages caught and normal messages flagged, over every set and language."""
    cells = [m for summary in summaries for m in summary.values()]
    acute, normal = sum(m["acute"] for m in cells), sum(m["normal"] for m in cells)
    for threshold in thresholds:
        at = [m[f"at_{threshold}"] for m in cells]
        caught = acute - sum(len(a["missed"]) for a in at)
        print(f"{name} pooled at {threshold}: with lexicons {caught}/{acute} acute, "
              f"classifier alone {sum(a['classifier_caught'] for a in at)}/{acute} acute and "
              f"{sum(a['classifier_false_alarms'] for a in at)}/{normal} normal")


if __name__ == "__main__":
    sys.exit(main())
