"""The running bot: memory of each process, /model/parse latency, and a full REST round trip.

Starts the stack as `make run` does (on free ports), warms it up, then sends the held-out
texts to Rasa's /model/parse and through the gateway's REST endpoint, one at a time.

    .venv/bin/python -m bench.server [--out bench/results/server.json]
"""
from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List

import httpx

from bench.latency import percentile, report
from bot.cli.evaluate import EVAL_SETS, load_heldout
from bot.stack import Ports, Stack


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the rasa CLI forks its server)."""
    total = 0
    pids = [pid] + _children(pid)
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024)


def _children(pid: int) -> List[int]:
    found = []
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = path.read_text().split(") ")[1].split()
            if int(fields[1]) == pid:
                child = int(path.parent.name)
                found += [child] + _children(child)
        except (OSError, IndexError, ValueError):
            pass
    return found


def _timed(call, items) -> Dict[str, float]:
    durations = []
    for item in items:
        started = time.perf_counter()
        call(item)
        durations.append((time.perf_counter() - started) * 1000)
    return {"n": len(durations), "p50_ms": round(statistics.median(durations), 1),
            "p95_ms": round(percentile(durations, 0.95), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="also write the figures as JSON here")
    args = parser.parse_args()
    texts = [item["text"] for item in load_heldout(EVAL_SETS["heldout"])]
    stack = Stack(ports=Ports(rasa=_free_port(), actions=_free_port(), gateway=_free_port()))
    started = time.monotonic()
    stack.start()
    startup = round(time.monotonic() - started, 1)
    try:
        with httpx.Client(timeout=60) as client:
            for text in texts[:20]:
                client.post(f"{stack.rasa_url}/model/parse", json={"text": text})
            parse = _timed(lambda t: client.post(f"{stack.rasa_url}/model/parse", json={"text": t}), texts)
            conversation = _timed(
                lambda t: client.post(f"{stack.gateway_url}/webhooks/rest/webhook",
                                      json={"sender": uuid.uuid4().hex, "message": t,
                                            "metadata": {"language": "nb"}}),
                texts)
        names = ["actions", "rasa", "gateway"]
        result = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "startup_seconds": startup,
            "rss_mb": {name: rss_mb(p.pid) for name, p in zip(names, stack.processes)},
            "model_parse": parse,
            "rest_round_trip_new_conversation": conversation,
        }
    finally:
        stack.stop()
    report(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
