"""`hjelpelos stats report` and `hjelpelos stats retain`: the anonymous demand statistics."""
from __future__ import annotations

import argparse
import sys
from datetime import datetime

from stats.events import OSLO, parse_day


def add_parsers(subparsers) -> None:
    parser = subparsers.add_parser("stats", help="anonymous demand statistics: report and retention")
    commands = parser.add_subparsers(dest="stats_command", metavar="COMMAND")
    commands.required = True
    report = commands.add_parser("report", help="CSV tables, PNG plots and report.html for a period",
                                 description="Cells under 5 are shown as <5, never as the number.")
    report.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="first day, 2026-12-01")
    report.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="last day, inclusive")
    report.add_argument("--out", required=True, metavar="DIR", help="folder for the files")
    report.add_argument("--store", metavar="URL", help="store URL (default: HJELPELOS_STATS_URL or run/stats.sqlite)")
    report.add_argument("--epsilon", type=float, metavar="E",
                        help="add Laplace noise (OpenDP) with this privacy budget before suppressing")
    report.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    report.set_defaults(func=run_report)

    retain = commands.add_parser("retain", help="roll events older than N days into daily aggregates")
    retain.add_argument("--keep-days", type=int, metavar="N",
                        help="days kept with hour and services (default HJELPELOS_STATS_KEEP_DAYS or 90)")
    retain.add_argument("--store", metavar="URL")
    retain.set_defaults(func=run_retain)


def run_report(args: argparse.Namespace) -> int:
    from stats.report import write_report
    from stats.store import open_store

    try:
        first, last = parse_day(args.date_from), parse_day(args.date_to)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    if last < first:
        print("--to is before --from", file=sys.stderr)
        return 2
    noise = None
    if args.epsilon is not None:
        from stats.noise import LaplaceNoise

        if args.epsilon <= 0:
            print("--epsilon must be above 0", file=sys.stderr)
            return 2
        noise = LaplaceNoise(args.epsilon, seed=args.seed)
    written = write_report(open_store(args.store), first, last, args.out, noise=noise)
    for name, path in written.items():
        print(path)
    return 0


def run_retain(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from stats.recorder import keep_days
    from stats.store import open_store

    days = args.keep_days if args.keep_days is not None else keep_days()
    if days < 1:
        print("--keep-days must be at least 1", file=sys.stderr)
        return 2
    cutoff = datetime.now(OSLO).date() - timedelta(days=days)
    moved = open_store(args.store).roll_up(cutoff)
    print(f"{moved} event row(s) before {cutoff.isoformat()} rolled up into daily aggregates")
    return 0
