"""A service's languages and interpreter offer in Open Referral HSDS 3.0 terms.

HSDS keeps the two apart: `languages` lists the languages a service is delivered in ("not
languages which can only be used with interpretation"), and `interpretation_services` is free
text about interpreters. The catalogue records both per channel from appendix B of seed 000;
this module maps them, so the directory export and the language-aware ranking read one source.
"""
from __future__ import annotations

import uuid
from typing import Any, Dict, List, Optional

from knowledge.schema import Service

# A stable namespace, so the same service and language always get the same HSDS id.
HSDS_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://hjelpelos.no/hsds")
# English names (HSDS `name`) of the codes the catalogue uses.
LANGUAGE_NAMES = {
    "nb": "Norwegian Bokmål", "nn": "Norwegian Nynorsk", "en": "English", "se": "Northern Sami",
    "smj": "Lule Sami", "sma": "Southern Sami", "ar": "Arabic", "es": "Spanish", "fr": "French",
    "so": "Somali", "fa": "Persian", "prs": "Dari", "pl": "Polish", "lt": "Lithuanian",
    "uk": "Ukrainian", "ru": "Russian", "ti": "Tigrinya", "ur": "Urdu", "tr": "Turkish",
    "th": "Thai", "ro": "Romanian", "ku": "Kurdish", "ja": "Japanese",
}


def hsds_id(*parts: str) -> str:
    return str(uuid.uuid5(HSDS_NAMESPACE, "/".join(parts)))


def service_languages(service: Service) -> List[Dict[str, Any]]:
    """HSDS `language` objects: every language any of the service's channels is delivered in."""
    codes: List[str] = list(service.languages)
    for channel in service.channels:
        codes += [c for c in (channel.languages or []) if c not in codes]
    entries = []
    for code in codes:
        entry = {"id": hsds_id(service.id, "language", code), "service_id": hsds_id(service.id),
                 "name": LANGUAGE_NAMES.get(code, code), "code": code}
        note = _channels_in(service, code)
        if note:
            entry["note"] = note
        entries.append(entry)
    return entries


def interpretation_services(service: Service) -> Optional[str]:
    """HSDS `interpretation_services`: which channels bring an interpreter, for which languages."""
    parts = []
    for channel in service.channels:
        named = ", ".join(LANGUAGE_NAMES.get(c, c) for c in channel.interpreter)
        if channel.interpreter_on_request and named:
            parts.append(f"{channel.type}: an interpreter on request; named: {named}")
        elif channel.interpreter_on_request:
            parts.append(f"{channel.type}: an interpreter on request")
        elif named:
            parts.append(f"{channel.type}: interpreter for {named}")
    return "; ".join(parts) + f" (source: {service.source})" if parts else None


def _channels_in(service: Service, code: str) -> Optional[str]:
    """Which channels use `code`, where not all of them do."""
    using = [c.type for c in service.channels if code in (c.languages or service.languages)]
    return None if len(using) == len(service.channels) else "channels: " + ", ".join(using)
