"""The message catalogues are complete in every language, and the code only uses keys they have."""
import re
import string
from pathlib import Path

import pytest
import yaml

from triage import messages

ROOT = Path(__file__).resolve().parents[2]
REVIEW_STATES = {"draft", "reviewed", "needs_native_review"}


def _placeholders(text: str) -> set:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_language_has_every_key_with_the_same_placeholders() -> None:
    reference = messages.catalogue("nb")
    for language in messages.LANGUAGES:
        catalogue = messages.catalogue(language)
        assert set(catalogue) == set(reference), f"{language}: keys differ from nb"
        for key, entry in catalogue.items():
            assert entry["text"].strip(), f"{language}/{key} is empty"
            assert entry["review"] in REVIEW_STATES, f"{language}/{key} has review {entry['review']!r}"
            assert _placeholders(entry["text"]) == _placeholders(reference[key]["text"]), f"{language}/{key}"


def test_north_sami_texts_are_marked_for_native_review() -> None:
    assert {e["review"] for e in messages.catalogue("se").values()} == {"needs_native_review"}


def test_every_key_the_code_asks_for_exists() -> None:
    used = set()
    for path in list((ROOT / "triage").glob("*.py")) + list((ROOT / "bot").rglob("*.py")):
        source = path.read_text()
        used |= set(re.findall(r'(?:messages\.text|_calm)\(\s*"([a-z0-9_]+)"', source))
        for arguments in re.findall(r'_say\(([^)]*)\)', source):
            used |= set(re.findall(r'"([a-z0-9_]+)"', arguments))
    used -= {"sms", "web"}  # channel names in conditional expressions, not keys
    missing = sorted(k for k in used if k not in messages.catalogue("nb"))
    assert used and not missing


def test_every_service_has_a_name_in_every_language() -> None:
    catalogue = yaml.safe_load((ROOT / "knowledge" / "catalogue.yaml").read_text(encoding="utf-8"))
    ids = {service["id"] for service in catalogue["services"]}
    for language in messages.LANGUAGES:
        texts = messages.service_texts(language)
        assert ids <= set(texts), f"{language}: no text for {sorted(ids - set(texts))}"


def test_a_missing_key_is_an_error_not_free_text() -> None:
    with pytest.raises(messages.MissingMessage):
        messages.text("no_such_key", "nb")


# The languages issue: the twelve largest immigrant languages each have opening lines.
IMMIGRANT_LANGUAGES = ("pl", "lt", "uk", "ru", "ar", "so", "ti", "ur", "fa", "tr", "th", "ro")
OWN_LINE_PLACEHOLDERS = {"emergency": {"police", "medical"}, "service_own_language": {"name"},
                         "service_interpreter": {"name"}}


def test_the_twelve_largest_immigrant_languages_have_opening_lines() -> None:
    assert set(IMMIGRANT_LANGUAGES) <= set(messages.own_line_languages())


@pytest.mark.parametrize("language", messages.own_line_languages())
def test_every_own_language_catalogue_has_every_key_and_awaits_native_review(language: str) -> None:
    catalogue = messages.own_catalogue(language)
    assert set(catalogue) == set(messages.OWN_LINE_KEYS), language
    for key, entry in catalogue.items():
        assert entry["text"].strip(), f"{language}/{key} is empty"
        assert entry["review"] == "needs_native_review", f"{language}/{key}"
        assert _placeholders(entry["text"]) == OWN_LINE_PLACEHOLDERS.get(key, set()), f"{language}/{key}"


def test_dari_writers_read_the_persian_catalogue() -> None:
    assert messages.own_catalogue("prs") == messages.own_catalogue("fa")


def test_our_four_languages_have_no_own_line_catalogue() -> None:
    assert all(messages.own_catalogue(language) is None for language in messages.LANGUAGES)
    assert messages.own_catalogue("xx") is None and messages.own_catalogue("../nb") is None
