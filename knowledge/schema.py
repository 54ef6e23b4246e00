"""The catalogue's and routing file's schema, enforced on load.

A service without a source, a contact without a note when it is unverified, an hour that does
not parse: each is a load error, because a wrong number sends a person in crisis nowhere.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Dict, List, Literal, Optional

from pydantic import BaseModel, Extra, root_validator, validator

from knowledge.hours import parse_error

# Contract IDs (../shared/contract/TRIAGE.md): API, keep in step with it.
TOPICS = (
    "child_abuse", "partner_violence", "dating_violence", "sexual_abuse", "online_abuse",
    "honour_control", "trafficking", "bullying", "suicide_selfharm", "mental_health",
    "concerned_other", "parent_support", "own_violence", "sexual_interest_children",
    "crime_victim", "other",
)
LANGUAGES = ("nb", "nn", "en", "se")
CHANNEL_TYPES = ("phone", "chat", "sms", "message", "whatsapp", "web")
# Channels where someone answers in real time; "message" is answered later, "web" is a page.
LIVE_CHANNELS = frozenset({"phone", "chat", "sms", "whatsapp"})

Topic = Literal[TOPICS]  # type: ignore[valid-type]
ChannelType = Literal[CHANNEL_TYPES]  # type: ignore[valid-type]
Anonymity = Literal["full", "number_visible", "not_anonymous"]
Gender = Literal["any", "women", "men", "girls", "boys"]

_LANG = re.compile(r"^[a-z]{2,3}$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
_PHONE = re.compile(r"^\+?\d[\d ]*\d$")
_ADDRESS = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$|^[\w.+-]+@[\w.-]+\.[a-z]{2,}$")


def verified_on(value: str) -> date:
    """An ISO date or year-month (seed dates are months) -> the earliest day it can mean."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


class _Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        allow_mutation = False


def _check_langs(values: Optional[List[str]]) -> Optional[List[str]]:
    for lang in values or []:
        if not _LANG.match(lang):
            raise ValueError(f"not a language code: {lang!r}")
    return values


def _check_date(value: str) -> str:
    if not _DATE.match(value):
        raise ValueError(f"last_verified must be YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


class Channel(_Strict):
    """One way to reach a service, with its own contact and hours."""

    id: str = ""  # defaults to `type`; needed when a service has two channels of one type
    type: ChannelType
    contact: Optional[str]
    verified: bool = True  # False: the seed does not state this contact for this channel
    hours: Optional[str]  # OSM opening_hours; None when the source gives none
    hours_verified: bool = True  # False: part of the hours is an assumption (see note)
    languages: Optional[List[str]] = None  # None: the service's languages
    interpreter: List[str] = []
    # An interpreter for whatever language the caller needs, on request ("tolk ved behov").
    interpreter_on_request: bool = False
    min_age: Optional[int] = None  # None: the service's ages
    max_age: Optional[int] = None
    anonymity: Optional[Anonymity] = None  # None: the service's
    note: Optional[str] = None
    source: str
    last_verified: str

    _langs = validator("languages", "interpreter", allow_reuse=True)(_check_langs)
    _date = validator("last_verified", allow_reuse=True)(_check_date)

    @validator("source")
    def _source_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("every channel needs a source")
        return value

    @validator("hours")
    def _hours_parse(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and (error := parse_error(value)):
            raise ValueError(f"hours {value!r} do not parse: {error}")
        return value

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: dict) -> dict:
        kind, contact, note = values["type"], values.get("contact"), values.get("note")
        values["id"] = values.get("id") or kind
        if contact is None and values.get("verified"):
            raise ValueError(f"{kind}: contact is null, so verified must be false")
        if not values.get("verified") and not note:
            raise ValueError(f"{kind}: an unverified contact needs a note saying why")
        if (values.get("hours") is None or not values.get("hours_verified")) and not note:
            raise ValueError(f"{kind}: unknown or assumed hours need a note")
        if contact is not None:
            pattern = _PHONE if kind in ("phone", "sms") else _ADDRESS
            if kind != "whatsapp" and not pattern.match(contact):
                raise ValueError(f"{kind}: contact {contact!r} does not look like a {kind} contact")
        lo, hi = values.get("min_age"), values.get("max_age")
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"{kind}: min_age {lo} > max_age {hi}")
        return values


