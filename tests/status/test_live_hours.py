"""Reported statuses laid over the opening hours: what routing offers when a line is closed,
busy or open beyond its hours. Pure functions, no store: statuses are passed in."""
from datetime import datetime, timedelta

import pytest

import knowledge
from knowledge.hours import OSLO
from knowledge.status import LineStatus, validate_span
from triage import messages
from triage.render import render_offer

TUESDAY = datetime(2026, 12, 8, tzinfo=OSLO)  # an ordinary Tuesday, no public holiday


def at(hour: int, minute: int = 0) -> datetime:
    return TUESDAY.replace(hour=hour, minute=minute)


def status(service: str, channel: str, state: str, start: datetime, until: datetime, reason=None) -> LineStatus:
    return LineStatus(id=f"st_{service}_{channel}_{state}", service=service, channel=channel, state=state,
                      start=start, until=until, reason=reason)


def entry(service: str, channel: str, moment: datetime, statuses) -> dict:
    found = [e for e in knowledge.list_services(moment, statuses=statuses)
             if e["service"] == service and e["channel"] == channel]
    assert found, (service, channel)
    return found[0]


def test_a_chat_closed_for_an_evening_is_closed_inside_it_and_open_after() -> None:
    closed = [status("snakkommobbing", "chat", "closed", at(17), at(19), "staff")]
    inside = entry("snakkommobbing", "chat", at(18), closed)
    assert inside["open_now"] is False
    assert inside["opens_at"] == at(19).isoformat()
    assert inside["live_status"] == "closed"
    after = entry("snakkommobbing", "chat", at(19, 30), closed)
    assert after["open_now"] is True and after["closes_at"] == at(21).isoformat()
    before = entry("snakkommobbing", "chat", at(16), closed)
    assert before["open_now"] is True and before["closes_at"] == at(17).isoformat()


def test_a_closed_line_is_never_offered_as_open_by_find() -> None:
    closed = [status("snakkommobbing", "chat", "closed", at(17), at(19))]
    offers = knowledge.find("bullying", 12, "nb", at(18), statuses=closed)
    mobbing = [o for o in offers if o.service == "snakkommobbing"]
    assert all(not o.open_now for o in mobbing)
    assert any(o.open_now and o.live and o.contact for o in offers), "still one line open now"
    regular = knowledge.find("bullying", 12, "nb", at(18), statuses=[])
    assert regular[0].service == "snakkommobbing" and regular[0].open_now


def test_closing_a_24_7_line_finds_another_open_line() -> None:
    closed = [status("alarmtelefonen", "phone", "closed", at(17), at(19), "technical")]
    offers = knowledge.find("child_abuse", 12, "nb", at(18), statuses=closed)
    phone = [o for o in offers if (o.service, o.channel) == ("alarmtelefonen", "phone")]
    assert all(not o.open_now and not o.always_open for o in phone)
    assert any(o.open_now and o.live for o in offers)


def test_a_status_by_channel_id_touches_only_that_channel() -> None:
    closed = [status("alarmtelefonen", "chat", "closed", at(17), at(19))]
    assert entry("alarmtelefonen", "phone", at(18), closed)["open_now"] is True
    assert entry("alarmtelefonen", "chat", at(18), closed)["open_now"] is False
    assert entry("alarmtelefonen", "sms", at(18), closed)["open_now"] is True


def test_busy_comes_after_an_equally_fitting_line_and_says_so_from_the_catalogue() -> None:
    regular = knowledge.find("child_abuse", 12, "nb", at(19), statuses=[], limit=12)
    phone, chat = regular[0], regular[1]
    assert (phone.service, phone.channel, chat.service, chat.channel) == ("alarmtelefonen", "phone", "alarmtelefonen", "chat")
    assert phone.fit == chat.fit
    busy = [status("alarmtelefonen", "phone", "busy", at(18), at(20), "queue")]
    offers = knowledge.find("child_abuse", 12, "nb", at(19), statuses=busy, limit=12)
    flagged = next(o for o in offers if (o.service, o.channel) == ("alarmtelefonen", "phone"))
    assert flagged.open_now and flagged.busy
    assert offers[0].channel == "chat" and offers.index(flagged) == 1, "the equally fitting line comes first"
    assert offers[2].service == "kors-pa-halsen", "a line that fits less well stays below"
    assert messages.text("status_busy", "nb") in render_offer(flagged, "nb", at(19))
    assert messages.text("status_busy", "nb") not in render_offer(offers[0], "nb", at(19))


def test_a_busy_chat_points_to_the_services_open_phone() -> None:
    busy = [status("alarmtelefonen", "chat", "busy", at(18), at(20), "queue")]
    offers = knowledge.find("child_abuse", 12, "nb", at(19), statuses=busy, limit=12)
    chat = [o for o in offers if (o.service, o.channel) == ("alarmtelefonen", "chat")]
    for offer in chat:
        assert messages.text("status_busy_try_phone", "en") in render_offer(offer, "en", at(19))
    directory = entry("alarmtelefonen", "chat", at(19), busy)
    assert directory["open_now"] is True and directory["live_status"] == "busy"


def test_busy_outside_the_regular_hours_does_not_open_a_line() -> None:
    busy = [status("snakkommobbing", "chat", "busy", at(21), at(23))]
    assert entry("snakkommobbing", "chat", at(22), busy)["open_now"] is False


def test_an_extra_opening_is_open_until_its_end() -> None:
    extra = [status("snakkommobbing", "chat", "open", at(21), at(23), "extra_opening")]
    inside = entry("snakkommobbing", "chat", at(22), extra)
    assert inside["open_now"] is True and inside["closes_at"] == at(23).isoformat()
    after = entry("snakkommobbing", "chat", at(23, 30), extra)
    assert after["open_now"] is False
    assert after["opens_at"] == (TUESDAY + timedelta(days=1)).replace(hour=14, minute=30).isoformat()
    assert entry("snakkommobbing", "chat", at(20), extra)["closes_at"] == at(23).isoformat()


def test_emergency_numbers_have_no_status() -> None:
    closed = [status("politi-112", "phone", "closed", at(17), at(19)),
              status("amk-113", "phone", "closed", at(17), at(19))]
    for service in ("politi-112", "amk-113"):
        line = entry(service, "phone", at(18), closed)
        assert line["open_now"] is True and line["live_status"] is None


@pytest.mark.parametrize("start, until, problem", [
    (at(19), at(18), "after"),
    (at(18), at(18) + timedelta(days=32), "31 days"),
    (at(10), at(11), "past"),
])
def test_a_status_span_is_checked(start, until, problem) -> None:
    assert problem in validate_span(start, until, now=at(12))


def test_an_acceptable_span_passes() -> None:
    assert validate_span(at(12), at(12) + timedelta(days=31), now=at(12)) is None


def test_a_closing_planned_for_next_week_leaves_a_24_7_line_open_day_and_night_now() -> None:
    later = [status("alarmtelefonen", "phone", "closed", at(17) + timedelta(days=7), at(19) + timedelta(days=7))]
    phone = next(o for o in knowledge.find("child_abuse", 12, "nb", at(18), statuses=later, limit=12)
                 if (o.service, o.channel) == ("alarmtelefonen", "phone"))
    assert phone.open_now and phone.always_open
    soon = [status("alarmtelefonen", "phone", "closed", at(20), at(21))]
    phone = next(o for o in knowledge.find("child_abuse", 12, "nb", at(18), statuses=soon, limit=12)
                 if (o.service, o.channel) == ("alarmtelefonen", "phone"))
    assert phone.open_now and not phone.always_open and phone.closes_at == at(20)
