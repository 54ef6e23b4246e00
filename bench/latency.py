"""Triage latency (p50/p95/p99), throughput on one and two cores, memory and load time, per E5 engine.

Runs the one-shot triage path (the trained Rasa model in process, `decide`, reply rendering)
over the held-out texts. The engines (default: the former default `torch`, bf16 where the CPU
has it; the default `onnx-q4`; the leaner `onnx-int8`) run under the same trained heads,
switched with HJELPELOS_EMBEDDING_ENGINE, so only the embedding differs:
- latency: one process holding all the engines, interleaved message by message, so that load
  from other processes falls on each alike;
- per engine, fresh worker processes: load time (model load and first message), RSS after
  `--messages` messages, and throughput with one worker and with two at once (one per core).

    .venv/bin/python -m bench.latency [--model models/hjelpelos.tar.gz] [--rounds 2] \
        [--engines torch onnx-q4 onnx-int8] [--messages 500] [--out bench/results/latency.json]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("torch", "onnx-q4", "onnx-int8")


def report(result: Dict, out: Optional[str]) -> None:
    """Print a benchmark's figures as JSON, and keep them in `out` too when given."""
    print(json.dumps(result, indent=2))
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps(result, indent=2))


def percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def rss_mb() -> int:
    """This process's resident memory now (not its peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def _texts() -> List[str]:
    from bot.cli.evaluate import EVAL_SETS, load_heldout

    return [item["text"] for item in load_heldout(EVAL_SETS["heldout"])]


async def interleaved_latency(model: str, engines: List[str], rounds: int) -> Dict[str, Dict]:
    from bot.cli.evaluate import DEFAULT_AT
    from nlu.e5_featurizer import ENGINE_ENV
    from triage.service import Triage, TriageRequest

    triage = Triage.local(Path(model))
    texts = _texts()
    for engine in engines:  # warm-up: caches, lazy imports, first-call allocations
        os.environ[ENGINE_ENV] = engine
        for text in texts[:20]:
            await triage.triage(TriageRequest(text, DEFAULT_AT))
    times: Dict[str, List[float]] = {engine: [] for engine in engines}
    for index, text in enumerate(texts * rounds):
        shift = index % len(engines)
        for engine in engines[shift:] + engines[:shift]:
            os.environ[ENGINE_ENV] = engine
            started = time.perf_counter()
            await triage.triage(TriageRequest(text, DEFAULT_AT))
            times[engine].append((time.perf_counter() - started) * 1000)
    os.environ.pop(ENGINE_ENV, None)
    return {
        engine: {
            "messages": len(values),
            "p50_ms": round(percentile(values, 0.50), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "p99_ms": round(percentile(values, 0.99), 1),
        }
        for engine, values in times.items()
    }


async def _work(model: str, messages: int) -> None:
    """Worker: load, say ready, wait for the go line, triage `messages` texts, print figures."""
    from bot.cli.evaluate import DEFAULT_AT
    from triage.service import Triage, TriageRequest

    texts = _texts()
    started = time.monotonic()
    triage = Triage.local(Path(model))
    await triage.triage(TriageRequest(texts[0], DEFAULT_AT))
    load_seconds = time.monotonic() - started
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.monotonic()
    for index in range(messages):
        await triage.triage(TriageRequest(texts[index % len(texts)], DEFAULT_AT))
    elapsed = time.monotonic() - started
    print(json.dumps({
        "load_seconds": round(load_seconds, 1),
        "messages_per_s": round(messages / elapsed, 1),
        "rss_mb_after": rss_mb(),
        "torch_imported": "torch" in sys.modules,
        "tensorflow_imported": "tensorflow" in sys.modules,
    }), flush=True)


def workers(model: str, engine: str, count: int, messages: int) -> List[Dict]:
    """`count` fresh processes with this engine, released together once all have loaded."""
    from nlu.e5_featurizer import ENGINE_ENV

    env = {**os.environ, ENGINE_ENV: engine, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "bench.latency", "--worker", "--model", model, "--messages", str(messages)]
    processes = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  env=env, cwd=ROOT) for _ in range(count)]
    for process in processes:
        while process.stdout.readline().strip() != "ready":
            if process.poll() is not None:
                raise RuntimeError(f"a {engine} worker exited with {process.returncode}")
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    results = []
    for process in processes:
        lines = process.stdout.read().strip().splitlines()
        process.wait()
        results.append(json.loads(lines[-1]))
    return results


def measure(model: str, engines: List[str], rounds: int, messages: int) -> Dict:
    load_before = os.getloadavg()[0]
    figures: Dict[str, Dict] = asyncio.run(interleaved_latency(model, engines, rounds))
    for engine in engines:
        alone = workers(model, engine, 1, messages)[0]
        pair = workers(model, engine, 2, messages)
        figures[engine].update({
            "load_seconds": alone["load_seconds"],
            f"rss_mb_after_{messages}_messages": alone["rss_mb_after"],
            "torch_imported": alone["torch_imported"],
            "tensorflow_imported": alone["tensorflow_imported"],
            "throughput_one_core_msgs_per_s": alone["messages_per_s"],
            "throughput_two_cores_msgs_per_s": round(sum(w["messages_per_s"] for w in pair), 1),
        })
    return {
        "model": model,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, engine threads 1",
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "engines": figures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "hjelpelos.tar.gz"))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--engines", nargs="+", default=list(ENGINES))
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help="write the figures as JSON here too")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bot.logging_setup import configure_logging

    configure_logging()  # Rasa's debug log would print every text
    if args.worker:
        asyncio.run(_work(args.model, args.messages))
        return 0
    report(measure(args.model, args.engines, args.rounds, args.messages), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
