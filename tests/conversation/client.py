"""A conversation with the real bot over the REST channel, with a frozen clock.

Every reply is also appended to TRANSCRIPT, so the guard test (test_guard.py, run last) can
check every bot message the conversation tests produced.
"""
from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, List, Optional

import httpx

# Wednesday 18 November 2026, Europe/Oslo wall-clock time (naive = Oslo, like the catalogue).
EVENING = "2026-11-18T19:00"
NIGHT = "2026-11-18T03:00"
_counter = itertools.count(1)


@dataclass
class Reply:
    """The bot's messages for one user message."""

    user_text: str
    messages: List[Dict[str, Any]]
    at: str
    channel: str

    @property
    def texts(self) -> List[str]:
        return [m["text"] for m in self.messages if m.get("text")]

    @property
    def turn_data(self) -> Dict[str, Any]:
        """The `custom` message the bot sends after its sentences (reply language, phone links)."""
        data = [m["custom"]["data"] for m in self.messages if isinstance(m.get("custom"), dict)]
        assert len(data) == 1, f"expected one custom message, got {len(data)}"
        return data[0]

    @property
    def first(self) -> str:
        return self.texts[0] if self.texts else ""

    @property
    def joined(self) -> str:
        return "\n".join(self.texts)

    @property
    def buttons(self) -> List[Dict[str, str]]:
        return [b for m in self.messages for b in m.get("buttons") or []]

    def payload(self, title: str) -> str:
        """The payload of the button with this title (as a person would tap it)."""
        for button in self.buttons:
            if button["title"] == title:
                return button["payload"]
        raise AssertionError(f"no button {title!r} in {[b['title'] for b in self.buttons]}")

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.at)


@dataclass
class Turn:
    sender: str
    reply: Reply


TRANSCRIPT: List[Turn] = []


@dataclass
class Conversation:
    """One sender talking to the bot; each test gets its own sender id."""

    url: str
    name: str
    language: str = "nb"
    channel: str = "web"
    at: str = EVENING
    sender: str = field(init=False)
    replies: List[Reply] = field(default_factory=list)

    def __post_init__(self) -> None:
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", self.name)
        self.sender = f"conv-{os.getpid()}-{next(_counter)}-{name}"[:100]

    def say(self, text: str, at: Optional[str] = None, channel: Optional[str] = None) -> Reply:
        at, channel = at or self.at, channel or self.channel
        metadata = {"at": at, "language": self.language, "channel": channel}
        response = httpx.post(f"{self.url}/webhooks/rest/webhook",
                              json={"sender": self.sender, "message": text, "metadata": metadata},
                              timeout=60)
        assert response.status_code == 200, f"{response.status_code}: {response.text}"
        reply = Reply(text, response.json(), at, channel)
        assert reply.messages, f"the bot sent nothing back to {text!r}"
        self.replies.append(reply)
        TRANSCRIPT.append(Turn(self.sender, reply))
        return reply
