"""`hjelpelos chat`: talk to a running bot in the terminal, as a user would on the web."""
from __future__ import annotations

import argparse
import secrets
import sys
from typing import Dict, List, Optional

import httpx


def add_parsers(subparsers) -> None:
    parser = subparsers.add_parser("chat", help="talk to the running bot (make run) in this terminal")
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="gateway (or Rasa) base URL")
    parser.add_argument("--lang", choices=["nb", "nn", "en", "se"], help="the page language to start in")
    parser.add_argument("--channel", choices=["web", "sms"], default="web")
    parser.set_defaults(func=run)


def render(replies: List[Dict], out=sys.stdout) -> List[Dict]:
    """Print the bot's messages; buttons become numbered options. Returns the buttons."""
    buttons: List[Dict] = []
    for reply in replies:
        if reply.get("text"):
            print(f"bot> {reply['text']}", file=out)
        buttons = reply.get("buttons") or buttons
    for number, button in enumerate(buttons, start=1):
        print(f"     [{number}] {button['title']}", file=out)
    return buttons


def to_message(typed: str, buttons: List[Dict]) -> str:
    """A number picks an offered button; anything else is sent as written."""
    if typed.isdigit() and 1 <= int(typed) <= len(buttons):
        return buttons[int(typed) - 1]["payload"]
    return typed


def run(args: argparse.Namespace, stdin=sys.stdin) -> int:
    """A conversation in the terminal; every line shown comes from the bot's catalogues."""
    from triage import messages

    sender = "cli-" + secrets.token_hex(8)
    metadata: Dict[str, Optional[str]] = {"channel": args.channel, "client": "cli"}
    if args.lang:
        metadata["language"] = args.lang
    url = f"{args.url.rstrip('/')}/webhooks/rest/webhook"
    with httpx.Client(timeout=60) as client:

        def send(text: str) -> List[Dict]:
            try:
                response = client.post(url, json={"sender": sender, "message": text, "metadata": metadata})
                response.raise_for_status()
                return response.json()
            except (httpx.HTTPError, ValueError):
                return [{"text": messages.text("error_try_again", args.lang or "nb")}]

        buttons = render(send("/greet"))  # the catalogue greeting: what this is, 112/113
        while True:
            print("you> ", end="", flush=True)
            line = stdin.readline()
            if not line:
                return 0
            typed = line.strip()
            if typed:
                buttons = render(send(to_message(typed, buttons)))
