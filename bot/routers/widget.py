"""The web widget: its script and style at a pinned URL, its strings, and the test pages."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import yaml
from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, JSONResponse

from triage.contact_links import links_for

ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = ROOT / "bot" / "static"
LANGUAGES_DIR = ROOT / "languages"
WIDGET_LANGUAGES = ("nb", "nn", "en", "se")
STRING_PREFIXES = ("widget_", "language_name_")
# Bot sentences the widget also shows itself: the opening message and its own error lines.
SHARED_KEYS = ("greeting", "greeting_invite", "error_try_again", "input_too_long", "rate_limited")
# Keys the widget cannot do without; the tests check each catalogue has them all.
REQUIRED_STRINGS = (
    "widget_title", "widget_open", "widget_close", "widget_quick_exit", "widget_quick_exit_notice",
    "widget_start_again", "widget_send", "widget_input_label", "widget_night_mode",
    "widget_language", "widget_bot_label", "widget_user_label", "widget_typing",
) + SHARED_KEYS + tuple(f"language_name_{lang}" for lang in WIDGET_LANGUAGES)

router = APIRouter(tags=["widget"])


@router.get("/widget/v1/hjelpelos.js", include_in_schema=False)
def widget_script() -> FileResponse:
    return _pinned("hjelpelos.js", "text/javascript; charset=utf-8")


@router.get("/widget/v1/hjelpelos.css", include_in_schema=False)
def widget_style() -> FileResponse:
    return _pinned("hjelpelos.css", "text/css; charset=utf-8")


@router.get("/widget/v1/strings/{lang}.json")
def widget_strings(lang: str) -> JSONResponse:
    """The widget's words from the reviewed catalogue, read per request so edits show at once."""
    if lang not in WIDGET_LANGUAGES:
        raise HTTPException(status_code=404, detail="unknown language")
    return JSONResponse(load_widget_strings(lang))


@router.get("/pages/{name}.html", include_in_schema=False)
def test_page(name: str) -> FileResponse:
    """Host pages for trying the widget: one like an adult site, one like a youth site."""
    return _page(name, "html", "text/html; charset=utf-8")


@router.get("/pages/{name}.css", include_in_schema=False)
def test_page_style(name: str) -> FileResponse:
    """The test pages' own style, a file rather than inline (the pages' CSP allows no inline)."""
    return _page(name, "css", "text/css; charset=utf-8")


def _page(name: str, extension: str, media_type: str) -> FileResponse:
    if name not in ("adult", "youth"):
        raise HTTPException(status_code=404, detail="no such page")
    return FileResponse(STATIC_DIR / "pages" / f"{name}.{extension}", media_type=media_type)


def load_widget_strings(lang: str) -> Dict[str, Any]:
    """`widget_*`, `language_name_*` and the shared texts of one language's message catalogue."""
    path = LANGUAGES_DIR / lang / "messages.yml"
    if not path.is_file():
        raise HTTPException(status_code=404, detail="no catalogue for this language")
    messages: Dict[str, Any] = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("messages") or {}
    strings: Dict[str, Any] = {}
    for key, entry in messages.items():
        if str(key).startswith(STRING_PREFIXES) or key in SHARED_KEYS:
            text = entry.get("text") if isinstance(entry, dict) else entry
            if isinstance(text, str):
                strings[str(key)] = text.strip()
    # The phone numbers these texts name (112 in the error lines), as the catalogue records them.
    strings["links"] = links_for(list(strings.values()), [], [])
    return strings


def _pinned(name: str, media_type: str) -> FileResponse:
    """A versioned file (a breaking change ships as v2); caching: bot/security.py says no-store."""
    return FileResponse(STATIC_DIR / "widget" / name, media_type=media_type)
