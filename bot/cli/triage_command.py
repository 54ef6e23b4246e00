"""`hjelpelos triage`: the contract's one-shot JSON, for one text or a JSONL batch."""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Iterator, TextIO

from triage.service import Triage, TriageInputError, TriageRequest


def add_parsers(subparsers) -> None:
    parser = subparsers.add_parser("triage", help="language, topic, urgency and handover as JSON")
    parser.add_argument("text", nargs="?", help="the message, as the user wrote it")
    parser.add_argument("--at", help="Europe/Oslo local time, ISO (default: now)")
    parser.add_argument("--age", type=int, help="the user's age, if known")
    parser.add_argument("--channel", choices=["web", "sms"], default="web")
    parser.add_argument("--jsonl", metavar="FILE", help="one request a line ({id, text, at, age, channel}); - for stdin")
    parser.add_argument("--model", help="trained Rasa model (default: newest in models/)")
    parser.set_defaults(func=run)


def read_requests(stream: TextIO) -> Iterator[TriageRequest]:
    """One request per non-empty line; a line that is not a JSON object becomes an error result."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not an object")
        except ValueError:
            yield TriageRequest(text="", id=f"line-{number}")
            continue
        yield TriageRequest(
            text=str(item.get("text") or ""),
            at=item.get("at"),
            age=item.get("age"),
            channel=item.get("channel") or "web",
            id=item.get("id"),
        )


def run(args: argparse.Namespace) -> int:
    if bool(args.text) == bool(args.jsonl):
        print("give either TEXT or --jsonl FILE", file=sys.stderr)
        return 2
    triage = Triage.local(args.model)
    if args.text:
        try:
            result = asyncio.run(triage.triage(TriageRequest(args.text, args.at, args.age, args.channel)))
        except TriageInputError as error:
            print(json.dumps({"error": str(error)}, ensure_ascii=False))
            return 2
        print(json.dumps(result, ensure_ascii=False))
        return 0
    stream = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8", errors="replace")
    with stream:
        for result in asyncio.run(triage.triage_many(read_requests(stream))):
            print(json.dumps(result, ensure_ascii=False))
    return 0
