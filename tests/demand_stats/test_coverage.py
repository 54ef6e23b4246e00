"""The coverage map, from the catalogue and the real ranking alone (no traffic)."""
from __future__ import annotations

import csv
from datetime import date, datetime

import pytest

from bot.cli.main import main
from stats.coverage import coverage_cell, parse_week, week_moments, write_coverage
from stats.events import OSLO


def test_an_iso_week_is_its_monday():
    assert parse_week("2026-W50") == date(2026, 12, 7)
    assert parse_week("2026-W52") == date(2026, 12, 21)
    for bad in ("2026-50", "2026-W54", "W50"):
        with pytest.raises(ValueError):
            parse_week(bad)


def test_a_week_is_asked_at_the_middle_of_each_of_its_168_hours():
    moments = week_moments(date(2026, 12, 7))
    assert len(moments) == 168
    assert moments[0] == datetime(2026, 12, 7, 0, 30, tzinfo=OSLO)
    assert moments[-1] == datetime(2026, 12, 13, 23, 30, tzinfo=OSLO)


def test_a_sami_speaking_adult_at_night_reaches_nobody_fitting():
    cell = coverage_cell("partner_violence", "26_64", "se", datetime(2026, 12, 8, 2, 30, tzinfo=OSLO), 26)
    assert cell.outcome == "nothing_fitting_open" and not cell.reachable and cell.channels == ()


def test_honour_related_control_at_the_weekend_has_only_an_alternative_for_adults():
    saturday = coverage_cell("honour_control", "26_64", "nb", datetime(2026, 12, 12, 12, 30, tzinfo=OSLO), 132)
    monday = coverage_cell("honour_control", "26_64", "nb", datetime(2026, 12, 7, 12, 30, tzinfo=OSLO), 12)
    assert saturday.outcome == "best_fit_closed_alternative_open"
    assert monday.outcome == "best_fit_open"
    assert "phone" in saturday.channels and saturday.services


def test_christmas_day_counts_as_the_public_holiday_it_is():
    """Honour-related control, adult, Friday 12:30: open on an ordinary Friday, closed on 25 December."""
    ordinary = coverage_cell("honour_control", "26_64", "nb", datetime(2026, 12, 11, 12, 30, tzinfo=OSLO), 108)
    christmas = coverage_cell("honour_control", "26_64", "nb", datetime(2026, 12, 25, 12, 30, tzinfo=OSLO), 108)
    assert ordinary.outcome == "best_fit_open"
    assert christmas.outcome == "best_fit_closed_alternative_open"


def test_the_coverage_files_for_a_week(tmp_path):
    topics = ("honour_control", "partner_violence")
    written = write_coverage("2026-W50", tmp_path, languages=("se",), topics=topics)
    assert set(written) == {"coverage.csv", "coverage_se.png", "coverage_sami.png"}
    with (tmp_path / "coverage.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 168 * len(topics) * 7
    assert {r["outcome"] for r in rows} <= {"best_fit_open", "best_fit_closed_alternative_open", "nothing_fitting_open"}
    night = [r for r in rows if r["topic"] == "partner_violence" and r["age_band"] == "26_64" and r["hour"] == "2"]
    assert len(night) == 7 and all(r["reachable"] == "0" for r in night)
    for name in ("coverage_se.png", "coverage_sami.png"):
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"


def test_a_bad_week_is_a_clear_error(tmp_path, capsys):
    assert main(["coverage", "--week", "next week", "--out", str(tmp_path)]) == 2
    assert "ISO week" in capsys.readouterr().err
