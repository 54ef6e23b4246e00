"""Guard: every bot message of every conversation test is catalogue text, and never advice.

Runs last (see conftest.py) and reads client.TRANSCRIPT, which every `Conversation.say` fills.
"""
from __future__ import annotations

import pytest

from triage import messages

from .catalogue_guard import ADVICE_DENY_LIST, advice_words, line_ok, unmatched_lines
from .client import TRANSCRIPT


@pytest.fixture
def transcript():
    if not TRANSCRIPT:
        pytest.skip("run together with the other conversation tests (it checks what they produced)")
    return TRANSCRIPT


def test_every_bot_message_is_catalogue_text(transcript):
    problems = []
    for turn in transcript:
        miss = unmatched_lines(turn.reply.texts)
        if miss:
            problems.append(f"{turn.reply.user_text!r} -> closest language {miss[0]}: {miss[1]}")
    assert not problems, "free text (not from languages/*/messages.yml):\n" + "\n".join(problems)


def test_every_button_title_is_catalogue_text(transcript):
    titles = {b["title"] for turn in transcript for b in turn.reply.buttons}
    assert titles
    unknown = [t for t in titles if not any(line_ok(t, lang) for lang in messages.LANGUAGES)]
    assert not unknown, unknown


def test_no_bot_message_gives_advice(transcript):
    found = [(turn.reply.user_text, text, advice_words(text))
             for turn in transcript for text in turn.reply.texts if advice_words(text)]
    assert not found, found


def test_the_catalogues_themselves_hold_no_advice_wording():
    found = [(lang, key, advice_words(entry["text"])) for lang in messages.LANGUAGES
             for key, entry in messages.catalogue(lang).items() if advice_words(entry["text"])]
    assert not found, found


def test_the_guard_rejects_free_text_and_advice():
    """The guard itself: a made-up sentence and advice wording must be caught."""
    assert unmatched_lines(["You should leave him tonight."])
    assert unmatched_lines(["Ring 116 111 · Åpent hele døgnet · Du bør ringe nå."])
    assert advice_words("Du bør anmelde ham.") and advice_words("you should leave him")
    assert not advice_words("om anmeldelse, vitnestøtte og erstatning")
    assert unmatched_lines([messages.text("greeting", "nb")]) is None
    assert len(ADVICE_DENY_LIST) >= 10


def test_the_bots_logs_hold_no_message_text_and_no_sender(transcript, running_bot):
    """Anonymity: after every conversation test, no user text or conversation id is in any log."""
    from pathlib import Path

    logs = "\n".join(path.read_text(errors="replace") for path in Path(running_bot.log_dir).glob("*.log"))
    assert logs, "the bot wrote no logs at all"
    leaked_senders = {turn.sender for turn in transcript if turn.sender in logs}
    leaked_texts = {turn.reply.user_text for turn in transcript
                    if len(turn.reply.user_text) >= 12 and turn.reply.user_text in logs}
    assert not leaked_senders and not leaked_texts
