"""SMS formatting: segment counting, numbered options, links, packing, stop words, catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.channels.sms import (
    CATALOGUE_KEYS,
    GSM7,
    LANGUAGES,
    MAX_SEGMENTS_PER_SMS,
    UCS2,
    Option,
    SmsTexts,
    TtlCache,
    choose_option,
    clean_inbound,
    count_segments,
    format_replies,
    pack_messages,
    prefer_gsm7,
    stop_word_language,
    strip_links,
)
from bot.routers.sms import DEFAULT_LANGUAGES_DIR


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", (GSM7, 0)),
        ("a" * 160, (GSM7, 1)),
        ("a" * 161, (GSM7, 2)),
        ("a" * 306, (GSM7, 2)),
        ("a" * 307, (GSM7, 3)),
        ("Hei, jeg heter Åse og bor på Røros. Æ ø å!", (GSM7, 1)),
        ("€" * 80, (GSM7, 1)),  # the extension table costs two septets each: 160
        ("€" * 81, (GSM7, 2)),
        ("[]{}~^|\\", (GSM7, 1)),
        ("a" * 70 + "á", (UCS2, 2)),  # one Sami letter makes the whole message UCS-2
        ("á" * 70, (UCS2, 1)),
        ("á" * 71, (UCS2, 2)),
        ("á" * 134, (UCS2, 2)),
        ("á" * 135, (UCS2, 3)),
    ],
)
def test_count_segments(text: str, expected: tuple) -> None:
    assert count_segments(text) == expected


@pytest.mark.parametrize("letter", list("áčđŋšŧžÁČĐŊŠŦŽ"))
def test_every_north_sami_letter_forces_ucs2(letter: str) -> None:
    assert count_segments(f"Bures {letter}") == (UCS2, 1)


def test_escape_pair_is_never_split_across_segments() -> None:
    # 152 plain septets, then a two-septet euro sign: it cannot start in the first part's last slot.
    assert count_segments("a" * 152 + "€" + "a" * 10) == (GSM7, 2)
    assert count_segments("a" * 152 + "€" + "a" * 152) == (GSM7, 3)


def test_surrogate_pair_is_never_split_across_segments() -> None:
    assert count_segments("😀" * 35) == (UCS2, 1)  # 70 UTF-16 code units
    assert count_segments("á" * 66 + "😀") == (UCS2, 1)
    # 134 code units would be two parts by division, but the pair cannot straddle the boundary.
    assert count_segments("á" * 66 + "😀" + "á" * 66) == (UCS2, 3)
    assert count_segments("á" * 65 + "😀" + "á" * 67) == (UCS2, 2)


def test_typography_is_made_gsm7_only_when_that_helps() -> None:
    assert prefer_gsm7("Det er «trygt» – ring oss…") == 'Det er "trygt" - ring oss...'
    sami = "Dát lea «oadjebas» – riŋge"
    assert prefer_gsm7(sami) == sami  # UCS-2 anyway: the reviewed typography stays


def test_buttons_become_numbered_options() -> None:
    replies = [
        {"text": "Hva gjelder det?"},
        {
            "text": "Velg en:",
            "buttons": [
                {"title": "Vold hjemme", "payload": "/partner_violence"},
                {"title": "Mobbing", "payload": "/bullying"},
            ],
        },
    ]
    bodies, options = format_replies(replies, "Svar med et tall:")
    assert bodies == ["Hva gjelder det?\n\nVelg en:\nSvar med et tall:\n1 Vold hjemme\n2 Mobbing"]
    assert options == [Option("Vold hjemme", "/partner_violence"), Option("Mobbing", "/bullying")]


def test_options_are_numbered_across_replies_of_one_turn() -> None:
    replies = [
        {"text": "A", "buttons": [{"title": "x", "payload": "/x"}]},
        {
            "text": "B",
            "buttons": [{"title": "y", "payload": "/y"}, {"title": "", "payload": "/no-title"}],
        },
    ]
    bodies, options = format_replies(replies, "P:")
    assert "P:\n1 x" in bodies[0] and "P:\n2 y" in bodies[0]
    assert [option.payload for option in options] == ["/x", "/y"]


@pytest.mark.parametrize(
    "answer, payload", [("1", "/a"), (" 2 ", "/b"), ("2.", "/b"), ("1)", "/a")]
)
def test_a_number_picks_its_option(answer: str, payload: str) -> None:
    assert choose_option(answer, [Option("A", "/a"), Option("B", "/b")]) == payload


@pytest.mark.parametrize("answer", ["0", "3", "13", "1 og 2", "en", ""])
def test_anything_else_is_passed_on_as_text(answer: str) -> None:
    # "13" may well be an age, not an option.
    assert choose_option(answer, [Option("A", "/a"), Option("B", "/b")]) is None


def test_no_options_no_mapping() -> None:
    assert choose_option("1", []) is None


def test_links_are_dropped_where_a_number_is_given() -> None:
    text = "Alarmtelefonen: ring 116 111.\nChat: https://example.org/chat"
    assert strip_links(text) == "Alarmtelefonen: ring 116 111."
    assert strip_links("Ring 112 (https://example.org)") == "Ring 112"


def test_links_stay_where_they_are_the_only_contact() -> None:
    text = "Chat: https://example.org/chat (åpen nå)"
    assert strip_links(text) == text


def test_markdown_links_become_plain_text() -> None:
    assert strip_links("[Ring 116 111](tel:116111)") == "Ring 116 111"
    assert (
        strip_links("Les mer på [nettsiden](https://example.org)")
        == "Les mer på nettsiden: https://example.org"
    )


def test_years_and_times_are_not_phone_numbers() -> None:
    text = "Åpent kl. 16.15–22.45 siden 2024: https://example.org"
    assert strip_links(text) == text


def test_short_messages_are_joined_into_one_sms() -> None:
    assert pack_messages(["Hei.", "Jeg lytter."]) == ["Hei.\n\nJeg lytter."]


def test_gsm7_and_ucs2_are_not_joined_when_it_costs_segments() -> None:
    gsm = "a" * 150
    sami = "Bures boahtin, dát lea oadjebas báiki."  # UCS-2
    bodies = pack_messages([gsm, sami])
    assert bodies == [gsm, sami]
    separate = sum(count_segments(body)[1] for body in bodies)
    assert separate == 2 < count_segments(gsm + "\n\n" + sami)[1] + 1


def test_a_very_long_message_is_split_into_bodies_that_fit() -> None:
    paragraph = "Dette er en lang setning om hjelp. " * 20
    bodies = pack_messages(["\n".join([paragraph] * 5)])
    assert len(bodies) > 1
    for body in bodies:
        assert count_segments(body)[1] <= MAX_SEGMENTS_PER_SMS and len(body) <= 1600


@pytest.mark.parametrize(
    "text, language",
    [
        ("STOP", None),
        ("stopp", None),
        ("Slutt", None),
        ("SLUTT!", None),
        (" slutt. ", None),
        ("Heaitte", "se"),
    ],
)
def test_stop_words(text: str, language: str) -> None:
    assert stop_word_language(text) == (True, language)


@pytest.mark.parametrize("text", ["stop it", "jeg vil ikke slutte", "stoppe", "1"])
def test_not_stop_words(text: str) -> None:
    assert stop_word_language(text)[0] is False


def test_inbound_text_is_cleaned_of_control_characters() -> None:
    assert clean_inbound("\x00 hei\x07\n ") == "hei"


def test_ttl_cache_expires_and_stays_bounded() -> None:
    now = [0.0]
    cache: TtlCache[int] = TtlCache(ttl_s=10, max_entries=3, clock=lambda: now[0])
    for key in "abcd":
        cache.set(key, 1)
    assert len(cache) == 3 and cache.get("a") is None
    now[0] = 11
    assert cache.get("d") is None and len(cache) == 0
    assert cache.add_if_absent("x", 1) and not cache.add_if_absent("x", 1)


def test_texts_fall_back_to_the_default_language(sms_languages_dir: Path) -> None:
    texts = SmsTexts(sms_languages_dir)
    texts.check()
    assert texts.get("stop_reply", "se").startswith("TEST se")
    assert texts.get("stop_reply", "nn") == "TEST nb stop_reply"  # no nn catalogue in the fixture
    assert texts.get("stop_reply", "../../etc") == "TEST nb stop_reply"  # never a path
    with pytest.raises(KeyError):
        SmsTexts(sms_languages_dir / "missing").check()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_real_catalogue_has_every_sms_text(language: str) -> None:
    path = DEFAULT_LANGUAGES_DIR / language / "messages.yml"
    messages = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
    texts = SmsTexts(DEFAULT_LANGUAGES_DIR)
    for key in CATALOGUE_KEYS:
        text = messages[key]["text"].strip()
        assert text and "{" not in text, key  # sent as they are: no placeholders to fill
        assert texts.get(key, language) == text
        assert count_segments(prefer_gsm7(text))[1] <= 2, key
