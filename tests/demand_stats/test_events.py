"""Demand events keep only the listed, coarse facts: a date, an hour of week in Oslo, an age band."""
from datetime import datetime, timezone

import pytest

from stats.events import AGE_BANDS, DemandEvent, age_band, hour_of_week


@pytest.mark.parametrize("age, band", [
    (None, "unknown"), (0, "under_13"), (12, "under_13"), (13, "13_15"), (15, "13_15"), (16, "16_17"),
    (17, "16_17"), (18, "18_25"), (25, "18_25"), (26, "26_64"), (64, "26_64"), (65, "65_plus"), (101, "65_plus"),
])
def test_age_bands_have_the_issue_boundaries(age, band):
    assert age_band(age) == band
    assert band in AGE_BANDS


def test_hour_of_week_is_oslo_wall_time_through_the_spring_and_autumn_clock_changes():
    # Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST.
    assert hour_of_week(datetime(2026, 3, 29, 0, 30, tzinfo=timezone.utc)) == 6 * 24 + 1
    assert hour_of_week(datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc)) == 6 * 24 + 3
    # Sunday 25 October 2026: the hour 02:00-03:00 comes twice; both are hour 2 of Sunday.
    assert hour_of_week(datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)) == 6 * 24 + 2
    assert hour_of_week(datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc)) == 6 * 24 + 2
    assert hour_of_week(datetime(2026, 12, 7, 0, 0)) == 0  # a naive time is Oslo time; Monday 00:00
    assert hour_of_week(datetime(2026, 12, 13, 23, 59)) == 167


def test_an_event_holds_only_the_listed_fields_and_no_time_of_day():
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)  # already 1 January in Oslo
    event = DemandEvent.create(moment, language="se", reply_language="se", topic="partner_violence",
                               urgency="high", age=14, channel="sms", outcome="nothing_fitting_open",
                               services=["vo-linjen", "girku-sos", "vo-linjen"])
    assert set(event.as_dict()) == {"date", "hour_of_week", "language", "reply_language", "topic", "urgency",
                                    "age_band", "channel", "outcome", "services"}
    assert event.date == "2027-01-01" and event.hour_of_week == 4 * 24 + 0
    assert event.age_band == "13_15"
    assert event.services == "girku-sos,vo-linjen"
    assert "23:30" not in str(event.as_dict()) and "00:30" not in str(event.as_dict())


@pytest.mark.parametrize("field, value", [("channel", "fax"), ("outcome", "maybe")])
def test_an_event_with_an_unknown_channel_or_outcome_is_refused(field, value):
    facts = dict(language="nb", reply_language="nb", topic="other", urgency="normal", age=None,
                 channel="rest", outcome="best_fit_open", services=[])
    facts[field] = value
    with pytest.raises(ValueError):
        DemandEvent.create(datetime(2026, 12, 7, 12), **facts)
