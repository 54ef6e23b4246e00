"""What recording a demand event costs the reply, and what a store's write costs its thread.

`python -m bench.stats_recording` prints: the time of `Recorder.record` (the only part on the
reply's path: building nothing, one queue put), the time of one `event_for` (classifying the
offers, on the reply's path in the actions), and one SQLite and one Redis write (the writer
thread's work). Redis needs `redis-server` on PATH; it is started on a free port and stopped.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

from stats.events import DemandEvent
from stats.recorder import Recorder, event_for
from stats.store import open_store
from triage.decide import Analysis, decide

N = 2000


def _event(i: int) -> DemandEvent:
    return DemandEvent.create(datetime(2026, 12, 8, i % 24, 30), language="nb", reply_language="nb",
                              topic="partner_violence", urgency="normal", age=40, channel="rest",
                              outcome="best_fit_open", services=["vo-linjen"])


def per_call_us(function, n: int = N) -> float:
    started = time.perf_counter()
    for i in range(n):
        function(i)
    return (time.perf_counter() - started) / n * 1e6


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    sqlite = open_store(f"sqlite:///{folder / 'stats.sqlite'}")
    recorder = Recorder(lambda: open_store(f"sqlite:///{folder / 'queued.sqlite'}"), size=N + 10)
    decision = decide(Analysis(text="x", intent="partner_violence", intent_confidence=0.9, language="nb",
                               language_reliable=True), datetime(2026, 12, 8, 2, 30), age=40)
    at = datetime(2026, 12, 8, 2)
    print(f"event_for (classify the offers):  {per_call_us(lambda i: event_for(decision, at, 'rest'), 200):.0f} µs")
    print(f"build an event + Recorder.record: {per_call_us(lambda i: recorder.record(_event(i))):.1f} µs")
    recorder.flush(120)
    print(f"SQLite write (writer thread):     {per_call_us(lambda i: sqlite.add(_event(i)), 500):.0f} µs")
    binary = shutil.which("redis-server")
    if binary:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([binary, "--port", str(port), "--save", "", "--appendonly", "no"],
                                  stdout=subprocess.DEVNULL)
        time.sleep(0.5)
        try:
            store = open_store(f"redis://127.0.0.1:{port}/0")
            print(f"Redis write (writer thread):      {per_call_us(lambda i: store.add(_event(i)), 500):.0f} µs")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
