"""Every service's hours pinned at chosen instants: midnight, the DST nights of 2026, 17 May,
Christmas Day, and even/odd ISO-week Wednesdays for the North Sami line.

Times are Europe/Oslo wall-clock. 2026: 29 March clocks jump 02:00 -> 03:00, 25 October they
fall back 03:00 -> 02:00; 17 May is a Sunday; Christmas Day a Friday, Boxing Day a Saturday;
14 May is Ascension Day (Thursday). 2026-01-07 and 2026-03-04 are Wednesdays in even ISO weeks
(2 and 10), 2026-01-14 and 2026-03-11 in odd ones (3 and 11).
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

import knowledge
from knowledge.hours import Schedule

CATALOGUE = knowledge.load_catalogue()
OPEN, CLOSED, UNKNOWN = "open", "closed", "unknown"

TWENTY_FOUR_SEVEN = [
    ("2026-03-29T01:59", OPEN), ("2026-03-29T03:00", OPEN),  # spring-forward night
    ("2026-10-25T02:30", OPEN), ("2026-05-17T12:00", OPEN),  # fall-back night, Constitution Day
    ("2026-12-25T03:00", OPEN), ("2026-12-31T23:59", OPEN), ("2027-01-01T00:00", OPEN),
]

PINS = {
    "alarmtelefonen": [
        *[("phone", t, s) for t, s in TWENTY_FOUR_SEVEN],
        ("chat", "2026-03-06T22:44", OPEN), ("chat", "2026-03-06T22:45", CLOSED),  # Friday
        ("chat", "2026-03-07T23:44", OPEN), ("chat", "2026-03-07T23:45", CLOSED),  # Saturday to 23:45
        ("chat", "2026-03-08T16:14", CLOSED), ("chat", "2026-03-08T16:15", OPEN),
        ("chat", "2026-05-17T20:00", OPEN), ("chat", "2026-12-25T16:15", OPEN),
        ("chat", "2026-12-31T23:59", CLOSED), ("chat", "2027-01-01T00:00", CLOSED),
        ("sms", "2026-03-07T23:44", OPEN), ("sms", "2026-03-09T23:00", CLOSED),
        ("message", "2026-12-25T03:00", OPEN), ("web", "2026-10-25T02:30", OPEN),
    ],
    "alltidhjelp": [
        ("chat", "2026-03-05T23:59", OPEN), ("chat", "2026-03-06T00:00", CLOSED),  # Thu to 24
        ("chat", "2026-03-06T23:59", OPEN), ("chat", "2026-03-07T00:00", OPEN),  # Fri to 02
        ("chat", "2026-03-07T01:59", OPEN), ("chat", "2026-03-07T02:00", CLOSED),
        ("chat", "2026-03-29T01:59", OPEN), ("chat", "2026-03-29T03:00", CLOSED),  # DST jump
        ("chat", "2026-10-25T01:59", OPEN), ("chat", "2026-10-25T02:30", CLOSED),
        ("chat", "2026-05-17T20:00", UNKNOWN),  # public holidays not stated
        ("chat", "2026-12-25T20:00", UNKNOWN), ("chat", "2026-12-27T01:00", UNKNOWN),  # night after
        ("chat", "2026-12-27T20:00", OPEN), ("phone", "2026-03-06T23:59", OPEN),
    ],
    "sex-og-samfunn": [
        ("chat", "2026-03-05T15:59", OPEN), ("chat", "2026-03-05T16:00", CLOSED),
        ("chat", "2026-03-06T10:59", CLOSED), ("chat", "2026-03-06T11:00", OPEN),
        ("chat", "2026-03-06T15:00", CLOSED), ("chat", "2026-03-07T12:00", CLOSED),
        ("chat", "2026-05-14T13:00", CLOSED),  # Ascension Day: "stengt på røde dager"
        ("chat", "2026-12-24T13:00", OPEN), ("chat", "2026-12-25T12:00", CLOSED),
    ],
    "rosa": [("phone", t, s) for t, s in TWENTY_FOUR_SEVEN],
    "foreldresupport": [("phone", t, s) for t, s in TWENTY_FOUR_SEVEN]
    + [("chat", t, s) for t, s in TWENTY_FOUR_SEVEN],
    "girku-sos": [("message", t, s) for t, s in TWENTY_FOUR_SEVEN],
    "mental-helse": [("phone", t, s) for t, s in TWENTY_FOUR_SEVEN],
    "hfsm": [("phone", t, s) for t, s in TWENTY_FOUR_SEVEN],
    "jentevakta": [
        ("chat", "2026-03-02T18:59", CLOSED), ("chat", "2026-03-02T19:00", OPEN),
        ("chat", "2026-03-05T21:59", OPEN), ("chat", "2026-03-05T22:00", CLOSED),
        ("chat", "2026-03-06T20:00", CLOSED), ("phone", "2026-03-03T20:00", OPEN),
        ("phone", "2026-04-06T20:00", UNKNOWN),  # Easter Monday
    ],
    "kamerathjelpen": [("phone", "2026-03-02T12:00", UNKNOWN), ("web", "2026-03-02T12:00", OPEN)],
    "kirkens-sos": [
        *[("phone", t, s) for t, s in TWENTY_FOUR_SEVEN],
        ("chat", "2026-03-02T22:29", OPEN), ("chat", "2026-03-02T22:30", CLOSED),  # Monday
        ("chat", "2026-03-03T00:30", CLOSED),  # Monday's shift ended 22:30
        ("chat", "2026-03-04T23:59", OPEN), ("chat", "2026-03-05T00:00", OPEN),  # Wed past midnight
        ("chat", "2026-03-05T01:29", OPEN), ("chat", "2026-03-05T01:30", CLOSED),
        ("chat", "2026-03-07T14:29", CLOSED), ("chat", "2026-03-07T14:30", OPEN),
        ("chat", "2026-03-09T00:30", OPEN),  # Sunday's shift runs into Monday
        ("chat", "2026-03-29T01:29", OPEN), ("chat", "2026-03-29T03:00", CLOSED),
        ("chat", "2026-10-25T01:29", OPEN), ("chat", "2026-10-25T01:30", CLOSED),
        ("chat", "2026-05-17T15:00", UNKNOWN), ("chat", "2026-12-25T20:00", UNKNOWN),
        ("chat", "2026-12-27T01:00", UNKNOWN), ("chat", "2026-12-27T15:00", OPEN),
        ("message", "2026-12-25T03:00", OPEN),
    ],
    "kompetanseteamet": [
        ("phone", "2026-03-02T08:59", CLOSED), ("phone", "2026-03-02T09:00", OPEN),
        ("phone", "2026-03-02T14:59", OPEN), ("phone", "2026-03-02T15:00", CLOSED),
        ("phone", "2026-05-14T10:00", UNKNOWN), ("phone", "2026-12-25T10:00", UNKNOWN),
    ],
    "kors-pa-halsen": [
        ("phone", "2026-03-04T13:59", CLOSED), ("phone", "2026-03-04T14:00", OPEN),
        ("phone", "2026-03-04T21:59", OPEN), ("phone", "2026-03-04T22:00", CLOSED),
        ("phone", "2026-05-17T15:00", OPEN),  # every day of the year
        ("phone", "2026-12-25T15:00", UNKNOWN), ("phone", "2026-12-25T16:00", OPEN),  # holidays 16–22
        ("phone", "2026-07-01T15:00", UNKNOWN), ("phone", "2026-07-01T17:00", OPEN),
        ("chat", "2026-03-03T23:59", OPEN), ("chat", "2026-03-04T00:00", CLOSED),  # Tue to 24
        ("chat", "2026-03-04T22:00", CLOSED), ("chat", "2026-03-05T23:30", OPEN),
        ("chat", "2026-12-22T23:00", UNKNOWN), ("chat", "2026-12-22T21:00", OPEN),
        ("phone-se", "2026-01-07T17:59", CLOSED), ("phone-se", "2026-01-07T18:00", OPEN),  # week 2
        ("phone-se", "2026-01-07T20:59", OPEN), ("phone-se", "2026-01-07T21:00", CLOSED),
        ("phone-se", "2026-01-14T19:00", CLOSED),  # week 3
        ("phone-se", "2026-03-04T19:00", OPEN), ("phone-se", "2026-03-11T19:00", CLOSED),
        ("phone-se", "2026-12-30T19:00", CLOSED),  # week 53 is odd
    ],
    "krisesentre": [("phone", t, s) for t, s in TWENTY_FOUR_SEVEN] + [("web", "2026-12-25T03:00", OPEN)],
    "mannstelefonen": [
        ("phone", "2026-03-02T16:59", CLOSED), ("phone", "2026-03-02T17:00", OPEN),
        ("phone", "2026-03-02T19:59", OPEN), ("phone", "2026-03-02T20:00", CLOSED),
        ("phone", "2026-03-06T18:00", CLOSED),  # Friday
        ("phone", "2026-05-14T18:00", CLOSED), ("phone", "2026-04-06T18:00", CLOSED),  # holidays off
        ("phone", "2026-05-25T18:00", CLOSED), ("phone", "2026-12-24T18:00", OPEN),  # 24th: no PH
    ],
    "psykterlig": [
        ("chat", "2026-03-02T15:59", CLOSED), ("chat", "2026-03-02T16:00", OPEN),
        ("chat", "2026-03-04T21:59", OPEN), ("chat", "2026-03-04T22:00", CLOSED),
        ("chat", "2026-03-03T17:00", CLOSED), ("chat", "2026-04-03T17:00", UNKNOWN),  # Good Friday
        ("chat", "2026-12-25T17:00", UNKNOWN),
    ],
    "rode-kors-telefonen": [
        ("phone", "2026-03-02T08:59", CLOSED), ("phone", "2026-03-02T09:00", OPEN),
        ("phone", "2026-03-02T15:59", OPEN), ("phone", "2026-03-02T16:00", CLOSED),
        ("chat", "2026-03-05T17:59", OPEN), ("chat", "2026-03-05T18:00", CLOSED),  # Thu to 18
        ("chat", "2026-03-07T10:00", CLOSED), ("chat", "2026-12-25T10:00", UNKNOWN),
        ("whatsapp", "2026-03-02T10:00", UNKNOWN),
    ],
    "sanks": [
        ("phone", "2026-03-02T07:59", CLOSED), ("phone", "2026-03-02T08:00", OPEN),
        ("phone", "2026-03-02T15:29", OPEN), ("phone", "2026-03-02T15:30", CLOSED),
        ("phone", "2026-03-07T10:00", CLOSED), ("phone", "2026-12-25T10:00", UNKNOWN),
    ],
    "sidetmedord": [("chat", t, s) for t, s in TWENTY_FOUR_SEVEN],
    "snakkommobbing": [
        ("chat", "2026-03-02T14:29", CLOSED), ("chat", "2026-03-02T14:30", OPEN),
        ("chat", "2026-03-02T20:59", OPEN), ("chat", "2026-03-02T21:00", CLOSED),
        ("chat", "2026-03-07T14:59", CLOSED), ("chat", "2026-03-07T15:00", OPEN),
        ("chat", "2026-05-17T15:30", UNKNOWN),
    ],
    "snakkompsyken": [
        ("chat", "2026-03-06T14:30", OPEN), ("chat", "2026-03-08T14:30", CLOSED),
        ("chat", "2026-03-08T20:59", OPEN), ("chat", "2026-03-08T21:00", CLOSED),
        ("chat", "2026-12-25T15:00", UNKNOWN),
    ],
    "stottesenter": [
        ("phone", "2026-03-02T08:59", CLOSED), ("phone", "2026-03-02T09:00", OPEN),
        ("phone", "2026-03-06T14:59", OPEN), ("phone", "2026-03-06T15:00", CLOSED),
        ("phone", "2026-12-25T10:00", UNKNOWN),
    ],
    "tryggest": [("phone", "2026-03-02T10:00", UNKNOWN), ("web", "2026-03-02T10:00", OPEN)],
    "ungdomstelefonen": [
        ("phone", "2026-03-02T19:00", CLOSED), ("phone", "2026-03-03T19:00", OPEN),  # Tue–Thu
        ("phone", "2026-03-05T21:59", OPEN), ("phone", "2026-03-05T22:00", CLOSED),
        ("chat", "2026-03-02T19:00", OPEN), ("chat", "2026-03-06T19:00", CLOSED),  # Mon–Thu, Sun
        ("chat", "2026-03-07T19:00", CLOSED), ("chat", "2026-03-08T19:00", OPEN),
        ("chat", "2026-05-17T19:00", UNKNOWN), ("sms", "2026-03-02T19:00", UNKNOWN),
    ],
    "unge-relasjoner": [
        ("chat", "2026-03-03T11:59", CLOSED), ("chat", "2026-03-03T12:00", OPEN),  # Tuesday
        ("chat", "2026-03-03T19:59", OPEN), ("chat", "2026-03-03T20:00", CLOSED),
        ("chat", "2026-03-04T13:00", CLOSED), ("chat", "2026-03-06T14:59", OPEN),
        ("chat", "2026-03-06T15:00", CLOSED), ("chat", "2026-12-25T13:00", UNKNOWN),
    ],
    "vo-linjen": [
        *[("phone", t, s) for t, s in TWENTY_FOUR_SEVEN],
        ("chat", "2026-03-02T08:59", CLOSED), ("chat", "2026-03-02T09:00", OPEN),
        ("chat", "2026-03-02T19:59", OPEN), ("chat", "2026-03-02T20:00", CLOSED),
        ("chat", "2026-03-07T10:00", CLOSED),
        ("chat", "2026-05-14T10:00", OPEN),  # Ascension Day: open on weekday holidays
        ("chat", "2026-05-25T10:00", OPEN), ("chat", "2026-12-25T10:00", OPEN),
        ("chat", "2026-05-17T10:00", CLOSED), ("chat", "2026-12-26T10:00", CLOSED),  # weekend holidays
    ],
    "det-finnes-hjelp": [
        ("chat", "2026-03-02T11:59", CLOSED), ("chat", "2026-03-02T12:00", OPEN),
        ("chat", "2026-03-02T13:59", OPEN), ("chat", "2026-03-02T14:00", CLOSED),
        ("chat", "2026-03-07T12:30", CLOSED), ("chat", "2026-12-25T12:30", UNKNOWN),
    ],
    "politi-112": [("phone", t, s) for t, s in TWENTY_FOUR_SEVEN],
    "amk-113": [("phone", t, s) for t, s in TWENTY_FOUR_SEVEN],
    "legevakt-116117": [("phone", t, s) for t, s in TWENTY_FOUR_SEVEN],
}


@pytest.mark.parametrize("service_id", sorted(CATALOGUE.services))
def test_hours_are_pinned_for_every_service(service_id: str) -> None:
    pins = PINS[service_id]  # a KeyError here means a new service without pinned hours
    got = [(ch, t, CATALOGUE.schedule(service_id, ch).state(t)) for ch, t, _ in pins]
    assert got == pins


def test_every_channel_with_hours_has_a_pin() -> None:
    pinned = {(sid, ch) for sid, pins in PINS.items() for ch, _, _ in pins}
    for service in CATALOGUE.services.values():
        for channel in service.channels:
            if channel.hours and channel.type != "web" and channel.contact is not None:
                assert (service.id, channel.id) in pinned, (service.id, channel.id)


def utc(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("service_id, channel, at, closes, opens", [
    # Alltidhjelp Saturday night: 02:00 does not exist on 29 March, it closes as clocks jump.
    ("alltidhjelp", "chat", "2026-03-28T23:30", "2026-03-29T01:00", None),
    # ... and on 25 October it closes at the first 02:00 (summer time), 00:00 UTC.
    ("alltidhjelp", "chat", "2026-10-24T23:30", "2026-10-25T00:00", None),
    ("kirkens-sos", "chat", "2026-03-28T23:00", "2026-03-29T00:30", None),
    ("kirkens-sos", "chat", "2026-10-24T23:00", "2026-10-24T23:30", None),
    ("alarmtelefonen", "chat", "2026-03-07T20:00", "2026-03-07T22:45", None),
    ("kors-pa-halsen", "chat", "2026-03-05T20:00", "2026-03-05T23:00", None),
    ("mental-helse", "phone", "2026-10-25T02:30", None, None),
    ("kors-pa-halsen", "phone-se", "2026-01-08T12:00", None, "2026-01-21T17:00"),
    ("kors-pa-halsen", "phone-se", "2026-12-24T12:00", None, "2027-01-13T17:00"),  # week 2 of 2027
    ("mannstelefonen", "phone", "2026-05-13T20:30", None, "2026-05-18T15:00"),  # skips Ascension
    ("vo-linjen", "chat", "2026-05-16T12:00", None, "2026-05-18T07:00"),
    ("kors-pa-halsen", "phone", "2026-12-25T12:00", None, "2026-12-25T15:00"),  # 16:00 local
    ("kirkens-sos", "chat", "2026-12-25T12:00", None, "2026-12-27T13:30"),  # after the holidays
    ("kamerathjelpen", "phone", "2026-03-02T12:00", None, None),  # no known hours: never open
])
def test_transitions_in_utc(service_id, channel, at, closes, opens) -> None:
    got_close = CATALOGUE.closes_at(service_id, channel, at)
    assert (utc(got_close.isoformat()) if got_close else None) == closes
    got_open = CATALOGUE.next_open(service_id, channel, at)
    if opens is None and CATALOGUE.open_now(service_id, channel, at):
        assert got_open is not None and got_open.timestamp() == knowledge.to_oslo(at).timestamp()
    else:
        assert (utc(got_open.isoformat()) if got_open else None) == opens


def test_returned_times_are_aware_oslo() -> None:
    closes = knowledge.closes_at("alarmtelefonen", "chat", datetime(2026, 3, 7, 20, 0))
    assert closes.tzinfo is knowledge.OSLO and closes.utcoffset().total_seconds() == 3600
    summer = knowledge.next_open("vo-linjen", "chat", "2026-06-06T12:00")
    assert summer.isoformat() == "2026-06-08T09:00:00+02:00"


def test_naive_aware_and_string_times_agree() -> None:
    naive = datetime(2026, 3, 5, 0, 30)
    aware = datetime(2026, 3, 4, 23, 30, tzinfo=timezone.utc)
    for at in (naive, aware, "2026-03-05T00:30", "2026-03-05T00:30:00+01:00"):
        assert knowledge.open_now("kirkens-sos", "chat", at) is True
        assert knowledge.closes_at("kirkens-sos", "chat", at).isoformat() == "2026-03-05T01:30:00+01:00"


def test_a_channel_type_finds_the_main_channel_and_an_id_the_other() -> None:
    assert CATALOGUE.channel("kors-pa-halsen", "phone").contact == "800 333 21"
    assert CATALOGUE.channel("kors-pa-halsen", "phone-se").languages == ["se"]
    with pytest.raises(KeyError):
        CATALOGUE.channel("kors-pa-halsen", "fax")


@pytest.mark.parametrize("day, holiday", [
    ("2026-01-01", True), ("2026-04-02", True), ("2026-04-03", True), ("2026-04-05", True),
    ("2026-04-06", True), ("2026-05-01", True), ("2026-05-14", True), ("2026-05-17", True),
    ("2026-05-24", True), ("2026-05-25", True), ("2026-12-25", True), ("2026-12-26", True),
    ("2026-12-24", False), ("2026-12-31", False), ("2026-05-13", False),
])
def test_norway_public_holidays_2026(day: str, holiday: bool) -> None:
    """The library's calendar is what PH rules rest on; pin it."""
    assert Schedule("PH").is_open(f"{day}T12:00") is holiday
