"""Every sentence the bot sends, looked up in the reviewed catalogues under languages/<lang>/."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Mapping

import yaml

from knowledge.ranking import LANGUAGE_FAMILY

LANGUAGES_DIR = Path(__file__).resolve().parent.parent / "languages"
LANGUAGES = ("nb", "nn", "en", "se")
DEFAULT_LANGUAGE = "nb"
# Writers whose opening lines live in another language's folder: Dari reads the Persian catalogue,
# as the helpline catalogue files Dari under Persian (knowledge.ranking.LANGUAGE_FAMILY).
CATALOGUE_ALIASES = LANGUAGE_FAMILY
# The keys every own-language catalogue (languages/<code>/messages.yml outside LANGUAGES) has.
OWN_LINE_KEYS = ("language_name", "emergency", "guide_languages", "interpreter", "anonymous", "free",
                 "service_own_language", "service_interpreter")


class MissingMessage(KeyError):
    """A key is absent from a catalogue: a lint failure, never something to paper over."""


def read_catalogue(path: Path) -> Mapping[str, Dict[str, Any]]:
    """The `messages` mapping of one messages.yml file: {key: {text, review}}."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]


@lru_cache(maxsize=None)
def catalogue(language: str) -> Mapping[str, Dict[str, Any]]:
    """The `messages` mapping of languages/<language>/messages.yml."""
    return read_catalogue(LANGUAGES_DIR / _known(language) / "messages.yml")


@lru_cache(maxsize=None)
def service_texts(language: str) -> Mapping[str, Dict[str, Any]]:
    """Per-service `name` and `purpose` from languages/<language>/services.yml."""
    path = LANGUAGES_DIR / _known(language) / "services.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["services"]


def _known(language: str) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def catalogue_code(language: str) -> str:
    """The folder under languages/ that serves writers of `language` (prs -> fa)."""
    return CATALOGUE_ALIASES.get(language, language)


def own_line_languages() -> tuple:
    """Languages with a short own-language catalogue: every languages/<code>/messages.yml beyond our four."""
    return tuple(sorted(p.parent.name for p in LANGUAGES_DIR.glob("*/messages.yml") if p.parent.name not in LANGUAGES))


@lru_cache(maxsize=None)
def own_catalogue(language: str):
    """The own-language catalogue for a writer of `language`, or None where there is none."""
    code = catalogue_code(language)
    if code in LANGUAGES or not code.isalpha():
        return None
    path = LANGUAGES_DIR / code / "messages.yml"
    return read_catalogue(path) if path.is_file() else None


def own_text(key: str, language: str, **values: Any) -> str:
    """An opening line in the writer's own language (see triage.languages)."""
    entries = own_catalogue(language) or {}
    if key not in entries:
        raise MissingMessage(f"{key!r} is missing in languages/{catalogue_code(language)}/messages.yml")
    template = entries[key]["text"]
    return template.format(**values) if values else template


def text(key: str, language: str, **values: Any) -> str:
    """The catalogue text for `key` in `language`, with its placeholders filled."""
    try:
        template = catalogue(language)[key]["text"]
    except KeyError as error:
        raise MissingMessage(f"{key!r} is missing in languages/{_known(language)}/messages.yml") from error
    return template.format(**values) if values else template


def service_name(service_id: str, language: str, fallback: str) -> str:
    entry = service_texts(language).get(service_id) or {}
    return entry.get("name") or fallback


def service_purpose(service_id: str, language: str) -> str:
    entry = service_texts(language).get(service_id) or {}
    return entry.get("purpose") or ""


def all_catalogue_texts() -> Dict[str, set]:
    """Every template per language, own-language lines included, for the guard test that no bot line is free text."""
    texts = {lang: {entry["text"] for entry in catalogue(lang).values()} for lang in LANGUAGES}
    for lang in own_line_languages():
        texts[lang] = {entry["text"] for entry in (own_catalogue(lang) or {}).values()}
    return texts
