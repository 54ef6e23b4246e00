"""Through the running bot: conversations on the REST channel and /v1/triage?record=true are
counted in the report, and a word the user typed is in no file under run/ nor in the report.

Uses the suite's one running bot (tests/conftest.py `running_bot`), whose demand events go to
test-artifacts/run/stats.sqlite.
"""
from __future__ import annotations

import csv
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import List

import httpx
import pytest

from bot.cli.main import main
from stats.events import OSLO
from stats.store import open_store
from tests.conftest import ARTIFACTS, ROOT, STATS_RUN_DIR

CANARY = "Kvitrefjes" + uuid.uuid4().hex[:8]
CONVERSATIONS = 6
RECORDED_TRIAGES = 5
# A day no other test talks about, and after today: retention never rolls it up during the run.
DAY = (datetime.now(OSLO) + timedelta(days=30)).date()
AT = f"{DAY.isoformat()}T02:30"
TEXT = f"{CANARY} samboeren min slår meg hver dag og jeg er redd. Jeg er 34 år."


def say(bot_url: str, text: str, **metadata) -> List[dict]:
    response = httpx.post(f"{bot_url}/webhooks/rest/webhook", timeout=60, json={
        "sender": f"stats-{uuid.uuid4().hex}", "message": text,
        "metadata": {"language": "nb", "channel": "web", "at": AT, **metadata}})
    response.raise_for_status()
    return response.json()


def triage(bot_url: str, record: bool) -> dict:
    params = {"record": "true"} if record else {}
    response = httpx.post(f"{bot_url}/v1/triage", params=params, timeout=60, json={"text": TEXT, "at": AT})
    response.raise_for_status()
    return response.json()


def wait_for_events(expected: int, timeout_s: float = 60.0) -> dict:
    """The action server writes in the background: poll until the events are there."""
    store = open_store(f"sqlite:///{STATS_RUN_DIR / 'stats.sqlite'}")
    deadline = time.monotonic() + timeout_s
    while True:
        cells = store.events(DAY, DAY)
        if sum(cells.values()) >= expected or time.monotonic() > deadline:
            return cells
        time.sleep(0.5)


def warm_up(bot_url: str) -> None:
    """The first message loads the language model; on a busy machine it may take a few tries."""
    for _ in range(5):
        response = httpx.post(f"{bot_url}/webhooks/rest/webhook", timeout=120, json={
            "sender": f"stats-warm-{uuid.uuid4().hex}", "message": "hei", "metadata": {"client": "cli"}})
        if response.status_code == 200:
            return
    response.raise_for_status()


@pytest.fixture(scope="module")
def talked(bot_url: str) -> dict:
    """Six REST conversations, one from the widget, one terminal chat, five recorded and one
    unrecorded triage."""
    warm_up(bot_url)
    for _ in range(CONVERSATIONS):
        assert any(r.get("text") for r in say(bot_url, TEXT))
    say(bot_url, TEXT, client="widget")
    say(bot_url, TEXT, client="cli")  # `hjelpelos chat`: never counted
    results = [triage(bot_url, record=True) for _ in range(RECORDED_TRIAGES)]
    triage(bot_url, record=False)
    return {"topic": results[0]["topic"], "cells": wait_for_events(CONVERSATIONS + 1 + RECORDED_TRIAGES)}


def test_rest_conversations_and_recorded_triage_are_counted_once_each(talked):
    by_channel = {}
    for key, count in talked["cells"].items():
        by_channel[key[7]] = by_channel.get(key[7], 0) + count
    assert by_channel == {"rest": CONVERSATIONS, "widget": 1, "api": RECORDED_TRIAGES}


def test_the_report_counts_the_conversations(talked, tmp_path):
    out = tmp_path / "report"
    assert main(["stats", "report", "--from", DAY.isoformat(), "--to", DAY.isoformat(), "--out", str(out),
                 "--store", f"sqlite:///{STATS_RUN_DIR / 'stats.sqlite'}"]) == 0
    with (out / "demand.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["topic"] == talked["topic"]]
    assert [(r["language"], r["age_band"], r["count"]) for r in rows] == \
        [("nb", "26_64", str(CONVERSATIONS + 1 + RECORDED_TRIAGES))]
    assert talked["topic"] == "partner_violence"


def files_under(*folders: Path) -> List[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def test_the_canary_word_is_in_no_file_under_run_and_in_no_report(talked, tmp_path):
    out = tmp_path / "report"
    main(["stats", "report", "--from", DAY.isoformat(), "--to", DAY.isoformat(), "--out", str(out),
          "--store", f"sqlite:///{STATS_RUN_DIR / 'stats.sqlite'}"])
    checked = files_under(STATS_RUN_DIR, ROOT / "run", ARTIFACTS / "bot-logs", out)
    assert any(p.name == "stats.sqlite" for p in checked) and any(p.name == "report.html" for p in checked)
    canary = CANARY.encode()
    holding = [str(p) for p in checked if canary in p.read_bytes() or canary.lower() in p.read_bytes().lower()]
    assert holding == []
