"""`find`: the services to offer for a topic, age and language, always with one line open now.

Who fits which topic lives in routing.yaml; this module only weighs the candidates. The order
of the brief (ROUTING.md): the topic's specialists before generalists, open before closed, the
user's language, age fit. Selection is by that score; the list is then shown open-first, as the
handover contract requires.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional, Sequence, Tuple

from knowledge.catalogue import (
    Catalogue, _fits_age, channel_ages, channel_languages, load_catalogue, service_name,
)
from knowledge.hours import TimeLike, to_oslo
from knowledge.schema import LIVE_CHANNELS, Channel, Service
from knowledge.status import LineStatus
from knowledge.status_store import live_statuses

# Score weights: each rank criterion outweighs everything below it.
_TIER = {"specialist": 4000, "fallback": 3000, "language": 3000, "generalist": 2000, "last_resort": 1000}
_OPEN_LIVE = 600
_LANGUAGE = {"own": 300, "interpreter": 150, "norwegian_for_sami": 120, "reply_language": 100}
# Writers whose language the catalogue files under another code: Dari is Persian (`fa`) there.
LANGUAGE_FAMILY = {"prs": "fa"}
_CHANNEL_PREF = 80
_AGE_BAND = 40  # a service built for the user's age band (explicit min/max age)
_POSITION = 10  # per place down a routing list
_NOT_LIVE = {"message": 50, "web": 100}
# A line its service reports as busy comes after equally fitting lines (and after another
# channel of the same service), never below a line that fits the person better.
_BUSY = 5
_GENDER_SPECIFIC = 250  # a men-only line when we do not know the user is a man
_SEX = {"women": "f", "girls": "f", "men": "m", "boys": "m"}
_NORWEGIAN = ("nb", "nn")


@dataclass(frozen=True)
class Offer:
    """One service and channel to hand over to.

    `open_now` follows the channel's hours, so a web page or a message box (hours 24/7) is open;
    `always_open` is only for live lines (phone, chat, sms, whatsapp) open around the clock.
    """

    service: str
    name: str
    channel: str
    contact: Optional[str]
    open_now: bool
    opens_at: Optional[datetime]
    closes_at: Optional[datetime]
    anonymous: bool
    anonymity: str
    languages: Tuple[str, ...]
    score: float
    always_open: bool
    channel_id: str = ""
    interpreter: Tuple[str, ...] = ()  # languages the channel can bring an interpreter for
    interpreter_on_request: bool = False  # an interpreter for any language, on request
    # The score without the open-now bonus: how well the service fits, whatever the hour.
    fit: float = 0.0
    busy: bool = False  # open, but the service reports a long wait right now

    @property
    def live(self) -> bool:
        """Someone answers in real time (not a message box or a web page)."""
        return self.channel in LIVE_CHANNELS

    def to_dict(self) -> Dict[str, Any]:
        """JSON-ready, times as ISO 8601 with offset."""
        data = asdict(self)
        for key in ("opens_at", "closes_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["languages"] = list(self.languages)
        return data


@dataclass
class _Candidate:
    service: Service
    channel: Channel
    tier: str
    position: int
    band: Optional[str]  # "youth" / "adult" for specialists, else None


def find(topic: str, age: Optional[int], language: str, at: TimeLike = None,
         channel_pref: Optional[str] = None, limit: int = 4, *, gender: Optional[str] = None,
         catalogue: Optional[Catalogue] = None, reply_language: Optional[str] = None,
         statuses: Optional[Sequence[LineStatus]] = None) -> List[Offer]:
    """Rank services for the topic; the result always holds at least one live channel open now.

    `age` None means unknown (youth and adult services both offered); an unknown topic is
    treated as `other`. `gender` (women/men/girls/boys) only filters gender-specific lines.
    `language` is the writer's (any code): a service that answers in it, then one with an
    interpreter for it, ranks first among equally fitting ones; `reply_language`, where it
    differs (English for a Polish writer), counts after those. `statuses` None reads the live
    status store: a line reported closed is not open, a busy one comes after equal fits.
    """
    catalogue = catalogue or load_catalogue()
    statuses = live_statuses() if statuses is None else statuses
    at = to_oslo(at)
    route = catalogue.routing.topics.get(topic) or catalogue.routing.topics["other"]
    bands = ["youth", "adult"] if age is None else (["youth"] if age < 18 else ["adult"])

    candidates = _candidates(catalogue, route, bands, language, age, gender)
    offers = {key: _offer(catalogue, cand, language, age, at, channel_pref, gender, reply_language, statuses)
              for key, cand in candidates.items()}
    ranked = sorted(offers, key=lambda k: -offers[k].score)

    must: List[Tuple[str, str]] = []
    if age is None:  # unknown age: both a youth and an adult specialist when both fit
        for band in bands:
            best = next((k for k in ranked if candidates[k].band == band), None)
            if best:
                must.append(best)
    if language not in _NORWEGIAN:  # the user's own language offered, never forced
        best = next((k for k in ranked if LANGUAGE_FAMILY.get(language, language) in offers[k].languages), None)
        if best:
            must.append(best)

    chosen: List[Tuple[str, str]] = []
    for key in must + _one_per_service(ranked) + ranked:
        if key not in chosen and len(chosen) < limit:
            chosen.append(key)

    result = [offers[k] for k in chosen]
    if not any(o.open_now and o.live and o.contact for o in result):
        guarantee = _open_line(catalogue, route, age, language, at, offers, statuses)
        result = (result[: max(limit - 1, 0)] if len(result) >= limit else result) + [guarantee]
    return sorted(result, key=lambda o: (not o.open_now, not o.live, -o.score))


def _candidates(catalogue: Catalogue, route, bands: List[str], language: str,
                age: Optional[int], gender: Optional[str]) -> Dict[Tuple[str, str], _Candidate]:
    """Every (service, channel) worth weighing, with its best tier."""
    found: Dict[Tuple[str, str], _Candidate] = {}

    def add(sid: str, tier: str, position: int, band: Optional[str], channel_id: str = "") -> None:
        service = catalogue.services[sid]
        if not _fits_gender(service, gender):
            return
        channels = ([catalogue.channel(sid, channel_id)] if channel_id
                    else _reachable_channels(service))
        for channel in channels:
            if not channel.contact:
                continue
            if age is not None and sid not in route.age_exempt:
                if not _fits_age(*channel_ages(service, channel), age):
                    continue
            key = (sid, channel.id)
            old = found.get(key)
            if old is None or _TIER[tier] - position * _POSITION > _TIER[old.tier] - old.position * _POSITION:
                found[key] = _Candidate(service, channel, tier, position, band)

    for band in bands:
        for pos, sid in enumerate(getattr(route, band)):
            add(sid, "specialist", pos, band)
    for pos, ref in enumerate(route.fallback):
        sid, cid = _split(ref)
        add(sid, "fallback", pos, None, cid)
    for band in bands:
        for pos, sid in enumerate(catalogue.routing.generalists.get(band, [])):
            add(sid, "generalist", pos, None)
    for pos, ref in enumerate(catalogue.routing.language_offers.get(language, [])):
        sid, cid = _split(ref)
        add(sid, "language", pos, None, cid)
    return found


def _one_per_service(ranked: List[Tuple[str, str]]) -> List[Tuple[str, str]]:
    """The best channel of each service first, so four slots hold more than one service."""
    seen, first = set(), []
    for key in ranked:
        if key[0] not in seen:
            seen.add(key[0])
            first.append(key)
    return first


def _split(ref: str) -> Tuple[str, str]:
    sid, _, cid = ref.partition(":")
    return sid, cid


def _reachable_channels(service: Service) -> List[Channel]:
    """Live channels with a contact; failing those, message boxes; failing those, web pages."""
    with_contact = [c for c in service.channels if c.contact]
    for kinds in (LIVE_CHANNELS, {"message"}, {"web"}):
        picked = [c for c in with_contact if c.type in kinds]
        if picked:
            return picked
    return []


def _fits_gender(service: Service, gender: Optional[str]) -> bool:
    return gender is None or service.gender == "any" or _SEX.get(service.gender) == _SEX.get(gender)


def _language_points(langs: List[str], interpreter: List[str], language: str,
                     reply_language: Optional[str] = None, on_request: bool = False) -> int:
    language = LANGUAGE_FAMILY.get(language, language)
    if language in langs:
        return _LANGUAGE["own"]
    if language == "nn" and "nb" in langs or language == "nb" and "nn" in langs:
        return _LANGUAGE["own"]
    if language in interpreter or (on_request and language not in _NORWEGIAN + ("en", "se")):
        return _LANGUAGE["interpreter"]
    if language == "se" and any(l in langs for l in _NORWEGIAN):
        return _LANGUAGE["norwegian_for_sami"]  # many Sami users prefer Norwegian (ch. 6.2.2)
    if reply_language and reply_language in langs:
        return _LANGUAGE["reply_language"]  # the language the bot's handover is written in
    return 0


def _offer(catalogue: Catalogue, cand: _Candidate, language: str, age: Optional[int],
           at: datetime, channel_pref: Optional[str], gender: Optional[str],
           reply_language: Optional[str] = None, statuses: Sequence[LineStatus] = ()) -> Offer:
    service, channel = cand.service, cand.channel
    schedule = catalogue.live_hours(service.id, channel.id, statuses)
    is_open = schedule.is_open(at)
    busy = schedule.busy(at)
    langs = channel_languages(service, channel)
    live = channel.type in LIVE_CHANNELS
    score = _TIER[cand.tier] - cand.position * _POSITION
    open_bonus = _OPEN_LIVE if is_open and live else 0
    score += _language_points(langs, channel.interpreter, language, reply_language, channel.interpreter_on_request)
    score += _CHANNEL_PREF if channel_pref and channel.type == channel_pref else 0
    lo, hi = channel_ages(service, channel)
    built_for_age = (lo is not None or hi is not None) and _fits_age(lo, hi, age)
    score += _AGE_BAND if age is not None and built_for_age else 0
    score -= _NOT_LIVE.get(channel.type, 0)
    score -= _GENDER_SPECIFIC if gender is None and service.gender != "any" else 0
    score -= _BUSY if busy else 0
    anonymity = channel.anonymity or service.anonymity
    return Offer(
        service=service.id,
        name=service_name(service, language if language in service.names else reply_language),
        channel=channel.type,
        contact=channel.contact,
        open_now=is_open,
        opens_at=None if is_open else schedule.next_open(at),
        closes_at=schedule.closes_at(at) if is_open else None,
        anonymous=anonymity == "full",
        anonymity=anonymity,
        languages=tuple(langs),
        score=float(score + open_bonus),
        always_open=schedule.always_open_at(at) and live,
        channel_id=channel.id,
        interpreter=tuple(channel.interpreter),
        interpreter_on_request=channel.interpreter_on_request,
        fit=float(score),
        busy=busy,
    )


def _open_line(catalogue: Catalogue, route, age: Optional[int], language: str, at: datetime,
               offers: Dict[Tuple[str, str], Offer], statuses: Sequence[LineStatus] = ()) -> Offer:
    """The topic's first open fallback line fitting the age, else the last-resort 24/7 line."""
    tiers = [("fallback", route.fallback), ("last_resort", catalogue.routing.last_resort)]
    for tier, refs in tiers:
        for pos, ref in enumerate(refs):
            sid, cid = _split(ref)
            service, channel = catalogue.services[sid], catalogue.channel(sid, cid)
            if not channel.contact or not catalogue.live_hours(sid, channel.id, statuses).is_open(at):
                continue
            exempt = sid in route.age_exempt
            if tier == "fallback" and age is not None and not exempt \
                    and not _fits_age(*channel_ages(service, channel), age):
                continue
            if (sid, channel.id) in offers:
                return offers[(sid, channel.id)]
            return _offer(catalogue, _Candidate(service, channel, tier, pos, None),
                          language, age, at, None, None, None, statuses)
    raise LookupError("no last-resort line is open; routing.yaml last_resort must be 24/7")


def open_offers(offers: List[Offer]) -> List[Offer]:
    """The live channels open now, for callers that must show one."""
    return [o for o in offers if o.open_now and o.live and o.contact]


__all__ = ["Offer", "find", "open_offers"]
