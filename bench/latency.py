"""Warm triage latency (p50/p95 per message), batch throughput and memory, on this machine.

Runs the one-shot triage path (NLU in process + decide + reply rendering) over the held-out
texts, after a warm-up. Compare models with --model (e.g. the DIET baseline from bench.compare).

    .venv/bin/python -m bench.latency [--model models/hjelpelos.tar.gz] [--rounds 3]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent


def report(result: Dict, out: Optional[str]) -> None:
    """Print a benchmark's figures as JSON, and keep them in `out` too when given."""
    print(json.dumps(result, indent=2))
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps(result, indent=2))


def percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def measure(model: str, rounds: int) -> Dict:
    from bot.cli.evaluate import DEFAULT_AT, EVAL_SETS, load_heldout
    from nlu.e5_featurizer import resolve_precision
    from triage.service import Triage, TriageRequest

    started = time.monotonic()
    triage = Triage.local(model)
    load_seconds = time.monotonic() - started
    texts = [item["text"] for item in load_heldout(EVAL_SETS["heldout"])]
    for text in texts[:20]:  # warm-up: caches, lazy imports, first-call allocations
        await triage.triage(TriageRequest(text, DEFAULT_AT))
    latencies = []
    batch_started = time.monotonic()
    for _ in range(rounds):
        for text in texts:
            t0 = time.perf_counter()
            await triage.triage(TriageRequest(text, DEFAULT_AT))
            latencies.append((time.perf_counter() - t0) * 1000)
    batch_seconds = time.monotonic() - batch_started
    return {
        "model": str(model),
        "messages": len(latencies),
        "load_seconds": round(load_seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies), 1),
        "throughput_msgs_per_s": round(len(latencies) / batch_seconds, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, torch threads 1",
        "embedding_precision": resolve_precision("auto"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "hjelpelos.tar.gz"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", help="write the figures as JSON here too")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bot.logging_setup import configure_logging

    configure_logging()  # Rasa's debug log would print every text
    report(asyncio.run(measure(args.model, args.rounds)), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
