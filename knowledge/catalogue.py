"""Loading the catalogue, asking it about hours, listing it as the Directory, checking staleness."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import yaml
from pydantic import ValidationError

from knowledge.hours import OSLO, Schedule, TimeLike, to_oslo
from knowledge.schema import (
    LIVE_CHANNELS, CatalogueFile, Channel, RoutingFile, Service, routing_problems, verified_on,
)
from knowledge.status import LineStatus, LiveHours, for_channel
from knowledge.status_store import live_statuses

DATA_DIR = Path(__file__).resolve().parent
CATALOGUE_PATH = DATA_DIR / "catalogue.yaml"
ROUTING_PATH = DATA_DIR / "routing.yaml"

PathLike = Union[str, Path, None]


class CatalogueError(ValueError):
    """The catalogue or routing file breaks the schema; `problems` lists every breach."""

    def __init__(self, problems: List[str]):
        super().__init__("catalogue invalid:\n  " + "\n  ".join(problems))
        self.problems = problems


class Catalogue:
    """The validated catalogue with a compiled schedule per channel."""

    def __init__(self, data: CatalogueFile, routing: RoutingFile):
        self.services: Dict[str, Service] = {s.id: s for s in data.services}
        self.routing = routing
        self._schedules = {
            (s.id, c.id): Schedule(c.hours) for s in data.services for c in s.channels
        }

    def service(self, service_id: str) -> Service:
        try:
            return self.services[service_id]
        except KeyError:
            raise KeyError(f"unknown service {service_id!r}") from None

    def channel(self, service_id: str, channel: str) -> Channel:
        """A channel by its id (e.g. 'phone-se') or, failing that, the first of that type."""
        service = self.service(service_id)
        for match in (lambda c: c.id == channel, lambda c: c.type == channel):
            found = next((c for c in service.channels if match(c)), None)
            if found:
                return found
        raise KeyError(f"{service_id} has no channel {channel!r}")

    def schedule(self, service_id: str, channel: str) -> Schedule:
        return self._schedules[(service_id, self.channel(service_id, channel).id)]

    def live_hours(self, service_id: str, channel: str, statuses: Sequence[LineStatus] = ()) -> LiveHours:
        """The channel's hours with the statuses its service reported; emergency numbers get none."""
        service, found = self.service(service_id), self.channel(service_id, channel)
        relevant = [] if service.emergency else for_channel(statuses, service.id, found.id, found.type)
        return LiveHours(self._schedules[(service.id, found.id)], relevant)

    def open_now(self, service_id: str, channel: str, at: TimeLike = None) -> bool:
        return self.schedule(service_id, channel).is_open(at)

    def next_open(self, service_id: str, channel: str, at: TimeLike = None) -> Optional[datetime]:
        return self.schedule(service_id, channel).next_open(at)

    def closes_at(self, service_id: str, channel: str, at: TimeLike = None) -> Optional[datetime]:
        return self.schedule(service_id, channel).closes_at(at)


