"""What a translation must keep from its Bokmål source: placeholders, numbers, service names, and
no phone number or web address that the knowledge catalogue does not have.

A reviewer may reword anything else; these are the parts a person in danger acts on.
"""
from __future__ import annotations

import re
import string
from collections import Counter
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Tuple

from knowledge.catalogue import load_catalogue

_NUMBER = re.compile(r"\d+(?:[ \u00a0]\d+)*")
_URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)+(?:no|com|org|net|info)\b(?:/[^\s»\"')]*)?", re.IGNORECASE)
PHONE_DIGITS = 3  # 112 is the shortest number a person may be told to call


def placeholders(text: str) -> Tuple[Optional[List[str]], Optional[str]]:
    """The sorted `{fields}` of a template, or an error when its braces do not parse."""
    try:
        return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name is not None}), None
    except ValueError as error:
        return None, f"braces do not parse ({error}); write placeholders exactly as {{name}}"


def numbers(text: str) -> List[str]:
    """Every number in a text, digits only ("116 111" and "116111" are the same number)."""
    return sorted(re.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(_without_placeholders(text)))


def urls(text: str) -> List[str]:
    return [_normal_url(m.group()) for m in _URL.finditer(text)]


def _without_placeholders(text: str) -> str:
    return re.sub(r"\{\w*\}", " ", text)


def _normal_url(url: str) -> str:
    url = re.sub(r"^https?://", "", url.lower()).rstrip("/.")
    return url[4:] if url.startswith("www.") else url


@lru_cache(maxsize=1)
def known_contacts() -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
    """(phone digits, addresses, host names) of every channel in knowledge/catalogue.yaml."""
    phones, addresses, hosts = set(), set(), set()
    for service in load_catalogue().services.values():
        for channel in service.channels:
            contact = channel.contact or ""
            digits = re.sub(r"\D", "", contact)
            if channel.type in ("phone", "sms", "whatsapp") and digits:
                phones.add(digits)
            for address in urls(contact):
                addresses.add(address)
                hosts.add(address.split("/")[0])
            if "@" in contact:
                hosts.add(contact.split("@", 1)[1].lower())
    return frozenset(phones), frozenset(addresses), frozenset(hosts)


@lru_cache(maxsize=1)
def service_names() -> Dict[str, Dict[str, str]]:
    """Each service's names per language, as the knowledge catalogue gives them."""
    return {sid: dict(service.names) for sid, service in load_catalogue().services.items()}


def expected_service_name(service_id: str, language: str) -> Optional[str]:
    names = service_names().get(service_id)
    return (names.get(language) or names.get("nb")) if names else None


def problems(source: str, translation: str, language: str, service_name_of: Optional[str] = None) -> List[str]:
    """Why `translation` may not replace the catalogue text translating `source`; empty when it may."""
    if not translation.strip():
        return ["the translation is empty"]
    found: List[str] = []
    wanted, error = placeholders(source)
    got, error_here = placeholders(translation)
    if error_here:
        found.append(error_here)
    elif wanted is not None and got != wanted:
        found.append(f"placeholders {_braced(got)} differ from the source's {_braced(wanted)}")
    if service_name_of is None:
        found += _number_problems(source, translation)
    phones, addresses, hosts = known_contacts()
    for number in numbers(translation):
        if len(number) >= PHONE_DIGITS and number not in phones:
            found.append(f"{number} is not a phone number in knowledge/catalogue.yaml")
    for address in urls(translation):
        if address not in addresses and address.split("/")[0] not in hosts:
            found.append(f"{address} is not an address in knowledge/catalogue.yaml")
    if service_name_of is not None:
        expected = expected_service_name(service_name_of, language)
        if expected is None:
            found.append(f"{service_name_of} is not a service in knowledge/catalogue.yaml")
        elif translation != expected:
            found.append(f"the service name must be {expected!r}, as knowledge/catalogue.yaml names it")
    for names in service_names().values() if service_name_of is None else ():
        if names.get("nb") and names["nb"] in source and not any(n in translation for n in names.values()):
            found.append(f"the service name {names['nb']!r} is missing")
    return found


def _number_problems(source: str, translation: str) -> List[str]:
    """Phone numbers exactly as in the source; every other number of the source kept (ages, hours).

    A translation may write a small number the source says in words ("et døgn" -> "24 diimmu").
    """
    found: List[str] = []
    long_source = [n for n in numbers(source) if len(n) >= PHONE_DIGITS]
    long_here = [n for n in numbers(translation) if len(n) >= PHONE_DIGITS]
    if long_here != long_source:
        found.append(f"phone numbers {long_here or 'none'} differ from the source's {long_source or 'none'}")
    short = [Counter(n for n in numbers(text) if len(n) < PHONE_DIGITS) for text in (source, translation)]
    missing = short[0] - short[1]
    if missing:
        found.append(f"the number(s) {sorted(missing.elements())} of the source are missing")
    return found


def _braced(names: Optional[List[str]]) -> str:
    return ", ".join("{" + n + "}" for n in names or []) or "none"
