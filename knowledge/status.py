"""Live status of a channel, as the service reports it, laid over the regular opening hours.

A service may say a channel is `closed` (short-staffed, a holiday), `busy` (a long queue) or
`open` (an extra opening) from one time until another. Routing asks `LiveHours` instead of the
bare `Schedule`, so every entry point (CLI, HTTP, dialogue, SMS) honours the same statuses:
closed beats everything, an extra opening beats the regular hours, and busy only marks a line
that is open anyway. Emergency numbers never get a status (the caller passes none for them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterable, List, Optional, Sequence

from knowledge.hours import HORIZON, OSLO, Schedule, TimeLike, to_oslo

STATES = ("closed", "busy", "open")
REASONS = ("queue", "staff", "technical", "holiday", "extra_opening")
MAX_SPAN = timedelta(days=31)  # a status expires by itself after at most this long
_MAX_STEPS = 400  # bound on the walk over change points in next_open/closes_at


@dataclass(frozen=True)
class LineStatus:
    """One reported status: `state` holds for `start <= t < until` on one service's channel.

    `channel` is a channel type (every channel of that type) or a catalogue channel id.
    """

    id: str
    service: str
    channel: str
    state: str
    start: datetime
    until: datetime
    reason: Optional[str] = None
    token_id: Optional[str] = None
    created: Optional[datetime] = None

    def covers(self, at: datetime) -> bool:
        return self.start <= at < self.until

    def applies_to(self, service_id: str, channel_id: str, channel_type: str) -> bool:
        return self.service == service_id and self.channel in (channel_id, channel_type)

    def to_dict(self) -> Dict[str, Any]:
        """JSON-ready; times in Europe/Oslo with offset."""
        return {
            "id": self.id, "service": self.service, "channel": self.channel, "state": self.state,
            "from": self.start.astimezone(OSLO).isoformat(), "until": self.until.astimezone(OSLO).isoformat(),
            "reason": self.reason, "token_id": self.token_id,
            "created": self.created.astimezone(OSLO).isoformat() if self.created else None,
        }

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "LineStatus":
        created = data.get("created")
        return cls(id=data["id"], service=data["service"], channel=data["channel"], state=data["state"],
                   start=to_oslo(data["from"]), until=to_oslo(data["until"]), reason=data.get("reason"),
                   token_id=data.get("token_id"), created=to_oslo(created) if created else None)


@dataclass
class LiveHours:
    """A channel's regular `Schedule` with its reported statuses laid over it.

    Answers the same questions as `Schedule` (is_open, next_open, closes_at, always_open), so
    ranking and the Directory use it in its place.
    """

    schedule: Schedule
    statuses: Sequence[LineStatus] = field(default_factory=tuple)

    @property
    def always_open(self) -> bool:
        """Open around the clock, with no closing reported at any time."""
        return self.schedule.always_open and not any(s.state == "closed" for s in self.statuses)

    def always_open_at(self, at: TimeLike = None) -> bool:
        """Open around the clock, with no closing reported between `at` and a day later."""
        at = to_oslo(at)
        soon = at + timedelta(days=1)
        return self.schedule.always_open and not any(
            s.state == "closed" and s.until > at and s.start < soon for s in self.statuses)

    def in_force(self, at: TimeLike = None) -> List[LineStatus]:
        at = to_oslo(at)
        return [s for s in self.statuses if s.covers(at)]

    def state(self, at: TimeLike = None) -> Optional[str]:
        """The reported state that decides `at` (closed > open > busy), or None."""
        states = {s.state for s in self.in_force(at)}
        return next((s for s in ("closed", "open", "busy") if s in states), None)

    def is_open(self, at: TimeLike = None) -> bool:
        at = to_oslo(at)
        states = {s.state for s in self.in_force(at)}
        if "closed" in states:
            return False
        return "open" in states or self.schedule.is_open(at)

    def busy(self, at: TimeLike = None) -> bool:
        """Open, but the service reports a long wait."""
        at = to_oslo(at)
        return self.is_open(at) and any(s.state == "busy" for s in self.in_force(at))

    def next_open(self, at: TimeLike = None) -> Optional[datetime]:
        at = to_oslo(at)
        if not self.statuses:
            return self.schedule.next_open(at)
        return at if self.is_open(at) else self._next_where(at, True)

    def closes_at(self, at: TimeLike = None) -> Optional[datetime]:
        at = to_oslo(at)
        if not self.statuses:
            return self.schedule.closes_at(at)
        return self._next_where(at, False) if self.is_open(at) else None

    def _next_where(self, at: datetime, want_open: bool) -> Optional[datetime]:
        """The first change point after `at` where the line is (not) open; None beyond HORIZON."""
        stop = at + HORIZON
        moment = at
        for _ in range(_MAX_STEPS):
            points = [b for s in self.statuses for b in (s.start, s.until) if b > moment]
            regular = next(iter(self.schedule.changes(moment)), None)
            if regular:
                points.append(regular[0].astimezone(OSLO))
            if not points:
                return None
            moment = min(points).astimezone(OSLO)
            if moment > stop:
                return None
            if self.is_open(moment) == want_open:
                return moment
        return None


def for_channel(statuses: Iterable[LineStatus], service_id: str, channel_id: str,
                channel_type: str) -> List[LineStatus]:
    """The statuses that concern one channel of one service."""
    return [s for s in statuses if s.applies_to(service_id, channel_id, channel_type)]


def validate_span(start: datetime, until: datetime, now: datetime) -> Optional[str]:
    """Why a status with these times is refused, or None when it is acceptable."""
    if until <= start:
        return "'until' must be after 'from'"
    if until - start > MAX_SPAN:
        return f"a status holds for at most {MAX_SPAN.days} days"
    if until <= now:
        return "'until' is already past"
    return None


def utc_now() -> datetime:
    return datetime.now(timezone.utc).astimezone(OSLO)
