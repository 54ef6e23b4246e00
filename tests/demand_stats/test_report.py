"""The report: CSV, PNG and Norwegian HTML, with every cell under 5 shown as "<5"."""
from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from bot.cli.main import main
from stats.report import SUPPRESSED, suppressed_aggregates
from stats.store import open_store

from .conftest import make_event

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def store_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'stats.sqlite'}"
    store = open_store(url)
    for _ in range(7):
        store.add(make_event(hour=2))  # partner violence, nb, adult, best fit open: shown as 7
    for _ in range(3):
        store.add(make_event(hour=2, topic="bullying", age=14))  # 3: shown as <5
    for _ in range(2):
        store.add(make_event(hour=22, language="se", outcome="nothing_fitting_open"))  # unmet, 2: <5
    for _ in range(6):
        store.add(make_event(day="2026-12-09", hour=3, topic="honour_control",
                             outcome="best_fit_closed_alternative_open"))
    return url


def counts(rows):
    return [row["count"] for row in rows]


def test_the_aggregates_suppress_every_cell_under_five(store_url):
    data = suppressed_aggregates(open_store(store_url), date(2026, 12, 1), date(2026, 12, 31))
    json.dumps(data)  # the API serves exactly this
    demand = {(r["topic"], r["language"], r["age_band"], r["outcome"]): r["count"] for r in data["demand"]}
    assert demand[("partner_violence", "nb", "26_64", "best_fit_open")] == 7
    assert demand[("bullying", "nb", "13_15", "best_fit_open")] == SUPPRESSED
    assert demand[("partner_violence", "se", "26_64", "nothing_fitting_open")] == SUPPRESSED
    every = counts(data["demand"]) + counts(data["by_hour"]) + counts(data["demand_by_hour"]) \
        + counts(data["unmet_by_topic"]) + counts(data["unmet_by_language"])
    assert all(c == SUPPRESSED or c >= 5 for c in every)
    assert {r["language"]: r["count"] for r in data["unmet_by_language"]} == {"nb": 6, "se": SUPPRESSED}
    assert {r["hour_of_week"]: r["count"] for r in data["demand_by_hour"]} == {26: 10, 46: SUPPRESSED, 51: 6}
    assert "<5" in data["note"] and data["suppressed_below"] == 5


def test_the_report_command_writes_tables_plots_and_html(store_url, tmp_path):
    out = tmp_path / "report"
    assert main(["stats", "report", "--from", "2026-12-01", "--to", "2026-12-31", "--out", str(out),
                 "--store", store_url]) == 0
    with (out / "demand.csv").open(encoding="utf-8") as handle:
        demand = list(csv.DictReader(handle))
    assert list(demand[0]) == ["topic", "language", "age_band", "outcome", "count"]
    assert {row["count"] for row in demand} == {"7", "6", SUPPRESSED}
    with (out / "by_hour.csv").open(encoding="utf-8") as handle:
        by_hour = list(csv.DictReader(handle))
    assert list(by_hour[0]) == ["hour_of_week", "day", "hour", "outcome", "count"]
    assert {(r["day"], r["hour"], r["count"]) for r in by_hour} >= {("tir", "2", "10"), ("ons", "3", "6")}
    for name in ("demand_by_hour.png", "unmet_by_topic.png", "unmet_by_language.png"):
        assert (out / name).read_bytes()[:8] == PNG
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="nb">' in html and "Hvorfor noen tall vises som «&lt;5»" in html
    assert "Udekket etterspørsel" in html and 'src="unmet_by_language.png"' in html
    assert ">&lt;5</td>" in html and ">3</td>" not in html and ">2</td>" not in html


@pytest.mark.parametrize("args", [
    ["--from", "2026-12-31", "--to", "2026-12-01"],
    ["--from", "yesterday", "--to", "2026-12-01"],
])
def test_a_bad_period_is_a_clear_error(args, tmp_path, capsys):
    assert main(["stats", "report", *args, "--out", str(tmp_path / "r"),
                 "--store", f"sqlite:///{tmp_path / 's.sqlite'}"]) == 2
    assert capsys.readouterr().err.strip()


def test_laplace_noise_is_added_before_suppression_with_the_stated_epsilon(store_url, tmp_path):
    from stats.noise import LaplaceNoise

    store = open_store(store_url)
    exact = suppressed_aggregates(store, date(2026, 12, 1), date(2026, 12, 31))
    first = suppressed_aggregates(store, date(2026, 12, 1), date(2026, 12, 31), LaplaceNoise(0.5, seed=7))
    again = suppressed_aggregates(store, date(2026, 12, 1), date(2026, 12, 31), LaplaceNoise(0.5, seed=7))
    assert first == again  # the seeded generator makes a release reproducible
    assert first["noise"] == {"mechanism": "laplace (OpenDP)", "epsilon": 0.5, "scale": 4.0}
    assert counts(first["demand"]) != counts(exact["demand"]) or counts(first["by_hour"]) != counts(exact["by_hour"])
    every = counts(first["demand"]) + counts(first["by_hour"]) + counts(first["unmet_by_language"])
    assert all(c == SUPPRESSED or c >= 5 for c in every)


def test_opendp_proves_the_stated_epsilon_and_its_draws_stay_counts():
    from stats.noise import LaplaceNoise

    noise = LaplaceNoise(1.0)
    assert noise.privacy_loss() == pytest.approx(1.0)
    assert all(isinstance(noise.count(10), int) and noise.count(10) >= 0 for _ in range(20))
    with pytest.raises(ValueError):
        LaplaceNoise(0)


def test_the_report_command_states_the_epsilon(store_url, tmp_path):
    out = tmp_path / "noisy"
    assert main(["stats", "report", "--from", "2026-12-01", "--to", "2026-12-31", "--out", str(out),
                 "--store", store_url, "--epsilon", "1.0"]) == 0
    assert "ε = 1.0" in (out / "report.html").read_text(encoding="utf-8")