class Service(_Strict):
    """One helpline or emergency service."""

    id: str
    names: Dict[str, str]
    organisation: str
    description: str
    national: bool
    emergency: bool = False
    min_age: Optional[int]
    max_age: Optional[int]
    gender: Gender
    topics: List[Topic]
    languages: List[str]
    languages_note: Optional[str] = None
    anonymity: Anonymity
    anonymity_note: Optional[str] = None
    free: Optional[bool]  # None: the source does not say
    note: Optional[str] = None
    source: str
    last_verified: str
    channels: List[Channel]

    _langs = validator("languages", allow_reuse=True)(_check_langs)
    _date = validator("last_verified", allow_reuse=True)(_check_date)

    @validator("id")
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"service id {value!r} must be lower-case words joined by '-'")
        return value

    @validator("names")
    def _names(cls, value: Dict[str, str]) -> Dict[str, str]:
        missing = [lang for lang in ("nb", "nn", "en") if not value.get(lang)]
        if missing:
            raise ValueError(f"names missing for {missing}")
        _check_langs(list(value))
        return value

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: dict) -> dict:
        sid = values["id"]
        if not values["source"].strip():
            raise ValueError(f"{sid}: a service needs a source")
        if not values["languages"]:
            raise ValueError(f"{sid}: list the languages offered")
        if not values["channels"]:
            raise ValueError(f"{sid}: a service needs at least one channel")
        ids = [c.id for c in values["channels"]]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{sid}: channel ids repeat: {ids}; give the second one an id")
        if not values["topics"] and not values["emergency"]:
            raise ValueError(f"{sid}: a helpline needs at least one topic")
        lo, hi = values.get("min_age"), values.get("max_age")
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"{sid}: min_age {lo} > max_age {hi}")
        if not values["national"]:
            local_numbers = [c for c in values["channels"] if c.type == "phone" and c.contact]
            if local_numbers or not any(c.type == "web" and c.contact for c in values["channels"]):
                raise ValueError(f"{sid}: a local service gets its finder page, never one number")
        if values["anonymity"] != "full" and not values.get("anonymity_note"):
            raise ValueError(f"{sid}: say why it is not fully anonymous (anonymity_note)")
        return values


class CatalogueFile(_Strict):
    """The whole catalogue.yaml."""

    version: int
    timezone: Literal["Europe/Oslo"]
    country: Literal["NO"]
    services: List[Service]

    @validator("services")
    def _unique(cls, value: List[Service]) -> List[Service]:
        ids = [s.id for s in value]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"service ids repeat: {repeated}")
        return value


class TopicRoute(_Strict):
    """Who fits one topic: specialists per age band, always-open fallbacks (service:channel)."""

    youth: List[str] = []
    adult: List[str] = []
    fallback: List[str] = []
    age_exempt: List[str] = []  # offered regardless of the user's age (e.g. worried adults)


class RoutingFile(_Strict):
    """The whole routing.yaml."""

    source: str
    generalists: Dict[Literal["youth", "adult"], List[str]]
    last_resort: List[str]
    language_offers: Dict[str, List[str]] = {}
    topics: Dict[Topic, TopicRoute]

    @validator("topics")
    def _every_topic(cls, value: Dict[str, TopicRoute]) -> Dict[str, TopicRoute]:
        missing = [t for t in TOPICS if t not in value]
        if missing:
            raise ValueError(f"routing lacks topics {missing}")
        return value


def routing_problems(routing: RoutingFile, services: Dict[str, Service]) -> List[str]:
    """References in routing.yaml that the catalogue cannot satisfy."""
    problems: List[str] = []

    def check(ref: str, where: str, with_channel: bool) -> None:
        sid, _, cid = ref.partition(":")
        if sid not in services:
            problems.append(f"routing {where}: unknown service {sid!r}")
        elif with_channel and cid not in {c.id for c in services[sid].channels}:
            problems.append(f"routing {where}: {sid} has no channel {cid!r}")

    for band, sids in routing.generalists.items():
        for sid in sids:
            check(sid, f"generalists.{band}", False)
    for ref in routing.last_resort:
        check(ref, "last_resort", True)
        sid, _, cid = ref.partition(":")
        channel = next((c for c in services[sid].channels if c.id == cid), None) if sid in services else None
        if channel and (channel.hours != "24/7" or not channel.contact):
            problems.append(f"routing last_resort: {ref} must be a 24/7 line with a contact")
    for lang, refs in routing.language_offers.items():
        for ref in refs:
            check(ref, f"language_offers.{lang}", True)
    for topic, route in routing.topics.items():
        for band in ("youth", "adult", "age_exempt"):
            for sid in getattr(route, band):
                check(sid, f"{topic}.{band}", False)
        for ref in route.fallback:
            check(ref, f"{topic}.fallback", True)
    return problems
