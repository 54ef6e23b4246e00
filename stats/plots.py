"""The report's and the coverage map's figures, drawn with matplotlib's Agg backend (no display).

Suppressed cells (1-4 events) are drawn grey and hatched with "<5" written on them, so a figure
never shows a number the tables hide.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Sequence, Union

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

DAYS_NB = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
SUPPRESSED = "<5"
Count = Union[int, str]


def _week_axis(ax, hours: int = 168) -> None:
    ax.set_xticks([d * 24 + 12 for d in range(hours // 24)])
    ax.set_xticklabels(DAYS_NB[: hours // 24])
    for d in range(1, hours // 24):
        ax.axvline(d * 24 - 0.5, color="white", linewidth=1.5)


def demand_heatmap(by_hour: Dict[int, Count], path: Path, title: str) -> Path:
    """Demand by weekday (rows) and hour (columns); '<5' cells hatched, none counted."""
    grid = np.full((7, 24), np.nan)
    hidden = []
    for how, count in by_hour.items():
        day, hour = divmod(int(how), 24)
        if count == SUPPRESSED:
            hidden.append((day, hour))
        else:
            grid[day, hour] = count
    fig, ax = plt.subplots(figsize=(11, 4.2))
    shown = np.ma.masked_invalid(grid)
    image = ax.imshow(shown, aspect="auto", cmap="viridis", vmin=0)
    for day, hour in hidden:
        ax.add_patch(plt.Rectangle((hour - 0.5, day - 0.5), 1, 1, facecolor="#cccccc", hatch="///",
                                   edgecolor="#888888", linewidth=0))
        ax.text(hour, day, SUPPRESSED, ha="center", va="center", fontsize=6)
    ax.set_yticks(range(7))
    ax.set_yticklabels(DAYS_NB)
    ax.set_xticks(range(0, 24, 2))
    ax.set_xlabel("time (Europe/Oslo)")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="antall overleveringer")
    ax.legend(handles=[Patch(facecolor="#cccccc", hatch="///", label="1-4 (vises som <5)"),
                       Patch(facecolor="white", edgecolor="#888888", label="ingen")],
              loc="upper left", bbox_to_anchor=(1.12, 1.0), fontsize=8, frameon=False)
    return _save(fig, path)


def suppressed_bars(counts: Dict[str, Count], path: Path, title: str, xlabel: str) -> Path:
    """Horizontal bars; a suppressed bar is a hatched stub labelled '<5'."""
    labels = list(counts)
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(labels), 2) + 1.4))
    for i, label in enumerate(labels):
        count = counts[label]
        if count == SUPPRESSED:
            ax.barh(i, 1, color="#cccccc", hatch="///", edgecolor="#888888")
            ax.text(1.2, i, SUPPRESSED, va="center", fontsize=9)
        else:
            ax.barh(i, count, color="#b2182b")
            ax.text(count + 0.2, i, str(count), va="center", fontsize=9)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    if not labels:
        ax.text(0.5, 0.5, "ingen udekket etterspørsel i perioden", ha="center", va="center",
                transform=ax.transAxes)
    return _save(fig, path)


# 0 = nobody fitting reachable, 1 = only an alternative open, 2 = the best fit open
OUTCOME_COLOURS = ListedColormap(["#d7301f", "#fdae61", "#1a9850"])
OUTCOME_LABELS = ("ingen passende åpen", "beste stengt, en annen passende åpen", "beste passende åpen")


def coverage_heatmap(rows: List[str], grid: Sequence[Sequence[float]], path: Path, title: str,
                     day_labels: Sequence[str] = DAYS_NB) -> Path:
    """Rows (topics) by the 168 hours of a week; colour = coverage from 0 (nobody fitting
    reachable) through 0.5 (only an alternative) to 1 (the best fit open), over age bands."""
    values = np.array(grid, dtype=float)
    fig, ax = plt.subplots(figsize=(13, 0.32 * len(rows) + 2.0))
    image = ax.imshow(values, aspect="auto", cmap="RdYlGn", vmin=0, vmax=1, interpolation="nearest")
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows, fontsize=8)
    ax.set_xticks([d * 24 + 12 for d in range(7)])
    ax.set_xticklabels(day_labels, fontsize=8)
    for d in range(1, 7):
        ax.axvline(d * 24 - 0.5, color="black", linewidth=0.8)
    ax.set_title(title, fontsize=10)
    bar = fig.colorbar(image, ax=ax, fraction=0.025, pad=0.01)
    bar.set_label("1 = beste passende åpen, 0,5 = bare en annen passende åpen, 0 = ingen", fontsize=7)
    return _save(fig, path)


def outcome_heatmap(rows: List[str], grid: Sequence[Sequence[int]], path: Path, title: str,
                    day_labels: Sequence[str] = DAYS_NB) -> Path:
    """Rows by the 168 hours of a week, coloured by outcome level (see OUTCOME_LABELS)."""
    fig, ax = plt.subplots(figsize=(13, 0.26 * len(rows) + 2.2))
    ax.imshow(np.array(grid), aspect="auto", cmap=OUTCOME_COLOURS, vmin=-0.5, vmax=2.5,
              interpolation="nearest")
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows, fontsize=7)
    ax.set_xticks([d * 24 + 12 for d in range(7)])
    ax.set_xticklabels(day_labels, fontsize=8)
    for d in range(1, 7):
        ax.axvline(d * 24 - 0.5, color="black", linewidth=0.8)
    ax.set_title(title, fontsize=10)
    ax.legend(handles=[Patch(facecolor=OUTCOME_COLOURS(i), label=label) for i, label in enumerate(OUTCOME_LABELS)],
              loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=3, fontsize=8, frameon=False)
    return _save(fig, path)


def _save(fig, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
