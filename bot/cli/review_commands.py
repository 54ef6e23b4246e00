"""`hjelpelos catalogue stamp | export | import | review-status`: the translation review workflow.

The same functions (triage.review, triage.review_po) back the tests and the release guard.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Optional, TextIO

from triage import review, review_po
from triage.messages import LANGUAGES_DIR


def add_actions(actions: "argparse._SubParsersAction") -> None:
    """Add the review commands under `hjelpelos catalogue`."""
    stamp = actions.add_parser(
        "stamp", help="record the Bokmål source hash on translations that have none",
        description="Give every translation without a source_hash the hash of its current Bokmål text, "
                    "as draft (nb/nn/en) or needs_native_review (other languages). Run it after adding a key.",
    )
    stamp.set_defaults(func=run_stamp)

    export = actions.add_parser(
        "export", help="write GNU gettext PO files for reviewers",
        description="Write DIR/<lang>.po: msgctxt = key, msgid = Bokmål source, fuzzy = not reviewed.",
    )
    export.add_argument("--format", choices=["po"], default="po", help="file format (only po)")
    export.add_argument("--lang", action="append", metavar="CODE",
                        help="a language code (repeatable; default: every language)")
    export.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write into")
    export.set_defaults(func=run_export)

    importer = actions.add_parser(
        "import", help="bring reviewed PO files back into languages/",
        description="Read DIR/*.po. A file with a broken placeholder, number, service name, or a phone "
                    "number or address not in knowledge/catalogue.yaml is refused whole, one line per entry.",
    )
    importer.add_argument("directory", type=Path, metavar="DIR")
    importer.add_argument("--reviewed-by", metavar="ROLE",
                          help='the reviewer\'s role, not a name, e.g. "native speaker, North Sami"')
    importer.add_argument("--reviewed-on", metavar="YYYY-MM-DD", help="date of the review (default: today)")
    importer.set_defaults(func=run_import)

    status = actions.add_parser(
        "review-status", help="counts by review status per language, and what is sendable but not reviewed",
    )
    status.add_argument("--lang", action="append", metavar="CODE", help="only this language (repeatable)")
    status.add_argument("--counts-only", action="store_true", help="leave out the list of keys")
    status.set_defaults(func=run_review_status)
    for command in (stamp, export, importer, status):
        command.add_argument("--languages-dir", type=Path, default=LANGUAGES_DIR, metavar="DIR",
                             help="the catalogues to work on (default: languages/)")


def run_stamp(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    out = out or sys.stdout
    changed = review.stamp(args.languages_dir)
    for line in changed:
        out.write(f"stamped {line}\n")
    out.write(f"{len(changed)} translation(s) stamped\n")
    return 0


def _languages(requested: Optional[list], languages_dir: Path, out: TextIO) -> Optional[list]:
    known = review.languages(languages_dir)
    chosen = requested or list(known)
    unknown = [code for code in chosen if code not in known]
    if unknown:
        out.write(f"unknown language(s): {', '.join(unknown)}; known: {', '.join(known)}\n")
        return None
    return chosen


def run_export(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    out = out or sys.stdout
    chosen = _languages(args.lang, args.languages_dir, out)
    if chosen is None:
        return 2
    for path in review_po.export_po(args.out, chosen, args.languages_dir):
        out.write(f"wrote {path}\n")
    return 0


def run_import(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    out = out or sys.stdout
    if args.reviewed_on:
        try:
            date.fromisoformat(args.reviewed_on)
        except ValueError:
            out.write(f"--reviewed-on {args.reviewed_on!r} is not a YYYY-MM-DD date\n")
            return 2
    if not args.directory.is_dir() or not list(args.directory.glob("*.po")):
        out.write(f"{args.directory}: no .po files there\n")
        return 2
    results, refused = review_po.import_dir(args.directory, args.reviewed_by, args.reviewed_on, args.languages_dir)
    for result in results:
        out.write(f"{result.language}: {len(result.changed)} entr{'y' if len(result.changed) == 1 else 'ies'} changed\n")
        for line in result.changed + result.notes:
            out.write(f"  {line}\n")
    for error in refused:
        out.write(f"{error}\n")
    return 1 if refused else 0


def run_review_status(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    out = out or sys.stdout
    chosen = _languages(args.lang, args.languages_dir, out)
    if chosen is None:
        return 2
    found = review.entries(args.languages_dir, only=chosen)
    out.write(review.format_report(review.report(found), show_keys=not args.counts_only) + "\n")
    broken = review.problems(found)
    for line in broken:
        out.write(f"PROBLEM {line}\n")
    return 1 if broken else 0
