"""`hjelpelos doctor`: is this machine ready to run the bot? One line per check."""
from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path
from typing import Callable, List, Tuple

ROOT = Path(__file__).resolve().parents[2]
PORTS = {"rasa": 5005, "actions": 5055, "gateway": 8000}


def add_parsers(subparsers) -> None:
    parser = subparsers.add_parser("doctor", help="check Python, venv, model folder, trained model, ports")
    parser.set_defaults(func=run)


def _python() -> Tuple[bool, str]:
    version = ".".join(map(str, sys.version_info[:3]))
    return sys.version_info[:2] == (3, 10), f"Python {version} (Rasa 3.6 needs 3.10)"


def _venv() -> Tuple[bool, str]:
    inside = Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()
    return inside, f"running from {sys.prefix}" + ("" if inside else f" (expected {ROOT / '.venv'})")


def _embedding_model() -> Tuple[bool, str]:
    from nlu.e5_featurizer import resolve_model_path
    from nlu.model_setup import default_model_dir, is_converted

    path = Path(resolve_model_path(None))
    if path == default_model_dir():
        ok = is_converted(path)
        return ok, f"embedding model {path}" + ("" if ok else " missing or stale: run `make model`")
    return (path / "modules.json").exists(), f"embedding model {path} (from HJELPELOS_EMBEDDING_MODEL)"


def _trained_model() -> Tuple[bool, str]:
    from triage.service import latest_model

    try:
        return True, f"trained model {latest_model().name}"
    except FileNotFoundError as error:
        return False, str(error)


def _ports() -> Tuple[bool, str]:
    busy = []
    for name, port in PORTS.items():
        with socket.socket() as probe:
            probe.settimeout(0.3)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                busy.append(f"{name}:{port}")
    return True, "ports in use (fine if the bot is running): " + ", ".join(busy) if busy else "ports 5005, 5055, 8000 free"


CHECKS: List[Callable[[], Tuple[bool, str]]] = [_python, _venv, _embedding_model, _trained_model, _ports]


def run(args: argparse.Namespace) -> int:
    failures = 0
    for check in CHECKS:
        ok, detail = check()
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {detail}")
    return 1 if failures else 0
