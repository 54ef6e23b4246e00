"""`hjelpelos` command line: one sub-command per module in bot/cli/."""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def build_parser() -> argparse.ArgumentParser:
    from bot.cli import (
        age_eval, chat, conversations, coverage_command, doctor, evaluate, services, stack_command, stats_command, tokens,
        triage_command,
    )

    parser = argparse.ArgumentParser(
        prog="hjelpelos",
        description="Finds the right helpline for people exposed to violence. Never gives advice.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in (doctor, triage_command, services, tokens, chat, evaluate, conversations, age_eval, stats_command,
                   coverage_command, stack_command):
        module.add_parsers(subparsers)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    from bot.logging_setup import configure_logging

    configure_logging()
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
