"""Opening hours in OSM `opening_hours` syntax, evaluated in Europe/Oslo with DST done right.

`opening-hours-py` is fed naive *wall-clock* times only: with a timezone attached it disagrees
with itself in the repeated autumn hour (state says closed while next_change says open until
02:00 CET). So all arithmetic here is on UTC instants, and a state change can only happen where
the wall clock crosses an interval boundary of the naive schedule or where the clock jumps
(a DST transition). Between two such instants the state is constant, which makes
`next_open`/`closes_at` agree with `is_open` by construction.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Iterator, List, Optional, Tuple, Union
from zoneinfo import ZoneInfo

import opening_hours

OSLO = ZoneInfo("Europe/Oslo")
COUNTRY = "NO"  # public holidays (PH) are Norway's
OPEN, CLOSED, UNKNOWN = "open", "closed", "unknown"

# How far ahead to look for the next change; beyond it a line counts as never changing.
HORIZON = timedelta(days=400)
_WINDOW = timedelta(days=8)

TimeLike = Union[datetime, str, None]


def to_oslo(at: TimeLike = None) -> datetime:
    """Any time the API accepts -> an aware Europe/Oslo datetime.

    None is now; a string is ISO 8601; a naive datetime is Oslo wall-clock time. An ambiguous
    wall time (the repeated autumn hour) is its first occurrence; a wall time that does not
    exist (the spring gap) is read with the winter offset, i.e. one hour later in summer time.
    """
    if at is None:
        return datetime.now(timezone.utc).astimezone(OSLO)
    if isinstance(at, str):
        at = datetime.fromisoformat(at.strip())
    if at.tzinfo is None:
        at = at.replace(tzinfo=OSLO)
    return at.astimezone(timezone.utc).astimezone(OSLO)


def _wall(instant: datetime) -> datetime:
    return instant.astimezone(OSLO).replace(tzinfo=None)


@lru_cache(maxsize=16)
def _dst_transitions(year: int) -> Tuple[datetime, ...]:
    """UTC instants in `year` where Oslo's UTC offset changes (Oslo switches on whole hours)."""
    out = []
    t = datetime(year, 1, 1, tzinfo=timezone.utc)
    end = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
    prev = t.astimezone(OSLO).utcoffset()
    while t < end:
        t += timedelta(hours=1)
        off = t.astimezone(OSLO).utcoffset()
        if off != prev:
            out.append(t)
            prev = off
    return tuple(out)


def _transitions_between(start: datetime, end: datetime) -> List[datetime]:
    years = range(start.year, end.year + 1)
    return [t for y in years for t in _dst_transitions(y) if start < t <= end]


class Schedule:
    """One channel's opening hours; `None` hours mean unknown (never reported open)."""

    def __init__(self, expression: Optional[str]):
        self.expression = expression
        self._oh = opening_hours.OpeningHours(expression, country=COUNTRY) if expression else None
        self.always_open = bool(expression) and expression.strip() == "24/7"

    def state(self, at: TimeLike = None) -> str:
        """'open', 'closed' or 'unknown' at the given instant."""
        if self._oh is None:
            return UNKNOWN
        return str(self._oh.state(_wall(to_oslo(at)))[0]).lower()

    def is_open(self, at: TimeLike = None) -> bool:
        return self.state(at) == OPEN

    def changes(self, at: TimeLike = None) -> Iterator[Tuple[datetime, str]]:
        """Successive (UTC instant, new state) after `at`, up to HORIZON ahead."""
        if self._oh is None or self.always_open:
            return
        start = to_oslo(at).astimezone(timezone.utc)
        stop = start + HORIZON
        current = self.state(start)
        while start < stop:
            end = min(start + _WINDOW, stop)
            for instant in self._candidates(start, end):
                new = self.state(instant)
                if new != current:
                    yield instant, new
                    current = new
            start = end

    def _candidates(self, start: datetime, end: datetime) -> List[datetime]:
        """Every instant in (start, end] where the state could change."""
        found = set(_transitions_between(start, end))
        lo, hi = _wall(start) - timedelta(days=1), _wall(end) + timedelta(days=1)
        for boundary, _end, _state, _comment in self._oh.intervals(lo, hi):
            for fold in (0, 1):
                instant = boundary.replace(tzinfo=OSLO, fold=fold).astimezone(timezone.utc)
                if start < instant <= end:
                    found.add(instant)
        return sorted(found)

    def next_open(self, at: TimeLike = None) -> Optional[datetime]:
        """`at` itself when open, else when it next opens (Oslo time); None if not within HORIZON."""
        at = to_oslo(at)
        if self.is_open(at):
            return at
        for instant, new in self.changes(at):
            if new == OPEN:
                return instant.astimezone(OSLO)
        return None

    def closes_at(self, at: TimeLike = None) -> Optional[datetime]:
        """When the current open spell ends (Oslo time); None when closed now or never closing."""
        at = to_oslo(at)
        if not self.is_open(at):
            return None
        for instant, _new in self.changes(at):
            return instant.astimezone(OSLO)
        return None


def parse_error(expression: str) -> Optional[str]:
    """Why an opening_hours expression is invalid, or None when it parses."""
    try:
        opening_hours.OpeningHours(expression, country=COUNTRY)
    except Exception as exc:  # the library raises SyntaxError/ParserError variants
        return f"{type(exc).__name__}: {exc}"
    return None
