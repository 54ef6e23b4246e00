"""Phone numbers in the bot's replies come with `tel:` links built from the handover data."""
from __future__ import annotations

import re

import pytest

from triage import messages
from triage.contact_links import catalogue_phone_contacts, links_for, tel_href

from .expect import load_stories


def test_every_catalogue_phone_contact_gets_a_link_in_every_language() -> None:
    """The sentence that offers a phone line names its number, and that number is a link."""
    for service, contact in catalogue_phone_contacts():
        for language in messages.LANGUAGES:
            line = messages.text("contact_phone", language, contact=contact)
            links = links_for([line], [], [])
            assert [(link["text"], link["href"]) for link in links] == [(contact, tel_href(contact))], (
                service, language, line)


@pytest.mark.parametrize("contact, href", [("116 111", "tel:116111"), ("800 333 21", "tel:+4780033321"),
                                           ("22 40 00 40", "tel:+4722400040"), ("112", "tel:112")])
def test_tel_href_is_dialable(contact: str, href: str) -> None:
    assert tel_href(contact) == href


def test_a_number_inside_a_longer_number_is_not_a_link() -> None:
    assert links_for(["Ring 1120 eller 81120000, eller 2112"], [], []) == []


def test_handover_turn_links_every_number_it_shows(talk) -> None:
    """A 15-year-old in the evening is offered Alarmtelefonen and Kors på halsen by phone; both
    numbers arrive as links, with the reply language for the SMS layer and the widget."""
    reply = talk(language="nb").say("jeg er 15 og mamma kjefter og slår meg hele tida")
    data = reply.turn_data
    assert data["language"] == "nb"
    shown = {link["text"]: link["href"] for link in data["links"]}
    assert shown.get("800 333 21") == "tel:+4780033321", reply.joined
    assert shown.get("116 111") == "tel:116111", reply.joined
    for contact in shown:
        assert contact in reply.joined
    named = {c for _, c in catalogue_phone_contacts() if re.search(rf"(?<!\d){re.escape(c)}(?!\d)", reply.joined)}
    assert named == set(shown)


def test_acute_turn_links_112_and_keeps_the_writers_language(talk) -> None:
    story = next(s for s in load_stories("test_acute.yml") if s.language == "se")
    reply = talk(language="se").say(story.turns[0].message)
    data = reply.turn_data
    assert data["language"] == "se"
    assert data["links"][0]["href"] in ("tel:112", "tel:113")
    assert data["links"][0]["text"] in reply.first
