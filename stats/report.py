"""`hjelpelos stats report`: suppressed aggregates of the demand events, as CSV, PNG and HTML.

`suppressed_aggregates` is the one source: the files here and the JSON an API serves are both
made from it, so nothing published shows a cell under SUPPRESS_BELOW as a number.
"""
from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from stats import plots
from stats.events import AGE_BANDS, DAILY_FIELDS, EVENT_FIELDS, OUTCOMES, UNMET
from stats.store import EventStore

if TYPE_CHECKING:
    from stats.noise import LaplaceNoise

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
SUPPRESSION_NOTE = (
    "Celler med færre enn 5 hendelser vises som «<5» og aldri som tallet. Et lite tall kan, sammen "
    "med det en leser ellers vet, peke ut én person – for eksempel den ene samisktalende "
    "14-åringen som skrev en natt i romjulen. Summene i figurene følger samme regel, og ingen "
    "totalsum for perioden vises."
)
Count = Union[int, str]


def suppress(count: int) -> Count:
    """A count as it may be published: '<5' for 1-4."""
    return SUPPRESSED if 0 < count < SUPPRESS_BELOW else count


def _demand_counts(store: EventStore, first: date, last: date) -> Counter:
    """(topic, language, age_band, outcome) -> count, from events and rolled-up days alike."""
    totals: Counter = Counter()
    for names, cells in ((EVENT_FIELDS, store.events(first, last)), (DAILY_FIELDS, store.daily(first, last))):
        for key, count in cells.items():
            row = dict(zip(names, key))
            totals[(row["topic"], row["language"], row["age_band"], row["outcome"])] += count
    return totals


def _hour_counts(store: EventStore, first: date, last: date) -> Counter:
    """(hour_of_week, outcome) -> count; rolled-up days no longer have an hour."""
    totals: Counter = Counter()
    for key, count in store.events(first, last).items():
        row = dict(zip(EVENT_FIELDS, key))
        totals[(row["hour_of_week"], row["outcome"])] += count
    return totals


def _outcome_order(outcome: str) -> int:
    return OUTCOMES.index(outcome) if outcome in OUTCOMES else len(OUTCOMES)


def suppressed_aggregates(store: EventStore, date_from: date, date_to: date,
                          noise: Optional["LaplaceNoise"] = None) -> Dict[str, Any]:
    """Everything the report publishes, small cells already replaced by '<5' (the API's JSON).

    With `noise`, each table's cells get Laplace noise first and every sum is made from them.
    """
    demand = _demand_counts(store, date_from, date_to)
    hours = _hour_counts(store, date_from, date_to)
    if noise is not None:
        demand, hours = +noise.counts(demand), +noise.counts(hours)  # + drops cells noised to 0
    hour_totals: Counter = Counter()
    unmet_topic: Counter = Counter()
    unmet_language: Counter = Counter()
    for (how, _outcome), count in hours.items():
        hour_totals[how] += count
    for (topic, language, _band, outcome), count in demand.items():
        if outcome in UNMET:
            unmet_topic[topic] += count
            unmet_language[language] += count
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "suppressed_below": SUPPRESS_BELOW,
        "suppressed_as": SUPPRESSED,
        "note": SUPPRESSION_NOTE,
        "noise": None if noise is None else {"mechanism": "laplace (OpenDP)", "epsilon": noise.epsilon,
                                             "scale": noise.scale},
        "demand": [
            {"topic": t, "language": l, "age_band": b, "outcome": o, "count": suppress(c)}
            for (t, l, b, o), c in sorted(demand.items(), key=lambda kv: (
                kv[0][0], kv[0][1], AGE_BANDS.index(kv[0][2]) if kv[0][2] in AGE_BANDS else 99,
                _outcome_order(kv[0][3])))
        ],
        "by_hour": [
            {"hour_of_week": h, "outcome": o, "count": suppress(c)}
            for (h, o), c in sorted(hours.items(), key=lambda kv: (kv[0][0], _outcome_order(kv[0][1])))
        ],
        "demand_by_hour": [{"hour_of_week": h, "count": suppress(c)} for h, c in sorted(hour_totals.items())],
        "unmet_by_topic": [{"topic": t, "count": suppress(c)} for t, c in _by_size(unmet_topic)],
        "unmet_by_language": [{"language": l, "count": suppress(c)} for l, c in _by_size(unmet_language)],
    }


