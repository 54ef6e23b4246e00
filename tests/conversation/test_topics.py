"""Every topic x language story's first message, sent to the real bot: a sensible first reply.

The reply is, by the dialogue's rules, the emergency handover (acute), the age question (only
when age changes the answer), the topic menu (low confidence) or a handover whose every service,
contact, opening status and anonymity is checked against the catalogue at the frozen time.
"""
from __future__ import annotations

import pytest

from .client import EVENING, NIGHT
from .expect import (
    EMERGENCY_KEYS, SITUATION_FIRST_KEYS, assert_emergency_first, handover, key_of, load_stories,
    open_live, text,
)

TOPIC_FILES = ("test_topics_nb.yml", "test_topics_nn.yml", "test_topics_en.yml", "test_topics_se.yml")
TOPIC_STORIES = load_stories(*TOPIC_FILES)


def test_every_topic_in_every_language():
    from triage.decide import SITUATION_TOPICS

    covered = {(s.language, s.turns[0].intent) for s in TOPIC_STORIES}
    missing = {(lang, topic) for lang in ("nb", "nn", "en", "se") for topic in SITUATION_TOPICS} - covered
    assert not missing, f"no story for {sorted(missing)}"


@pytest.mark.parametrize("at", [EVENING, NIGHT], ids=["evening", "night"])
@pytest.mark.parametrize("story", TOPIC_STORIES, ids=lambda s: s.id)
def test_first_reply_to_a_situation(talk, story, at):
    language = story.language
    reply = talk(language=language, at=at).say(story.turns[0].message)

    key = key_of(reply.first, language, EMERGENCY_KEYS + SITUATION_FIRST_KEYS)
    assert key, f"unexpected first message (or wrong language, expected {language}): {reply.first!r}"
    if key in EMERGENCY_KEYS:
        assert_emergency_first(reply, language)
        handover(reply, language)
    elif key == "ask_age":
        assert [b["title"] for b in reply.buttons] == [
            text("button_under_18", language), text("button_18_plus", language), text("button_skip", language)]
        assert len(reply.texts) == 1
    elif key == "topic_menu":
        assert "/dont_know" in [b["payload"] for b in reply.buttons]
    else:
        offers = handover(reply, language)
        assert open_live(offers), f"no line open now in {reply.texts}"
