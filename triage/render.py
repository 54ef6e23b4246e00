"""Turn offers and emergency numbers into catalogue sentences in the user's language."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional, Sequence

from triage import messages

ANONYMITY_KEYS = {
    "full": "anonymous_full",
    "number_visible": "anonymous_number_visible",
    "not_anonymous": "anonymous_not",
}


def render_emergency(emergency: Sequence[Dict[str, str]], language: str, channel: str) -> str:
    """The first line of an acute reply: 112, 113 or both."""
    numbers = {entry["service"]: entry["number"] for entry in emergency}
    police, medical = numbers.get("politi-112"), numbers.get("amk-113")
    if channel == "sms":
        return messages.text("emergency_sms_short", language, police=police or "112", medical=medical or "113")
    if police and medical:
        return messages.text("emergency_both", language, police=police, medical=medical)
    if medical:
        return messages.text("emergency_medical", language, medical=medical)
    return messages.text("emergency_police", language, police=police or "112")


def render_offers(offers: Sequence[Any], language: str, at: datetime) -> List[str]:
    """One message per offer: who it is for, how to reach it, open status, anonymity."""
    return [render_offer(offer, language, at) for offer in offers]


def render_offer(offer: Any, language: str, at: datetime) -> str:
    name = messages.service_name(offer.service, language, offer.name)
    purpose = messages.service_purpose(offer.service, language)
    headline = messages.text("service_line", language, name=name, purpose=purpose) if purpose else name
    details = [
        messages.text(f"contact_{offer.channel}", language, contact=offer.contact or ""),
        status(offer, language, at),
        busy_note(offer, language, at),
    ]
    anonymity = ANONYMITY_KEYS.get(getattr(offer, "anonymity", "full"))
    if anonymity:
        details.append(messages.text(anonymity, language))
    return headline + "\n" + " · ".join(d for d in details if d)


def status(offer: Any, language: str, at: datetime) -> str:
    """Open day and night / open until HH:MM / closed, opens <when>."""
    if offer.open_now:
        if getattr(offer, "always_open", False) or offer.closes_at is None:
            return messages.text("status_open_always" if getattr(offer, "always_open", False) else "status_open_now", language)
        return messages.text("status_open_until", language, time=_clock(offer.closes_at))
    if offer.opens_at:
        return messages.text("status_closed_opens", language, when=when(offer.opens_at, language, at))
    return messages.text("status_closed", language)


def busy_note(offer: Any, language: str, at: datetime) -> str:
    """The catalogue sentence for a line its service reports busy; empty otherwise.

    It points to the phone only when the same service has a phone line open now.
    """
    if not getattr(offer, "busy", False):
        return ""
    phone_open = offer.channel != "phone" and _phone_open(offer.service, at)
    return messages.text("status_busy_try_phone" if phone_open else "status_busy", language)


def _phone_open(service_id: str, at: datetime) -> bool:
    import knowledge
    from knowledge.status_store import live_statuses

    catalogue = knowledge.load_catalogue()
    phones = [c for c in catalogue.service(service_id).channels if c.type == "phone" and c.contact]
    statuses = live_statuses() if phones else []
    return any(catalogue.live_hours(service_id, c.id, statuses).is_open(at) and
               not catalogue.live_hours(service_id, c.id, statuses).busy(at) for c in phones)


def when(moment: datetime, language: str, now: datetime) -> str:
    """today at / tomorrow at / <weekday> at, relative to `now` in Oslo time."""
    now_local = now.astimezone(moment.tzinfo) if now.tzinfo else now.replace(tzinfo=moment.tzinfo)
    days = (moment.date() - now_local.date()).days
    if days == 0:
        return messages.text("when_today", language, time=_clock(moment))
    if days == 1:
        return messages.text("when_tomorrow", language, time=_clock(moment))
    weekday = messages.text(f"weekday_{moment.weekday()}", language)
    return messages.text("when_weekday", language, weekday=weekday, time=_clock(moment))


def _clock(moment: Optional[datetime]) -> str:
    return moment.strftime("%H:%M") if moment else ""

