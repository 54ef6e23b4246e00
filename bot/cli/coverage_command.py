"""`hjelpelos coverage --week 2026-W50 --out DIR`: where nobody fitting can be reached, from the catalogue alone."""
from __future__ import annotations

import argparse
import sys


def add_parsers(subparsers) -> None:
    from stats.coverage import DEFAULT_LANGUAGES

    parser = subparsers.add_parser(
        "coverage", help="coverage map of a week from the catalogue: coverage.csv and heat maps",
        description="For every topic x age band x language x hour of the week (holidays included), "
                    "asks the ranking whether a fitting service can be reached, and on which channel.")
    parser.add_argument("--week", required=True, metavar="YYYY-Www", help="ISO week, e.g. 2026-W50")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for coverage.csv and the PNGs")
    parser.add_argument("--languages", default=",".join(DEFAULT_LANGUAGES), metavar="CODES",
                        help=f"comma-separated writer languages (default {','.join(DEFAULT_LANGUAGES)})")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stats.coverage import parse_week, write_coverage

    try:
        parse_week(args.week)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    if not languages:
        print("--languages is empty", file=sys.stderr)
        return 2
    for path in write_coverage(args.week, args.out, languages).values():
        print(path)
    return 0