def _by_size(counts: Counter) -> List[Tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def write_report(store: EventStore, date_from: date, date_to: date, out: Path,
                 noise: Optional["LaplaceNoise"] = None) -> Dict[str, Path]:
    """demand.csv, by_hour.csv, three PNGs and report.html in `out`; returns what was written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    data = suppressed_aggregates(store, date_from, date_to, noise)
    written = {
        "demand.csv": _csv(out / "demand.csv", ("topic", "language", "age_band", "outcome", "count"), data["demand"]),
        "by_hour.csv": _csv(out / "by_hour.csv", ("hour_of_week", "day", "hour", "outcome", "count"),
                            [dict(r, day=plots.DAYS_NB[r["hour_of_week"] // 24], hour=r["hour_of_week"] % 24)
                             for r in data["by_hour"]]),
    }
    period = f"{date_from.isoformat()} – {date_to.isoformat()}"
    written["demand_by_hour.png"] = plots.demand_heatmap(
        {r["hour_of_week"]: r["count"] for r in data["demand_by_hour"]}, out / "demand_by_hour.png",
        f"Overleveringer etter ukedag og time, {period}")
    written["unmet_by_topic.png"] = plots.suppressed_bars(
        {topic_label(r["topic"]): r["count"] for r in data["unmet_by_topic"]}, out / "unmet_by_topic.png",
        f"Udekket etterspørsel etter tema, {period}", "antall (beste stengt eller ingen passende åpen)")
    written["unmet_by_language.png"] = plots.suppressed_bars(
        {language_label(r["language"]): r["count"] for r in data["unmet_by_language"]},
        out / "unmet_by_language.png", f"Udekket etterspørsel etter språk, {period}",
        "antall (beste stengt eller ingen passende åpen)")
    written["report.html"] = _html(out / "report.html", data, period, noise)
    return written


def _csv(path: Path, columns: Tuple[str, ...], rows: List[Dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def topic_label(topic: str) -> str:
    """The topic's Norwegian (bokmål) name from the message catalogue, else its id."""
    from triage import messages

    try:
        return messages.text(f"topic_label_{topic}", "nb")
    except Exception:  # noqa: BLE001 - `other` and unknown ids have no label
        return {"other": "Annet"}.get(topic, topic)


# Norwegian names of the languages writers use; other codes are shown as they are.
LANGUAGE_NB = {"nb": "bokmål", "nn": "nynorsk", "en": "engelsk", "se": "nordsamisk", "smj": "lulesamisk",
               "sma": "sørsamisk", "pl": "polsk", "lt": "litauisk", "uk": "ukrainsk", "ru": "russisk",
               "ar": "arabisk", "so": "somali", "ti": "tigrinja", "fa": "persisk", "prs": "dari",
               "ur": "urdu", "es": "spansk", "fr": "fransk", "de": "tysk", "und": "ukjent"}


def language_label(code: str) -> str:
    """'nordsamisk (se)': the Norwegian name and the code."""
    return f"{LANGUAGE_NB[code]} ({code})" if code in LANGUAGE_NB else code


OUTCOME_NB = {
    "emergency": "akutt (112/113 først)",
    "best_fit_open": "beste passende tjeneste åpen",
    "best_fit_closed_alternative_open": "beste stengt, en annen passende åpen",
    "nothing_fitting_open": "ingen passende tjeneste åpen",
}
AGE_NB = {"under_13": "under 13", "13_15": "13–15", "16_17": "16–17", "18_25": "18–25",
          "26_64": "26–64", "65_plus": "65+", "unknown": "ukjent"}


def _html(path: Path, data: Dict[str, Any], period: str, noise: Optional["LaplaceNoise"]) -> Path:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("stats", "templates"), autoescape=select_autoescape(["html"]))
    html = env.get_template("report.html").render(
        data=data, period=period, noise=noise, topic_label=topic_label, language_label=language_label,
        outcome_nb=OUTCOME_NB, age_nb=AGE_NB, days=plots.DAYS_NB)
    path.write_text(html, encoding="utf-8")
    return path