def _read_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _errors(exc: ValidationError, label: str) -> List[str]:
    return [f"{label} {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]


def _validate(catalogue_path: Path, routing_path: Path) -> Tuple[Optional[Catalogue], List[str]]:
    """Parse and check both files; returns the catalogue (None on errors) and the problems."""
    problems: List[str] = []
    data = routing = None
    try:
        data = CatalogueFile.parse_obj(_read_yaml(catalogue_path))
    except ValidationError as exc:
        problems += _errors(exc, catalogue_path.name)
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{catalogue_path}: {exc}")
    try:
        routing = RoutingFile.parse_obj(_read_yaml(routing_path))
    except ValidationError as exc:
        problems += _errors(exc, routing_path.name)
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{routing_path}: {exc}")
    if data and routing:
        problems += routing_problems(routing, {s.id: s for s in data.services})
    if problems or not data or not routing:
        return None, problems
    return Catalogue(data, routing), []


def _paths(path: PathLike) -> Tuple[Path, Path]:
    catalogue_path = Path(path).resolve() if path else CATALOGUE_PATH
    routing_path = catalogue_path.with_name("routing.yaml")
    return catalogue_path, routing_path if routing_path.exists() else ROUTING_PATH


@lru_cache(maxsize=8)
def _load(catalogue_path: Path, routing_path: Path) -> Catalogue:
    catalogue, problems = _validate(catalogue_path, routing_path)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue


def load_catalogue(path: PathLike = None) -> Catalogue:
    """The catalogue at `path` (default: knowledge/catalogue.yaml), validated once and cached.

    The routing file is the `routing.yaml` beside it, else the package's own.
    """
    return _load(*_paths(path))


def _fits_age(lo: Optional[int], hi: Optional[int], age: Optional[int]) -> bool:
    return age is None or ((lo is None or age >= lo) and (hi is None or age <= hi))


def channel_ages(service: Service, channel: Channel) -> Tuple[Optional[int], Optional[int]]:
    lo = channel.min_age if channel.min_age is not None else service.min_age
    hi = channel.max_age if channel.max_age is not None else service.max_age
    return lo, hi


def channel_languages(service: Service, channel: Channel) -> List[str]:
    return list(channel.languages if channel.languages is not None else service.languages)


def service_name(service: Service, lang: Optional[str]) -> str:
    return service.names.get(lang or "nb") or service.names["nb"]


def _iso(value: Optional[datetime]) -> Optional[str]:
    return value.astimezone(OSLO).isoformat() if value else None


def directory_entry(catalogue: Catalogue, service: Service, channel: Channel,
                    at: datetime, lang: Optional[str] = None,
                    statuses: Sequence[LineStatus] = ()) -> Dict[str, Any]:
    """One Directory object (TRIAGE.md), JSON-ready, with the service's reported status at `at`."""
    schedule = catalogue.live_hours(service.id, channel.id, statuses)
    is_open = schedule.is_open(at)
    in_force = [s for s in schedule.in_force(at) if s.state == schedule.state(at)]
    lo, hi = channel_ages(service, channel)
    anonymity = channel.anonymity or service.anonymity
    return {
        "service": service.id,
        "name": service_name(service, lang),
        "channel": channel.type,
        "channel_id": channel.id,
        "contact": channel.contact,
        "open_now": is_open,
        "opens_at": None if is_open else _iso(schedule.next_open(at)),
        "closes_at": _iso(schedule.closes_at(at)) if is_open else None,
        "languages": channel_languages(service, channel),
        "min_age": lo,
        "max_age": hi,
        "anonymous": anonymity == "full",
        "anonymity": anonymity,
        "emergency": service.emergency,
        "note": channel.note,
        "source": channel.source,
        "live_status": in_force[0].state if in_force else None,
        "live_status_until": _iso(in_force[0].until) if in_force else None,
    }


def list_services(at: TimeLike = None, open_now: bool = False, topic: Optional[str] = None,
                  age: Optional[int] = None, lang: Optional[str] = None,
                  *, catalogue: Optional[Catalogue] = None,
                  statuses: Optional[Sequence[LineStatus]] = None) -> List[Dict[str, Any]]:
    """The Directory: one dict per service and channel, filtered, in catalogue order.

    `statuses` None reads the live status store, so a reported closing shows everywhere.
    """
    catalogue = catalogue or load_catalogue()
    statuses = live_statuses() if statuses is None else statuses
    at = to_oslo(at)
    routed = _routed_services(catalogue, topic) if topic else set()
    entries = []
    for service in catalogue.services.values():
        if topic and topic not in service.topics and service.id not in routed:
            continue
        for channel in service.channels:
            if not _fits_age(*channel_ages(service, channel), age):
                continue
            if lang and lang not in channel_languages(service, channel):
                continue
            entry = directory_entry(catalogue, service, channel, at, lang, statuses)
            if open_now and not entry["open_now"]:
                continue
            entries.append(entry)
    return entries


def _routed_services(catalogue: Catalogue, topic: str) -> set:
    route = catalogue.routing.topics.get(topic)
    if route is None:
        return set()
    return set(route.youth) | set(route.adult) | {ref.split(":")[0] for ref in route.fallback}


def check_catalogue(max_age_days: int = 365, today: Optional[date] = None,
                    path: PathLike = None) -> Tuple[List[str], List[str]]:
    """(errors, warnings): schema breaches are errors; stale or unverified facts are warnings."""
    catalogue, errors = _validate(*_paths(path))
    if catalogue is None:
        return errors, []
    today = today or datetime.now(OSLO).date()
    warnings: List[str] = []
    for service in catalogue.services.values():
        _stale(warnings, service.id, service.last_verified, today, max_age_days)
        if service.free is None:
            warnings.append(f"{service.id}: whether it is free is not stated in the source")
        for channel in service.channels:
            where = f"{service.id}/{channel.id}"
            _stale(warnings, where, channel.last_verified, today, max_age_days)
            if channel.contact is None:
                warnings.append(f"{where}: no verified contact ({channel.note})")
            elif not channel.verified:
                warnings.append(f"{where}: contact {channel.contact} unverified ({channel.note})")
            if channel.hours is None and channel.type in LIVE_CHANNELS:
                warnings.append(f"{where}: opening hours unknown")
            elif not channel.hours_verified:
                warnings.append(f"{where}: hours partly assumed ({channel.note})")
    return errors, warnings


def _stale(warnings: List[str], where: str, verified: str, today: date, max_age_days: int) -> None:
    age = (today - verified_on(verified)).days
    if age > max_age_days:
        warnings.append(f"{where}: last verified {verified}, {age} days ago (> {max_age_days})")
