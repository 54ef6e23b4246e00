"""Fixtures for the REST conversation tests: the bot's URL for clocked messages, and `talk`."""
from __future__ import annotations

import uuid
from typing import Callable

import httpx
import pytest

from .client import EVENING, Conversation


def pytest_collection_modifyitems(config, items) -> None:
    """The guard reads what every other conversation test produced, so it runs last."""
    guard = [item for item in items if item.nodeid.startswith("tests/conversation/test_guard.py")]
    if guard:
        items[:] = [item for item in items if item not in guard] + guard


def gateway_forwards_clock(gateway_url: str, rasa_url: str) -> bool:
    """Does a message's `metadata.at` reach Rasa through the gateway (HJELPELOS_TEST_CLOCK=1)?"""
    sender = f"clock-probe-{uuid.uuid4().hex[:8]}"
    httpx.post(f"{gateway_url}/webhooks/rest/webhook", timeout=60,
               json={"sender": sender, "message": "/greet", "metadata": {"at": EVENING, "language": "nb"}})
    tracker = httpx.get(f"{rasa_url}/conversations/{sender}/tracker", timeout=30).json()
    return (tracker.get("latest_message") or {}).get("metadata", {}).get("at") == EVENING


@pytest.fixture(scope="session")
def chat_url(bot_url: str) -> str:
    """The gateway's REST endpoint: conversations go the way the widget's do."""
    return bot_url


@pytest.fixture
def talk(chat_url: str, request) -> Callable[..., Conversation]:
    """`talk(language="en", channel="sms", at=NIGHT)` opens a new conversation (new sender)."""

    def open_conversation(language: str = "nb", channel: str = "web", at: str = EVENING) -> Conversation:
        return Conversation(chat_url, request.node.name, language=language, channel=channel, at=at)

    return open_conversation
