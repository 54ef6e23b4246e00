"""Every sentence the bot sends, looked up in the reviewed catalogues under languages/<lang>/."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Mapping

import yaml

LANGUAGES_DIR = Path(__file__).resolve().parent.parent / "languages"
LANGUAGES = ("nb", "nn", "en", "se")
DEFAULT_LANGUAGE = "nb"


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
    """Every template per language, for the guard test that no bot line is free text."""
    return {lang: {entry["text"] for entry in catalogue(lang).values()} for lang in LANGUAGES}
