"""`hjelpelos stack`: run N Rasa replicas (each with an action server) on Redis behind one gateway."""
from __future__ import annotations

import argparse


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stack",
        help="start the bot: N Rasa servers + N action servers + the gateway (see docs/deploy.md)",
        description="Start the whole bot in the foreground; Ctrl-C or SIGTERM stops every part. "
                    "Process names, ports and PIDs are written to run/stack.json.",
    )
    parser.add_argument("--replicas", type=int, default=1,
                        help="Rasa servers, each with its own action server (default 1)")
    parser.add_argument("--redis-url", default=None,
                        help="redis://HOST:PORT/DB for conversations, locks and SMS state; "
                             "required with more than one replica")
    parser.add_argument("--gateway-port", type=int, default=8000, help="the public port (default 8000)")
    parser.add_argument("--gateway-workers", type=int, default=1,
                        help="gateway processes on that port (more than 1 needs --redis-url)")
    parser.add_argument("--rasa-port", type=int, default=5005,
                        help="replica i listens on this + i (default 5005)")
    parser.add_argument("--actions-port", type=int, default=5055,
                        help="action server i listens on this + i (default 5055)")
    parser.add_argument("--run-dir", default=None,
                        help="where stack.json and the logs go (default: run/ in the repository)")
    parser.set_defaults(func=run_stack)


def run_stack(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.stack import ROOT, build_stack, run

    if args.replicas < 1:
        raise SystemExit("--replicas must be at least 1")
    if (args.replicas > 1 or args.gateway_workers > 1) and not args.redis_url:
        raise SystemExit("more than one replica or gateway worker needs --redis-url redis://HOST:PORT/DB")
    return run(build_stack(args.replicas, args.redis_url, args.gateway_port, args.rasa_port,
                           args.actions_port, args.gateway_workers,
                           Path(args.run_dir) if args.run_dir else ROOT / "run"))
