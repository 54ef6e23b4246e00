"""`hjelpelos tokens create|list|revoke`: API tokens for the status API, in the live status store.

The store is the one the gateway and the action server use (HJELPELOS_STATUS_DB, default
run/status.sqlite3, or HJELPELOS_STATUS_REDIS_URL). A new token is printed once, as the last line.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Optional, TextIO

import knowledge
from bot.tokens import ROLES, TokenError, issue
from knowledge.status import utc_now
from knowledge.status_store import current_store


def add_parsers(subparsers: "argparse._SubParsersAction") -> None:
    tokens = subparsers.add_parser("tokens", help="API tokens for services (status API) and analysts")
    actions = tokens.add_subparsers(dest="tokens_command", metavar="COMMAND")
    actions.required = True
    create = actions.add_parser("create", help="make a token; it is printed once, as the last line",
                                description="A service token may set the status of SERVICE_ID only.")
    create.add_argument("service", nargs="?", metavar="SERVICE_ID", help="catalogue service id (role service)")
    create.add_argument("--role", choices=ROLES, default="service", help="service (default) or analyst")
    create.set_defaults(func=run_create)
    listing = actions.add_parser("list", help="every token: id, role, service, created, revoked")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(func=run_list)
    revoke = actions.add_parser("revoke", help="revoke a token by its id (tok_...)")
    revoke.add_argument("token_id", metavar="TOKEN_ID")
    revoke.set_defaults(func=run_revoke)


def run_create(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    out = out or sys.stdout
    if args.service:
        try:
            service = knowledge.load_catalogue().service(args.service)
        except KeyError:
            print(f"unknown service {args.service!r} (see `hjelpelos services`)", file=sys.stderr)
            return 2
        if service.emergency:
            print("emergency numbers have no status and get no token", file=sys.stderr)
            return 2
    try:
        issued = issue(current_store(), args.role, args.service)
    except TokenError as error:
        print(str(error), file=sys.stderr)
        return 2
    record = issued.record
    out.write(f"Token {record.id} ({record.role}{', ' + record.service if record.service else ''}). "
              "Copy it now: it is not shown again.\n")
    out.write(issued.token + "\n")
    return 0


def run_list(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    out = out or sys.stdout
    records = [r.public() for r in current_store().tokens()]
    if args.json:
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write(f"{len(records)} token(s)\n")
    for r in records:
        state = f"revoked {r['revoked'][:16]}" if r["revoked"] else "active"
        out.write(f"{r['id']}  {r['role']:<8} {r['service'] or '-':<24} created {r['created'][:16]}  {state}\n")
    return 0


def run_revoke(args: argparse.Namespace, out: Optional[TextIO] = None) -> int:
    out = out or sys.stdout
    if not current_store().revoke_token(args.token_id, utc_now()):
        print(f"no token {args.token_id!r}", file=sys.stderr)
        return 1
    out.write(f"revoked {args.token_id}\n")
    return 0
