"""Replay every Rasa test story against the real bot (Rasa's own story test runs no actions).

For each user turn, the first bot message must be what the story's intent leads to: e.g.
ask_anonymous -> the anonymity intro, stop -> the goodbye. Acute danger may come first for any
situation. tests/stories is green with --e2e, so the NLU intent equals the story's label.
"""
from __future__ import annotations

import pytest

from triage.decide import SITUATION_TOPICS

from .expect import EMERGENCY_KEYS, SITUATION_FIRST_KEYS, fits_age, key_of, load_stories, offers_in

FIRST_KEY = {
    **{topic: SITUATION_FIRST_KEYS for topic in SITUATION_TOPICS},
    "greet": ("greeting",),
    "other": ("not_understood",),
    "dont_know": ("dont_know_handover",),
    "seek_advice": ("no_advice",),
    "ask_anonymous": ("followup_anonymous_intro", "followup_scared"),
    "ask_closed": ("followup_closed",),
    "ask_another": ("followup_another", "no_more_services"),
    "scared_found_out": ("followup_scared",),
    "thanks": ("thanks_reply",),
    "stop": ("stop_reply", "goodbye_sms"),
    "switch_language": ("language_switched", "language_choice"),
    "inform": ("handover_intro", "handover_intro_high", "not_understood", "age_noted"),
    "deny": ("handover_intro", "handover_intro_high", "not_understood"),
    "affirm": ("handover_intro", "handover_intro_high", "not_understood"),
}
ALL_LANGUAGES = ("nb", "nn", "en", "se")
STORIES = load_stories()


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.id)
def test_story_against_the_real_bot(talk, story):
    conversation = talk(language=story.language)
    for turn in story.turns:
        reply = conversation.say(turn.message)
        keys = FIRST_KEY[turn.intent] + EMERGENCY_KEYS
        found = [lang for lang in ALL_LANGUAGES if key_of(reply.first, lang, keys)]
        assert found, f"{turn.message!r} ({turn.intent}) got {reply.first!r}"


@pytest.mark.parametrize("story", [s for s in STORIES if s.expect], ids=lambda s: s.id)
def test_conversation_story_holds_across_turns(talk, story):
    """The per-turn expectations of the conversation stories: danger, age, topic, language."""
    conversation = talk(language=story.language)
    for turn, expected in zip(story.turns, story.expect):
        reply = conversation.say(turn.message)
        language = reply.turn_data["language"]
        where = f"{turn.message!r} got {reply.joined!r}"
        if "emergency" in expected:
            assert bool(key_of(reply.first, language, EMERGENCY_KEYS)) == expected["emergency"], where
        if expected.get("no_age_question"):
            assert not any(key_of(text, language, ("ask_age",)) for text in reply.texts), where
        if "age" in expected:
            offers = offers_in(reply.texts, language)
            outside = [o.service for o in offers if not fits_age(o, expected["age"], reply.moment)]
            assert not outside, f"{where}: offers outside age {expected['age']}: {outside}"
        if "reply_language" in expected:
            assert language == expected["reply_language"], where
        if expected.get("not_menu"):
            assert not key_of(reply.first, language, ("not_understood", "topic_menu")), where
