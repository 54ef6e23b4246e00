"""Time of the acute lexicon scan (every language's lexicon) on 50 and 5,000 words of dev-set text.

    .venv/bin/python -m bench.lexicon_speed
"""
from __future__ import annotations

import time

from bot.cli.evaluate import EVAL_SETS, load_heldout
from nlu.safety_net import scan_acute


def main() -> None:
    words = " ".join(item["text"] for item in load_heldout(EVAL_SETS["dev"])).split()
    cases = (("50 words", " ".join(words[:50]), 200), ("5,000 words", " ".join((words * 3)[:5000]), 5))
    scan_acute(cases[0][1])  # compile the patterns first
    for label, text, rounds in cases:
        started = time.perf_counter()
        for _ in range(rounds):
            scan_acute(text)
        print(f"{label}: {(time.perf_counter() - started) / rounds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
