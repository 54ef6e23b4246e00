"""Where a triage turn's time goes: each NLU component's share, then decide and render.

Wraps the `process` method of every component class in the trained pipeline with a timer,
runs the one-shot triage path over the held-out texts per engine (after a warm-up), and prints
the median milliseconds per message for each part. The rest of the turn (Rasa's graph runner,
`decide`, reply rendering) is the total minus the components.

    .venv/bin/python -m bench.latency_parts [--model models/hjelpelos.tar.gz] \
        [--engines torch onnx-q4 onnx-int8] [--out bench/results/latency_parts.json]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

from bench.latency import ROOT, _texts, report


def _component_classes() -> List[type]:
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    from nlu.age_extractor import AgeExtractor
    from nlu.e5_featurizer import E5SentenceFeaturizer
    from nlu.language_detector import LanguageDetector
    from nlu.safety_net import AcuteSafetyNet
    from nlu.text_normaliser import TextNormaliser
    from nlu.triage_classifier import TriageClassifier
    from nlu.victim_guard import VictimGuard

    return [TextNormaliser, LanguageDetector, WhitespaceTokenizer, E5SentenceFeaturizer, CountVectorsFeaturizer,
            TriageClassifier, VictimGuard, AcuteSafetyNet, AgeExtractor]


def _timed(cls: type, spent: Dict[str, float]) -> None:
    original = cls.process

    def process(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent[cls.__name__] += (time.perf_counter() - started) * 1000

    cls.process = process


async def parts(model: str, engines: List[str]) -> Dict[str, Dict[str, float]]:
    from bot.cli.evaluate import DEFAULT_AT
    from nlu.e5_featurizer import ENGINE_ENV
    from triage.service import Triage, TriageRequest

    spent: Dict[str, float] = defaultdict(float)
    for cls in _component_classes():
        _timed(cls, spent)
    triage = Triage.local(Path(model))
    texts = _texts()
    result: Dict[str, Dict[str, float]] = {}
    for engine in engines:
        os.environ[ENGINE_ENV] = engine
        for text in texts[:20]:
            await triage.triage(TriageRequest(text, DEFAULT_AT))
        samples: Dict[str, List[float]] = defaultdict(list)
        for text in texts:
            spent.clear()
            started = time.perf_counter()
            await triage.triage(TriageRequest(text, DEFAULT_AT))
            total = (time.perf_counter() - started) * 1000
            for name, ms in spent.items():
                samples[name].append(ms)
            samples["rest (graph runner, decide, render)"].append(total - sum(spent.values()))
            samples["total"].append(total)
        result[engine] = {name: round(statistics.median(values), 2) for name, values in samples.items()}
    os.environ.pop(ENGINE_ENV, None)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "hjelpelos.tar.gz"))
    parser.add_argument("--engines", nargs="+", default=["torch", "onnx-q4", "onnx-int8"])
    parser.add_argument("--out", help="write the figures as JSON here too")
    args = parser.parse_args()
    from bot.logging_setup import configure_logging

    configure_logging()  # as the bot runs: Rasa's debug log would print every text, and cost time
    load_before = os.getloadavg()[0]
    figures = asyncio.run(parts(args.model, args.engines))
    report({"model": args.model, "median_ms_per_message": figures,
            "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)]}, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
