"""HJELPELOS_REQUIRE_REVIEWED: a release refuses to start while a sendable sentence is not reviewed."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import create_app
from bot.settings import Settings
from bot.stack import ROOT, Ports, Stack
from triage import review


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _review_everything(languages: Path) -> None:
    for path in languages.glob("*/*.yml"):
        text = re.sub(r"(\n    review: )(draft|needs_native_review)\n",
                      r'\1reviewed\n    reviewed_by: "native speaker, catalogue language"\n    reviewed_on: "2027-01-10"\n',
                      path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")


def test_off_by_default_so_the_bot_starts_on_todays_catalogues() -> None:
    assert Settings().require_reviewed is False
    review.release_guard(Settings().require_reviewed)
    assert create_app(Settings()).title == "Hjelpelos gateway"


def test_the_stack_refuses_to_start_and_lists_what_is_not_reviewed() -> None:
    stack = Stack(ports=Ports(rasa=_free_port(), actions=_free_port(), gateway=_free_port()),
                  extra_env={"HJELPELOS_REQUIRE_REVIEWED": "true"})
    with pytest.raises(review.UnreviewedRelease) as refusal:
        stack.start()
    assert stack.processes == []  # nothing was started
    message = str(refusal.value)
    assert message.startswith("HJELPELOS_REQUIRE_REVIEWED=true, but ")
    for language in ("se", "pl"):
        (found,) = review.report(review.entries(only=[language]))
        unsent = found.counts["needs_native_review"]
        assert found.unreviewed and f"\n{language}: needs_native_review {unsent}; sendable and not reviewed: " \
            f"{len(found.unreviewed)}\n" in message
    assert re.search(r"\n  needs_native_review: greeting, greeting_invite, emergency_police, ", message)


def test_the_gateway_refuses_too() -> None:
    with pytest.raises(review.UnreviewedRelease, match="sendable sentences are not reviewed"):
        create_app(Settings(require_reviewed=True))


def test_make_run_exits_with_the_list_instead_of_starting() -> None:
    env = {**os.environ, "HJELPELOS_REQUIRE_REVIEWED": "true", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "bot.stack"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 1
    assert "Not started. HJELPELOS_REQUIRE_REVIEWED=true" in run.stderr
    assert "Hjelpelos is running" not in run.stdout


def test_a_fully_reviewed_release_starts_until_a_source_changes(languages: Path) -> None:
    _review_everything(languages)
    review.release_guard(True, languages)
    nb_file = languages / "nb" / "messages.yml"
    nb_file.write_text(nb_file.read_text(encoding="utf-8").replace("Når du er trygg, kan du snakke med:",
                                                                   "Når du er trygg, kan du ringe:"), encoding="utf-8")
    with pytest.raises(review.UnreviewedRelease) as refusal:
        review.release_guard(True, languages)
    assert "but 3 sendable sentences are not reviewed" in str(refusal.value)
    for language in ("nn", "en", "se"):
        (found,) = review.report(review.entries(languages, only=[language]))
        assert found.counts["stale"] == 1 and found.counts["reviewed"] > 100
        assert f"\n{language}: reviewed {found.counts['reviewed']}, stale 1; sendable and not reviewed: 1\n" \
            "  stale: emergency_then" in str(refusal.value) + "\n"


def test_a_sentence_the_bot_does_not_send_does_not_block_a_release(languages: Path) -> None:
    _review_everything(languages)
    se_file = languages / "se" / "messages.yml"
    text = se_file.read_text(encoding="utf-8")
    start = text.index("  ask_sami:\n")
    block = text[start:text.index("  button_under_18:\n")]
    unreviewed = block.replace("review: reviewed", "review: needs_native_review")
    unreviewed = re.sub(r"    reviewed_(by|on): .*\n", "", unreviewed)
    se_file.write_text(text.replace(block, unreviewed), encoding="utf-8")
    assert {e.key: e.status for e in review.entries(languages, only=["se"])}["ask_sami"] == "needs_native_review"
    review.release_guard(True, languages)


def test_a_review_without_role_and_date_does_not_count(languages: Path) -> None:
    _review_everything(languages)
    path = languages / "pl" / "messages.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('    reviewed_by: "native speaker, catalogue language"\n', "", 1),
                    encoding="utf-8")
    with pytest.raises(review.UnreviewedRelease, match="pl/language_name: reviewed, but reviewed_by"):
        review.release_guard(True, languages)
