"""Which phone numbers in a turn's replies are links, taken from the handover data.

The widget makes `tel:` links from this list, never by guessing numbers out of a sentence: a
number is a link because the catalogue says it is a phone contact (an offer, an emergency
number, or another phone contact the catalogue records), and the link text is the contact
exactly as the sentence shows it.
"""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Tuple

import phonenumbers

import knowledge

PHONE_CHANNELS = ("phone",)


def tel_href(contact: str) -> str:
    """`tel:+47…` for a full Norwegian number, `tel:<digits>` for a short number (112, 116 111)."""
    digits = re.sub(r"\D", "", contact)
    try:
        number = phonenumbers.parse(digits, "NO")
    except phonenumbers.NumberParseException:
        return f"tel:{digits}"
    if len(digits) >= 8 and phonenumbers.is_valid_number(number):
        return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"tel:{digits}"


@lru_cache(maxsize=1)
def catalogue_phone_contacts() -> Tuple[Tuple[str, str], ...]:
    """(service, contact) for every phone channel the catalogue records with a number."""
    entries = knowledge.list_services(datetime(2026, 1, 1))
    seen: Dict[str, str] = {}
    for entry in entries:
        if entry["channel"] in PHONE_CHANNELS and entry["contact"]:
            seen.setdefault(entry["contact"], entry["service"])
    return tuple((service, contact) for contact, service in seen.items())


def _occurs(contact: str, text: str) -> bool:
    """The contact as a whole number in the text: not part of a longer run of digits."""
    return re.search(rf"(?<![\d+]){re.escape(contact)}(?![\d])", text) is not None


def links_for(texts: Iterable[str], emergency: Iterable[Dict[str, str]], offers: Iterable[Any]) -> List[Dict[str, str]]:
    """One link per phone contact shown in `texts`: this turn's emergency numbers and phone
    offers first, then any other phone contact of the catalogue that a sentence names."""
    candidates: List[Tuple[str, str, str]] = []  # (service, channel, contact)
    candidates += [(e["service"], "phone", e["number"]) for e in emergency]
    candidates += [(o.service, o.channel, o.contact) for o in offers if o.channel in PHONE_CHANNELS and o.contact]
    candidates += [(service, "phone", contact) for service, contact in catalogue_phone_contacts()]
    joined = "\n".join(texts)
    links: List[Dict[str, str]] = []
    shown = set()
    for service, channel, contact in candidates:
        if contact in shown or not _occurs(contact, joined):
            continue
        shown.add(contact)
        links.append({"text": contact, "href": tel_href(contact), "service": service, "channel": channel})
    return links
