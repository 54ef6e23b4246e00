"""`hjelpelos services` (the Directory) and `hjelpelos catalogue check` (schema and staleness).

The review sub-commands of `hjelpelos catalogue` live in bot/cli/review_commands.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Dict, List, Optional, TextIO

import knowledge


def add_parsers(subparsers: "argparse._SubParsersAction") -> None:
    """Add `services` and `catalogue check` to the main CLI; each sets `func(args) -> int`."""
    services = subparsers.add_parser(
        "services", help="list helplines and channels, with open-now status",
        description="The Directory: one row per service and channel (Europe/Oslo time).",
    )
    services.add_argument("--open-now", action="store_true", help="only channels open at --at")
    services.add_argument("--at", metavar="T", help="ISO local time in Europe/Oslo (default: now)")
    services.add_argument("--topic", choices=knowledge.TOPICS, help="only services for this topic")
    services.add_argument("--age", type=int, metavar="N", help="only channels open to this age")
    services.add_argument("--lang", choices=knowledge.LANGUAGES, help="only channels in this language")
    services.add_argument("--json", action="store_true", help="print the Directory JSON list")
    services.set_defaults(func=run_services)

    catalogue = subparsers.add_parser("catalogue", help="maintain the helpline catalogue")
    actions = catalogue.add_subparsers(dest="catalogue_command", metavar="COMMAND")
    actions.required = True
    check = actions.add_parser(
        "check", help="fail on schema errors, warn on stale or unverified entries",
        description="Exit 1 on schema errors; warnings (stale, unverified) are printed, exit 0.",
    )
    check.add_argument("--max-age-days", type=int, default=365, metavar="N",
                       help="warn when last_verified is older than N days (default 365)")
    check.set_defaults(func=run_catalogue_check)
    from bot.cli import review_commands

    review_commands.add_actions(actions)


def run_services(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    out = out or sys.stdout
    try:
        at = knowledge.to_oslo(args.at)
    except ValueError:
        print(f"--at: not an ISO time: {args.at!r}", file=sys.stderr)
        return 2
    entries = knowledge.list_services(at, open_now=args.open_now, topic=args.topic,
                                      age=args.age, lang=args.lang)
    if args.json:
        json.dump(entries, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_table(entries, at.strftime("%Y-%m-%d %H:%M %Z")))
    return 0


def run_catalogue_check(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    out = out or sys.stdout
    errors, warnings = knowledge.check_catalogue(max_age_days=args.max_age_days)
    for line in errors:
        out.write(f"ERROR   {line}\n")
    for line in warnings:
        out.write(f"WARNING {line}\n")
    out.write(f"{len(errors)} error(s), {len(warnings)} warning(s)\n")
    return 1 if errors else 0


def format_table(entries: List[Dict[str, Any]], when: str) -> str:
    """A plain text table for people at a terminal."""
    header = ("SERVICE", "CHANNEL", "CONTACT", "STATUS", "LANG", "AGES", "ANON")
    rows = [header] + [_row(e) for e in entries]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [f"At {when}: {len(entries)} channel(s)"]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def _row(entry: Dict[str, Any]) -> tuple:
    if entry["open_now"]:
        status = f"open until {entry['closes_at'][11:16]}" if entry["closes_at"] else "open"
    elif entry["opens_at"]:
        status = f"closed, opens {entry['opens_at'][:16].replace('T', ' ')}"
    else:
        status = "closed/unknown hours"
    if entry.get("live_status") in ("closed", "busy"):
        status += f" ({entry['live_status']} as reported, until {entry['live_status_until'][:16].replace('T', ' ')})"
    elif entry.get("live_status") == "open":
        status += " (extra opening as reported)"
    lo, hi = entry["min_age"], entry["max_age"]
    ages = "all" if lo is None and hi is None else f"{lo if lo is not None else ''}-{hi if hi is not None else ''}"
    channel = entry["channel"] if entry["channel_id"] == entry["channel"] else entry["channel_id"]
    return (entry["service"], channel, entry["contact"] or "(none verified)", status,
            ",".join(entry["languages"]), ages, "yes" if entry["anonymous"] else entry["anonymity"])
