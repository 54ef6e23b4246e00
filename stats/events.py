"""A demand event: what one handover decision says about need, and nothing about the person.

The event holds the date and the hour of the week in Europe/Oslo (never the exact time), the
language, topic, urgency, an age band, the channel, the outcome and the services offered.
Identical events are counted together by the store, so no order or link between them is kept.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, Dict, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")
AGE_BANDS = ("under_13", "13_15", "16_17", "18_25", "26_64", "65_plus", "unknown")
# Upper bounds (inclusive) of the banded ages, in the order of AGE_BANDS.
_AGE_LIMITS = ((12, "under_13"), (15, "13_15"), (17, "16_17"), (25, "18_25"), (64, "26_64"))
CHANNELS = ("widget", "rest", "socketio", "sms", "api")
OUTCOMES = ("emergency", "best_fit_open", "best_fit_closed_alternative_open", "nothing_fitting_open")
UNMET = ("best_fit_closed_alternative_open", "nothing_fitting_open")


def age_band(age: Optional[int]) -> str:
    """The band of an age in years; None (not told) is `unknown`."""
    if age is None:
        return "unknown"
    for limit, band in _AGE_LIMITS:
        if age <= limit:
            return band
    return "65_plus"


def oslo_moment(at: datetime) -> datetime:
    """An aware instant as Oslo wall time; a naive one is taken as Oslo time already."""
    return at.replace(tzinfo=OSLO) if at.tzinfo is None else at.astimezone(OSLO)


def hour_of_week(at: datetime) -> int:
    """0 = Monday 00:00-00:59 ... 167 = Sunday 23:00-23:59, Oslo wall time (DST followed)."""
    local = oslo_moment(at)
    return local.weekday() * 24 + local.hour


@dataclass(frozen=True)
class DemandEvent:
    """One handover decision, as the statistics keep it."""

    date: str  # ISO date in Oslo
    hour_of_week: int
    language: str
    reply_language: str
    topic: str
    urgency: str
    age_band: str
    channel: str
    outcome: str
    services: str  # the offered service ids, sorted, comma-separated

    @classmethod
    def create(cls, at: datetime, *, language: str, reply_language: str, topic: str, urgency: str,
               age: Optional[int], channel: str, outcome: str, services: Sequence[str]) -> "DemandEvent":
        """Coarsen a decision's facts: the instant to a date and an hour of week, the age to a band."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        local = oslo_moment(at)
        return cls(local.date().isoformat(), hour_of_week(local), language, reply_language, topic,
                   urgency, age_band(age), channel, outcome, ",".join(sorted(set(services))))

    def key(self) -> Tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    def as_dict(self) -> Dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


EVENT_FIELDS = tuple(f.name for f in fields(DemandEvent))
# What is kept after retention: the day, without hour of week and services.
DAILY_FIELDS = tuple(f for f in EVENT_FIELDS if f not in ("hour_of_week", "services"))


def parse_day(text: str) -> date:
    """An ISO date for the command line and the report; a clear error otherwise."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"not a date like 2026-12-24: {text!r}") from error
