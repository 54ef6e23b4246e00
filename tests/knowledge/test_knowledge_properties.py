"""Properties over random instants in 2026–2027: the hours never contradict themselves, and find()
always holds a line that is open now."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import knowledge

CATALOGUE = knowledge.load_catalogue()
CHANNELS = sorted((s.id, c.id) for s in CATALOGUE.services.values() for c in s.channels)
SECOND = timedelta(seconds=1)

# Random UTC instants, converted to Oslo: covers both DST nights and the repeated autumn hour.
instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31, 23, 59),
    timezones=st.just(timezone.utc),
).map(lambda t: t.astimezone(knowledge.OSLO))
# The dangerous minutes: around midnight and the DST switches, where off-by-one-hour bugs live.
edges = st.sampled_from([
    "2026-03-29T00:59:59+00:00", "2026-03-29T01:00:00+00:00", "2026-10-25T00:00:00+00:00",
    "2026-10-25T00:59:59+00:00", "2026-10-25T01:00:00+00:00", "2027-03-28T01:00:00+00:00",
    "2027-10-31T00:30:00+00:00", "2026-12-31T23:00:00+00:00", "2026-05-16T22:00:00+00:00",
]).map(lambda s: datetime.fromisoformat(s).astimezone(knowledge.OSLO))
any_instant = st.one_of(instants, edges)

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def same(a: datetime, b: datetime) -> bool:
    return a.timestamp() == b.timestamp()  # compare instants, never wall clocks


def utc(t: datetime) -> datetime:
    """Aware arithmetic within one tzinfo is wall-clock arithmetic in Python; do it in UTC."""
    return t.astimezone(timezone.utc)


@PROPERTY
@given(channel=st.sampled_from(CHANNELS), at=any_instant)
def test_open_now_agrees_with_next_open_and_closes_at(channel, at) -> None:
    sid, cid = channel
    at = utc(at)
    is_open = CATALOGUE.open_now(sid, cid, at)
    opens = CATALOGUE.next_open(sid, cid, at)
    closes = CATALOGUE.closes_at(sid, cid, at)
    if is_open:
        assert opens is not None and same(opens, at)
        if closes is None:
            assert CATALOGUE.schedule(sid, cid).always_open
        else:
            assert closes.timestamp() > at.timestamp()
            assert CATALOGUE.open_now(sid, cid, utc(closes) - SECOND)
            assert not CATALOGUE.open_now(sid, cid, closes)
            middle = at + (utc(closes) - at) / 2
            assert CATALOGUE.open_now(sid, cid, middle)
    else:
        assert closes is None
        if opens is not None:
            assert opens.timestamp() > at.timestamp()
            assert CATALOGUE.open_now(sid, cid, opens)
            assert not CATALOGUE.open_now(sid, cid, utc(opens) - SECOND)
            assert not CATALOGUE.open_now(sid, cid, at + (utc(opens) - at) / 2)
    for moment in (opens, closes):
        assert moment is None or moment.tzinfo is knowledge.OSLO


@PROPERTY
@given(
    topic=st.sampled_from(knowledge.TOPICS),
    age=st.one_of(st.none(), st.integers(min_value=0, max_value=110)),
    language=st.sampled_from(knowledge.LANGUAGES),
    at=any_instant,
    channel_pref=st.one_of(st.none(), st.sampled_from(knowledge.CHANNEL_TYPES)),
    limit=st.integers(min_value=1, max_value=8),
    gender=st.sampled_from([None, "women", "men", "girls", "boys"]),
)
def test_find_always_offers_a_line_open_now(topic, age, language, at, channel_pref, limit, gender) -> None:
    offers = knowledge.find(topic, age, language, at, channel_pref, limit, gender=gender)
    assert 1 <= len(offers) <= limit
    assert any(o.open_now and o.live and o.contact for o in offers)
    assert len({(o.service, o.channel_id) for o in offers}) == len(offers)
    for offer in offers:
        truly_open = CATALOGUE.open_now(offer.service, offer.channel_id, at)
        assert offer.open_now == truly_open  # never closed-as-open, never open-as-closed
        assert offer.contact
        assert not offer.open_now or offer.opens_at is None
        assert offer.closes_at is None or offer.open_now
        assert not CATALOGUE.services[offer.service].emergency
    opened = [o.open_now for o in offers]
    assert opened == sorted(opened, reverse=True)  # open ones first
