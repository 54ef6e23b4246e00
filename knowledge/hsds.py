"""The catalogue as an Open Referral HSDS 3.0 directory, so dinutvei.no and ung.no can reuse it.

One HSDS `service` per catalogue service: `phones` and `contacts` for each channel, `schedules`
from the opening hours (knowledge.hsds_schedules), `languages` and `interpretation_services`
(knowledge.hsds_languages), the age range, and `alert` for a status the service reported that
is in force. The alert's words come from the message catalogues, never from the reporter.
"""
from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any, Callable, Dict, List, Optional, Sequence

from knowledge.catalogue import Catalogue, service_name
from knowledge.hours import OSLO
from knowledge.hsds_languages import hsds_id, interpretation_services, service_languages
from knowledge.hsds_schedules import channel_schedules
from knowledge.schema import Channel, Service, verified_on
from knowledge.status import LineStatus

# One-to-one fields: what a service looks like in a list (HSDS service_list.json).
LIST_FIELDS = ("id", "name", "alternate_name", "description", "url", "email", "status", "interpretation_services",
               "fees_description", "eligibility_description", "minimum_age", "maximum_age", "alert",
               "last_modified", "organization")
PHONE_TYPES = {"phone": "voice", "sms": "text", "whatsapp": "text"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_URL = re.compile(r"^https?://\S+$")

# (key, language, **values) -> text: the message catalogue lookup, passed in by the caller so
# this package does not depend on triage/.
Texts = Callable[..., str]


def hsds_service(catalogue: Catalogue, service: Service, at: datetime, statuses: Sequence[LineStatus],
                 texts: Texts, lang: str = "nb", nested: bool = True) -> Dict[str, Any]:
    """One fully nested HSDS service (service.json); `nested` False gives the list form."""
    sid = hsds_id(service.id)
    record: Dict[str, Any] = {
        "id": sid,
        "name": service_name(service, lang),
        "alternate_name": service.id,
        "description": service.description,
        "status": _status(catalogue, service, at, statuses),
        "organization": {"id": hsds_id("organization", service.organisation), "name": service.organisation,
                         "description": service.organisation},
        "last_modified": f"{verified_on(service.last_verified).isoformat()}T00:00:00Z",
        "phones": [], "contacts": [], "schedules": [],
        "languages": service_languages(service),
    }
    url = next((c.contact for c in service.channels if c.contact and _URL.match(c.contact) and c.type == "web"), None) \
        or next((c.contact for c in service.channels if c.contact and _URL.match(c.contact)), None)
    email = next((c.contact for c in service.channels if c.contact and _EMAIL.match(c.contact)), None)
    optional = {
        "url": url, "email": email,
        "interpretation_services": interpretation_services(service),
        "fees_description": "Free of charge" if service.free else None,
        "eligibility_description": _eligibility(service),
        "minimum_age": service.min_age, "maximum_age": service.max_age,
        "alert": _alert(catalogue, service, at, statuses, texts, lang),
    }
    record.update({k: v for k, v in optional.items() if v is not None})
    if not nested:
        return hsds_service_list_item(record)
    for channel in service.channels:
        record["schedules"] += channel_schedules(service.id, channel.id, channel.type,
                                                 catalogue.schedule(service.id, channel.id), at.date())
        if not channel.contact:
            continue
        phone = _phone(service, channel) if channel.type in PHONE_TYPES else None
        if phone:
            record["phones"].append(phone)
        record["contacts"].append(_contact(service, channel, lang, phone))
    return record


def hsds_service_list_item(full: Dict[str, Any]) -> Dict[str, Any]:
    """The list form (service_list.json): the one-to-one fields of a full service."""
    return {k: full[k] for k in LIST_FIELDS if k in full}


def page(items: List[Dict[str, Any]], page_number: int, per_page: int) -> Dict[str, Any]:
    """The HSDS paginated wrapper (openapi.json `Page`) around one page of `items`."""
    total_pages = max(math.ceil(len(items) / per_page), 1)
    contents = items[(page_number - 1) * per_page: page_number * per_page]
    return {"total_items": len(items), "total_pages": total_pages, "page_number": page_number,
            "size": len(contents), "first_page": page_number == 1, "last_page": page_number >= total_pages,
            "empty": not contents, "contents": contents}


def _phone(service: Service, channel: Channel) -> Optional[Dict[str, Any]]:
    number = re.sub(r"[^\d+]", "", channel.contact or "")
    if not number:
        return None
    return {"id": hsds_id(service.id, channel.id, "phone"), "service_id": hsds_id(service.id),
            "number": channel.contact, "type": PHONE_TYPES[channel.type],
            "description": f"{channel.type} ({channel.id})" + (f": {channel.note}" if channel.note else "")}


def _contact(service: Service, channel: Channel, lang: str, phone: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    contact: Dict[str, Any] = {"id": hsds_id(service.id, channel.id, "contact"), "service_id": hsds_id(service.id),
                               "name": f"{service_name(service, lang)} – {channel.type}: {channel.contact}",
                               "title": channel.type, "department": channel.id}
    if channel.contact and _EMAIL.match(channel.contact):
        contact["email"] = channel.contact
    if phone:
        contact["phones"] = [phone]
    return contact


def _eligibility(service: Service) -> Optional[str]:
    lo, hi = service.min_age, service.max_age
    if lo is None and hi is None:
        return None
    if lo is None:
        return f"Up to {hi} years"
    if hi is None:
        return f"From {lo} years"
    return f"From {lo} to {hi} years"


def _in_force(catalogue: Catalogue, service: Service, at: datetime,
              statuses: Sequence[LineStatus]) -> Dict[str, Optional[LineStatus]]:
    """Per channel id: the reported status that decides `at`, if any."""
    found = {}
    for channel in service.channels:
        hours = catalogue.live_hours(service.id, channel.id, statuses)
        state = hours.state(at)
        found[channel.id] = next((s for s in hours.in_force(at) if s.state == state), None) if state else None
    return found


def _status(catalogue: Catalogue, service: Service, at: datetime, statuses: Sequence[LineStatus]) -> str:
    forced = _in_force(catalogue, service, at, statuses)
    closed = [s for s in forced.values() if s and s.state == "closed"]
    return "temporarily closed" if service.channels and len(closed) == len(service.channels) else "active"


def _alert(catalogue: Catalogue, service: Service, at: datetime, statuses: Sequence[LineStatus],
           texts: Texts, lang: str) -> Optional[str]:
    lines = []
    for channel_id, status in _in_force(catalogue, service, at, statuses).items():
        channel = catalogue.channel(service.id, channel_id)
        if status:
            until = status.until.astimezone(OSLO).strftime("%Y-%m-%d %H:%M")
            line = texts(f"status_alert_{status.state}", lang, channel=channel.type, until=until)
            if line not in lines:
                lines.append(line)
    return "; ".join(lines) or None
