"""The coverage map: for every topic x age band x language x hour of a week, is a fitting
service reachable now, and on which channel? From the catalogue and the real ranking alone.

Each hour is asked at its middle (hh:30, Europe/Oslo wall time); public holidays count because
the catalogue's opening hours are evaluated with Norway's holidays (`PH`). The handover asked
for is the one the bot would give (`find_offers` + `choose_offers`), classified like a demand
event (`stats.outcome.classify_outcome`).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from stats import plots
from stats.events import AGE_BANDS, OSLO
from stats.outcome import classify_outcome, reachable, speaks, topic_services
from triage.decide import TOPICS, State, choose_offers, find_offers
from triage.languages import reply_language

# One age per band, asked of the ranking as the writer's age; None is "not told".
BAND_AGE: Dict[str, Optional[int]] = {"under_13": 11, "13_15": 14, "16_17": 16, "18_25": 21,
                                      "26_64": 40, "65_plus": 70, "unknown": None}
DEFAULT_LANGUAGES = ("nb", "nn", "en", "se", "pl", "so")
# The Sami map's rows: a young teenager and an adult, per topic.
SAMI_BANDS = ("13_15", "26_64")
COLUMNS = ("week", "date", "hour_of_week", "hour", "topic", "age_band", "language", "outcome",
           "reachable", "channels", "services")
# How well an hour is covered: nobody fitting reachable, only an alternative, the best fit open.
OUTCOME_LEVEL = {"nothing_fitting_open": 0, "best_fit_closed_alternative_open": 1, "best_fit_open": 2}
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(text: str) -> date:
    """'2026-W50' -> the Monday of that ISO week; a clear error otherwise."""
    match = WEEK.match(text.strip())
    if not match:
        raise ValueError(f"not an ISO week like 2026-W50: {text!r}")
    try:
        return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError as error:
        raise ValueError(f"no such week: {text!r}") from error


def week_moments(monday: date) -> List[datetime]:
    """The middle of each of the week's 168 wall-clock hours, in Oslo."""
    start = datetime(monday.year, monday.month, monday.day, 0, 30)
    return [(start + timedelta(hours=h)).replace(tzinfo=OSLO) for h in range(168)]


@dataclass(frozen=True)
class Cell:
    """One topic, age band and language at one hour."""

    moment: datetime
    hour_of_week: int
    topic: str
    age_band: str
    language: str
    outcome: str
    channels: Tuple[str, ...]  # live channels of fitting services open now, in the handover
    services: Tuple[str, ...]

    @property
    def reachable(self) -> bool:
        return self.outcome != "nothing_fitting_open"


def coverage_cell(topic: str, band: str, language: str, moment: datetime, hour_of_week: int) -> Cell:
    """Ask the ranking as a writer in `language` of age BAND_AGE[band] would, at `moment`."""
    state = State(language=language)
    offers = choose_offers(find_offers(topic, BAND_AGE[band], reply_language(language), state, moment))
    routed = topic_services(topic)
    fitting_open = [o for o in offers if o.service in routed and speaks(o, language) and reachable(o)]
    return Cell(moment, hour_of_week, topic, band, language,
                classify_outcome(offers, "normal", topic, language),
                tuple(dict.fromkeys(o.channel for o in fitting_open)),
                tuple(dict.fromkeys(o.service for o in fitting_open)))


def coverage(monday: date, languages: Sequence[str] = DEFAULT_LANGUAGES,
             topics: Sequence[str] = TOPICS, bands: Sequence[str] = AGE_BANDS) -> Iterator[Cell]:
    for how, moment in enumerate(week_moments(monday)):
        for language in languages:
            for topic in topics:
                for band in bands:
                    yield coverage_cell(topic, band, language, moment, how)


def write_coverage(week: str, out: Path, languages: Sequence[str] = DEFAULT_LANGUAGES,
                   topics: Sequence[str] = TOPICS) -> Dict[str, Path]:
    """coverage.csv, one heat map per language and the Sami map, in `out`."""
    from stats.report import topic_label

    monday = parse_week(week)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cells = list(coverage(monday, languages, topics))
    written = {"coverage.csv": _write_csv(out / "coverage.csv", week, cells)}
    days = day_labels(monday)
    for language in languages:
        rows, grid = share_grid(cells, language)
        name = f"coverage_{language}.png"
        written[name] = plots.coverage_heatmap(
            [topic_label(t) for t in rows], grid, out / name,
            f"{week}, språk {language}: dekning over aldersgruppene (telefon, chat, SMS; tolk teller)", days)
    if "se" in languages:
        rows, grid = outcome_grid(cells, "se", SAMI_BANDS)
        written["coverage_sami.png"] = plots.outcome_heatmap(
            [f"{topic_label(t)} – {band.replace('_', '–')} år" for t, band in rows], grid,
            out / "coverage_sami.png", f"{week}: samisktalende (se) – svarer noen passende på samisk nå?", days)
    return written


def day_labels(monday: date) -> List[str]:
    return [f"{plots.DAYS_NB[d]} {(monday + timedelta(days=d)).strftime('%d.%m')}" for d in range(7)]


def share_grid(cells: Sequence[Cell], language: str) -> Tuple[List[str], List[List[float]]]:
    """Topics x 168 hours: the mean over age bands of 1 (best fit open), 0.5 (only another
    fitting service open) or 0 (nobody fitting reachable)."""
    levels: Dict[Tuple[str, int], List[float]] = {}
    for cell in cells:
        if cell.language == language:
            levels.setdefault((cell.topic, cell.hour_of_week), []).append(OUTCOME_LEVEL[cell.outcome] / 2)
    topics = list(dict.fromkeys(t for t, _ in levels))
    return topics, [[sum(levels[(t, h)]) / len(levels[(t, h)]) for h in range(168)] for t in topics]


def outcome_grid(cells: Sequence[Cell], language: str,
                 bands: Sequence[str]) -> Tuple[List[Tuple[str, str]], List[List[int]]]:
    """(topic, band) rows x 168 hours of outcome levels (0 none, 1 alternative, 2 best fit)."""
    level = {(c.topic, c.age_band, c.hour_of_week): OUTCOME_LEVEL[c.outcome]
             for c in cells if c.language == language and c.age_band in bands}
    rows = list(dict.fromkeys((t, b) for t, b, _ in level))
    return rows, [[level[(t, b, h)] for h in range(168)] for t, b in rows]


def _write_csv(path: Path, week: str, cells: Sequence[Cell]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for c in cells:
            writer.writerow([week, c.moment.date().isoformat(), c.hour_of_week, c.moment.hour, c.topic,
                             c.age_band, c.language, c.outcome, int(c.reachable),
                             ";".join(c.channels), ";".join(c.services)])
    return path
