"""Opening hours as HSDS 3.0 `schedule` objects (RFC 5545 recurrence fields).

Rather than translate OSM `opening_hours` syntax rule by rule, the hours are evaluated over a
year and the weekly pattern read back: a slot (weekday, opens, closes) that holds every week is
`freq: WEEKLY` with `byday`; one that holds in every other week gets `byweekno`; one that holds
for a season gets `valid_from`/`valid_to`. Public holidays that differ from the week get a
one-day schedule of their own (closed, hours not known, or the holiday's hours). Times are
Europe/Oslo wall-clock time, as the catalogue's.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Dict, List, Set, Tuple

import opening_hours

from knowledge.hours import COUNTRY, Schedule
from knowledge.hsds_languages import hsds_id

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WINDOW_DAYS = 364  # 52 whole weeks from the Monday of the week asked about
NOTE = "Times are Europe/Oslo local time."

Slot = Tuple[int, str, str]  # weekday, opens_at, closes_at


@lru_cache(maxsize=8)
def public_holidays(start: date, days: int = WINDOW_DAYS) -> Tuple[date, ...]:
    """Norway's public holidays in the window, as the opening-hours library knows them."""
    rule = opening_hours.OpeningHours("PH", country=COUNTRY)
    lo, hi = datetime.combine(start, datetime.min.time()), datetime.combine(start + timedelta(days=days), datetime.min.time())
    found: Set[date] = set()
    for begin, end, state, _ in rule.intervals(lo, hi):
        if str(state).lower() == "open":
            found |= {begin.date() + timedelta(days=n) for n in range(max((end - begin).days, 1))}
    return tuple(sorted(d for d in found if start <= d < start + timedelta(days=days)))


def _open_spans(schedule: Schedule, start: date, days: int) -> List[Tuple[datetime, datetime]]:
    """Open intervals (naive Oslo time) in the window, with spans across midnight joined."""
    lo = datetime.combine(start, datetime.min.time())
    hi = lo + timedelta(days=days)
    spans: List[List[datetime]] = []
    # From the day before, so a spell running past midnight into the window is not mistaken
    # for one that opens at 00:00; such a spell is then left out (it started before the window).
    for begin, end, state, _ in schedule._oh.intervals(lo - timedelta(days=1), hi):  # noqa: SLF001
        if str(state).lower() != "open":
            continue
        if spans and spans[-1][1] == begin:
            spans[-1][1] = end
        else:
            spans.append([begin, end])
    return [(b, e) for b, e in spans if b >= lo]


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _slots(spans: List[Tuple[datetime, datetime]]) -> Dict[date, List[Tuple[str, str]]]:
    """Per start day: the (opens_at, closes_at) spells; spells of a day or more split per day."""
    per_day: Dict[date, List[Tuple[str, str]]] = defaultdict(list)
    for begin, end in spans:
        if end - begin >= timedelta(days=1):
            day = begin
            while day < end:
                stop = min(end, datetime.combine(day.date() + timedelta(days=1), datetime.min.time()))
                per_day[day.date()].append((_clock(day), _clock(stop)))
                day = stop
        else:
            per_day[begin.date()].append((_clock(begin), _clock(end)))
    return per_day


