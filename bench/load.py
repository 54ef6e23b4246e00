"""Load on the gateway: N simulated people holding multi-turn conversations, for a fixed time.

Each person takes a conversation from eval/conversations/ (the texts people wrote, in nb, nn,
en and se, web and SMS), sends its turns one after another with a pause to read and type in
between, then starts the next conversation under a new ID. Starts its own redis-server and the
stack (`hjelpelos stack --replicas N --redis-url ...`) on free loopback ports; can kill a Rasa
replica midway. A turn fails when it gets no 200, no message, or the calm error reply.

    .venv/bin/python -m bench.load --replicas 2 --people 20 --duration 60 \\
        [--kill rasa-1 --kill-at 20] [--out bench/results/load-2.json]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import httpx

from bench.latency import percentile
from bench.server import rss_mb
from bot.stack import Ports, Replica, Stack
from tests.conftest import free_port
from triage import messages

ROOT = Path(__file__).resolve().parent.parent
CONVERSATIONS = ROOT / "eval" / "conversations"


@dataclass
class Tally:
    latencies_ms: List[float] = field(default_factory=list)
    failed: List[str] = field(default_factory=list)
    conversations_done: int = 0
    turns: int = 0


def load_conversations() -> List[dict]:
    conversations = []
    for path in sorted(CONVERSATIONS.glob("*.jsonl")):
        conversations += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return conversations


async def person(client: httpx.AsyncClient, url: str, conversations: List[dict], tally: Tally,
                 stop_at: float, think_s: float, rng: random.Random) -> None:
    """Hold conversations until the time is up; a started turn is always waited for."""
    calm = {messages.text("error_try_again", lang) for lang in ("nb", "nn", "en", "se")}
    while time.monotonic() < stop_at:
        conversation = rng.choice(conversations)
        sender = f"load-{uuid.uuid4().hex[:16]}"
        metadata = {"language": conversation["language"], "channel": conversation["channel"]}
        finished = True
        for turn in conversation["turns"]:
            if time.monotonic() >= stop_at:
                finished = False
                break
            started = time.perf_counter()
            try:
                response = await client.post(f"{url}/webhooks/rest/webhook",
                                             json={"sender": sender, "message": turn["text"], "metadata": metadata})
                replies = response.json() if response.status_code == 200 else []
                problem = (f"HTTP {response.status_code}" if response.status_code != 200
                           else "no message" if not replies
                           else "calm error reply" if any(r.get("text") in calm for r in replies) else None)
            except (httpx.HTTPError, ValueError) as error:
                problem = type(error).__name__
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            tally.turns += 1
            if problem:
                tally.failed.append(problem)
            await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)
        tally.conversations_done += finished


async def drive(url: str, people: int, duration_s: float, think_s: float, seed: int,
                kill_at: Optional[float], kill: Optional[str], stack: Stack, rss: Dict[str, float],
                redis_pid: Optional[int]) -> Tally:
    conversations = load_conversations()
    tally = Tally()
    started = time.monotonic()
    stop_at = started + duration_s

    async def sample_rss() -> None:
        while time.monotonic() < stop_at:
            for name, process in list(stack.names.items()):
                if process.poll() is None:
                    rss[name] = max(rss.get(name, 0), rss_mb(process.pid))
            if redis_pid:
                rss["redis"] = max(rss.get("redis", 0), rss_mb(redis_pid))
            await asyncio.sleep(2)

    async def killer() -> None:
        await asyncio.sleep(kill_at)
        await asyncio.to_thread(stack.kill, kill)
        print(f"killed {kill} at {kill_at:.0f} s", flush=True)

    limits = httpx.Limits(max_connections=people + 10, max_keepalive_connections=people + 10)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        tasks = [person(client, url, conversations, tally, stop_at, think_s, random.Random(seed + i))
                 for i in range(people)]
        extra = [sample_rss()] + ([killer()] if kill else [])
        await asyncio.gather(*tasks, *extra)
    tally.elapsed_s = time.monotonic() - started  # type: ignore[attr-defined]
    return tally


def start_redis() -> tuple:
    port = free_port()
    process = subprocess.Popen([shutil.which("redis-server") or "redis-server", "--port", str(port),
                                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    return process, f"redis://127.0.0.1:{port}/0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--in-memory", action="store_true", help="one replica without Redis (make run)")
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between turns, seconds")
    parser.add_argument("--kill", help="process to SIGKILL midway, e.g. rasa-1")
    parser.add_argument("--kill-at", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--out")
    args = parser.parse_args()

    redis_process, redis_url = (None, None) if args.in_memory else start_redis()
    stack = Stack(ports=Ports(gateway=free_port()),
                  replicas=[Replica(free_port(), free_port()) for _ in range(args.replicas)],
                  redis_url=redis_url, log_dir=ROOT / "results" / "load-logs")
    rss: Dict[str, float] = {}
    try:
        stack.start()
        tally = asyncio.run(drive(stack.gateway_url, args.people, args.duration, args.think, args.seed,
                                  args.kill_at if args.kill else None, args.kill, stack, rss,
                                  redis_process.pid if redis_process else None))
    finally:
        stack.stop()
        if redis_process:
            redis_process.terminate()
            redis_process.wait()
    latencies = tally.latencies_ms
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared)",
        "command": " ".join(["python -m bench.load"] + sys.argv[1:]),
        "replicas": args.replicas, "redis": not args.in_memory, "people": args.people,
        "duration_s": round(tally.elapsed_s, 1), "think_s": args.think,
        "killed": f"{args.kill} at {args.kill_at:.0f} s" if args.kill else None,
        "turns": tally.turns, "turns_per_s": round(tally.turns / tally.elapsed_s, 2),
        "conversations_done": tally.conversations_done,
        "conversations_per_s": round(tally.conversations_done / tally.elapsed_s, 3),
        "p50_ms": round(percentile(latencies, 0.50), 0), "p95_ms": round(percentile(latencies, 0.95), 0),
        "p99_ms": round(percentile(latencies, 0.99), 0), "max_ms": round(max(latencies), 0),
        "failed_turns": len(tally.failed), "failures": sorted(set(tally.failed)),
        "rss_mb_max": {name: round(value) for name, value in sorted(rss.items())},
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
