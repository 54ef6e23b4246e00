"""`hjelpelos chat` in a terminal: a person types, the real bot answers, buttons become numbers."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _chat(bot_url: str, typed: str, language: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "chat", "--url", bot_url, "--lang", language],
        input=typed, capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_acute_message_in_the_terminal_gets_112_first(bot_url):
    out = _chat(bot_url, "he is outside my door with a knife right now\n", "en")
    # The greeting comes first; the reply to the message follows the first "you> " prompt (which
    # has no newline of its own: a terminal echoes the Enter).
    greeting, reply = out.split("you> ")[:2]
    assert greeting.startswith("bot> ")
    bot_lines = [part.splitlines()[0] for part in reply.split("bot> ")[1:]]
    assert bot_lines and "112" in bot_lines[0]


def test_numbered_options_pick_a_button(bot_url):
    # "/switch_language" without a language shows the language menu; "2" picks the second option.
    from triage import messages

    out = _chat(bot_url, "/switch_language\n2\n", "nb")
    assert "[2] " + messages.text("language_name_nn", "nn") in out
    assert messages.text("language_switched", "nn") in out