def channel_schedules(service_id: str, channel_id: str, channel_type: str, schedule: Schedule,
                      start: date) -> List[dict]:
    """HSDS schedules for one channel's hours; [] when the hours are unknown."""
    if schedule._oh is None:  # noqa: SLF001
        return []
    base = {"service_id": hsds_id(service_id), "attending_type": channel_type, "notes": NOTE}
    if schedule.always_open:
        return [{**base, "id": hsds_id(service_id, channel_id, "schedule", "24/7"), "freq": "WEEKLY",
                 "byday": ",".join(DAYS), "opens_at": "00:00", "closes_at": "00:00",
                 "description": f"{channel_type}: open around the clock"}]
    monday = start - timedelta(days=start.weekday())
    holidays = set(public_holidays(monday))
    # A holiday changes its own hours and may cut a spell running into it from the evening before.
    irregular = holidays | {d + delta for d in holidays for delta in (timedelta(days=-1), timedelta(days=1))}
    per_day = _slots(_open_spans(schedule, monday, WINDOW_DAYS))
    days = [monday + timedelta(days=n) for n in range(WINDOW_DAYS)]
    expected = {w: [d for d in days if d.weekday() == w and d not in irregular] for w in range(7)}

    dates_of: Dict[Slot, Set[date]] = defaultdict(set)
    for day, spells in per_day.items():
        if day in irregular:
            continue
        for opens, closes in spells:
            dates_of[(day.weekday(), opens, closes)].add(day)

    grouped: Dict[tuple, List[int]] = defaultdict(list)
    for (weekday, opens, closes), found in dates_of.items():
        every = [d for d in days if d.weekday() == weekday]
        for extra in _recurrence(sorted(found), expected[weekday], every):
            grouped[(opens, closes) + extra].append(weekday)

    entries = []
    for (opens, closes, kind, value), weekdays in sorted(grouped.items(), key=lambda i: (min(i[1]), i[0])):
        byday = ",".join(DAYS[w] for w in sorted(weekdays))
        entry = {**base, "freq": "WEEKLY", "byday": byday, "opens_at": opens, "closes_at": closes,
                 "description": f"{channel_type}: {byday} {opens}-{closes}"}
        if kind == "weeks":
            entry["byweekno"] = value
            entry["description"] += " in weeks " + value
        elif kind == "range":
            entry["valid_from"], entry["valid_to"] = value
        entry["id"] = hsds_id(service_id, channel_id, "schedule", byday, opens, closes, kind, str(value))
        entries.append(entry)
    entries += _holiday_entries(service_id, channel_id, channel_type, schedule, per_day,
                                sorted(d for d in irregular if monday <= d < days[-1]), holidays, grouped, base)
    return entries


def _recurrence(found: List[date], expected: List[date], every: List[date]) -> List[Tuple[str, object]]:
    """How a slot's dates recur: every week, every other week (byweekno), or in date ranges.

    `expected` are the weekday's ordinary dates, `every` all of them (holidays included).
    """
    if found == expected:
        return [("weekly", None)]
    parity = {d.isocalendar()[1] % 2 for d in found}
    if len(parity) == 1 and found == [d for d in expected if d.isocalendar()[1] % 2 in parity]:
        weeks = {d.isocalendar()[1] for d in every if d.isocalendar()[1] % 2 in parity}
        return [("weeks", ",".join(str(w) for w in sorted(weeks)))]
    runs, current = [], []
    members = set(found)
    for day in expected:
        if day in members:
            current.append(day)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [("range", (run[0].isoformat(), run[-1].isoformat())) for run in runs]


def _holiday_entries(service_id: str, channel_id: str, channel_type: str, schedule: Schedule,
                     per_day: Dict[date, List[Tuple[str, str]]], irregular: List[date], holidays: Set[date],
                     grouped: Dict[tuple, List[int]], base: dict) -> List[dict]:
    """One-day schedules for public holidays (and the days either side) that differ from the week."""
    weekly: Dict[int, Set[Tuple[str, str]]] = defaultdict(set)
    for (opens, closes, kind, _value), weekdays in grouped.items():
        if kind == "weekly":
            for w in weekdays:
                weekly[w].add((opens, closes))
    entries = []
    for day in irregular:
        spells = set(per_day.get(day, []))
        if spells == weekly[day.weekday()]:
            continue
        label = "public holiday" if day in holidays else "day next to a public holiday"
        common = {**base, "valid_from": day.isoformat(), "valid_to": day.isoformat()}
        if spells:
            for opens, closes in sorted(spells):
                entries.append({**common, "id": hsds_id(service_id, channel_id, "holiday", day.isoformat(), opens),
                                "opens_at": opens, "closes_at": closes,
                                "description": f"{channel_type}: {label} {opens}-{closes}"})
            continue
        noon = datetime.combine(day, datetime.min.time()).replace(hour=12)
        state = str(schedule._oh.state(noon)[0]).lower()  # noqa: SLF001
        what = "hours not known" if state == "unknown" else "closed"
        entries.append({**common, "id": hsds_id(service_id, channel_id, "holiday", day.isoformat()),
                        "description": f"{channel_type}: {label}, {what}"})
    return entries

