"""The helpline catalogue: the single source of truth for who to hand over to, and when.

Data lives in `catalogue.yaml` (services, channels, hours) and `routing.yaml` (who fits which
topic); this package validates both on load and answers questions about them. Naive datetimes
are Europe/Oslo wall-clock time; every datetime returned is aware, in Europe/Oslo.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from knowledge.catalogue import (
    Catalogue, CatalogueError, check_catalogue, list_services, load_catalogue,
)
from knowledge.hours import OSLO, Schedule, TimeLike, to_oslo
from knowledge.ranking import Offer, find, open_offers
from knowledge.schema import CHANNEL_TYPES, LANGUAGES, LIVE_CHANNELS, TOPICS


def open_now(service_id: str, channel: str, at: TimeLike = None) -> bool:
    """Is this channel (id like 'phone-se', or a type like 'chat') open at `at`?"""
    return load_catalogue().open_now(service_id, channel, at)


def next_open(service_id: str, channel: str, at: TimeLike = None) -> Optional[datetime]:
    """`at` when open, else the next opening; None when it will not open within a year or so."""
    return load_catalogue().next_open(service_id, channel, at)


def closes_at(service_id: str, channel: str, at: TimeLike = None) -> Optional[datetime]:
    """When the current open spell ends; None when closed now or open around the clock."""
    return load_catalogue().closes_at(service_id, channel, at)


__all__ = [
    "CHANNEL_TYPES", "Catalogue", "CatalogueError", "LANGUAGES", "LIVE_CHANNELS", "OSLO",
    "Offer", "Schedule", "TOPICS", "check_catalogue", "closes_at", "find", "list_services",
    "load_catalogue", "next_open", "open_now", "open_offers", "to_oslo",
]
