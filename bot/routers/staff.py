"""/staff/: the page where a helpline signs in with its token and reports a channel's status.

Rendered here from `languages/<nb|en>/staff.yml`; its script and style are served from this
origin only, and a Content-Security-Policy forbids anything else (no third-party requests).
The token is kept in the page's memory, never in storage or cookies.
"""
from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml
from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse

ROOT = Path(__file__).resolve().parents[2]
STAFF_DIR = ROOT / "bot" / "static" / "staff"
LANGUAGES_DIR = ROOT / "languages"
STAFF_LANGUAGES = ("nb", "en")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}

router = APIRouter(tags=["staff"])


@lru_cache(maxsize=None)
def staff_strings(lang: str) -> Dict[str, str]:
    """The page's words in `lang` (nb or en)."""
    path = LANGUAGES_DIR / lang / "staff.yml"
    return {k: str(v).strip() for k, v in yaml.safe_load(path.read_text(encoding="utf-8"))["strings"].items()}


@router.get("/staff/", response_class=HTMLResponse, include_in_schema=False)
def staff_page(lang: str = Query("nb")) -> HTMLResponse:
    if lang not in STAFF_LANGUAGES:
        raise HTTPException(404, "the staff page is in nb and en")
    strings = staff_strings(lang)
    other = "en" if lang == "nb" else "nb"
    page = (STAFF_DIR / "index.html").read_text(encoding="utf-8")
    values = {f"s_{k}": html.escape(v) for k, v in strings.items()}
    values.update(lang=lang, other_lang=other,
                  strings_json=json.dumps(strings, ensure_ascii=False)
                  .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    for key, value in values.items():
        page = page.replace("{{" + key + "}}", value)
    return HTMLResponse(page, headers=SECURITY_HEADERS)


@router.get("/staff/staff.js", include_in_schema=False)
def staff_script() -> FileResponse:
    return FileResponse(STAFF_DIR / "staff.js", media_type="text/javascript; charset=utf-8", headers=SECURITY_HEADERS)


@router.get("/staff/staff.css", include_in_schema=False)
def staff_style() -> FileResponse:
    return FileResponse(STAFF_DIR / "staff.css", media_type="text/css; charset=utf-8", headers=SECURITY_HEADERS)
