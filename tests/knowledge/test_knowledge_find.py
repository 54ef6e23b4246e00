"""find(): who gets offered, in what order, and the Directory listing."""
from __future__ import annotations

import json
from dataclasses import FrozenInstanceError

import pytest

import knowledge
from knowledge import find, list_services

CATALOGUE = knowledge.load_catalogue()
WED_NIGHT = "2026-03-04T03:00"  # everything but the 24/7 lines is closed
WED_AFTERNOON = "2026-03-04T17:00"
SAT_NIGHT = "2026-03-07T23:00"


def services(offers):
    return [o.service for o in offers]


def test_a_child_at_night_gets_alarmtelefonen_open_first() -> None:
    offers = find("child_abuse", 12, "nb", WED_NIGHT)
    assert (offers[0].service, offers[0].channel, offers[0].open_now) == ("alarmtelefonen", "phone", True)
    assert offers[0].always_open and offers[0].contact == "116 111" and offers[0].anonymous
    assert not {"mental-helse", "sidetmedord"} & set(services(offers[:1]))


def test_an_adult_in_partner_violence_gets_vo_linjen_and_no_child_line() -> None:
    offers = find("partner_violence", 35, "nb", WED_NIGHT)
    assert offers[0].service == "vo-linjen" and offers[0].open_now
    assert "alarmtelefonen" not in services(offers)
    krisesenter = next(o for o in offers if o.service == "krisesentre")
    assert krisesenter.channel == "web" and krisesenter.anonymity == "number_visible"
    assert not krisesenter.anonymous


def test_unknown_age_offers_both_youth_and_adult_services() -> None:
    for topic, youth, adult in [("child_abuse", "alarmtelefonen", "mental-helse"),
                                ("partner_violence", "alarmtelefonen", "vo-linjen"),
                                ("sexual_abuse", "alarmtelefonen", "hfsm")]:
        got = services(find(topic, None, "nb", WED_NIGHT))
        assert youth in got and adult in got, (topic, got)


def test_specialists_come_before_generalists() -> None:
    offers = find("bullying", 14, "nb", WED_AFTERNOON)
    assert offers[0].service == "snakkommobbing" and offers[0].open_now
    assert services(offers).index("snakkommobbing") < services(offers).index("alarmtelefonen")


def test_a_closed_specialist_is_offered_with_its_opening_and_an_open_line_beside_it() -> None:
    offers = find("honour_control", 25, "nb", SAT_NIGHT)
    rode_kors = next(o for o in offers if o.service == "rode-kors-telefonen")
    assert not rode_kors.open_now and rode_kors.closes_at is None
    assert rode_kors.opens_at.isoformat() == "2026-03-09T09:00:00+01:00"
    assert offers[0].open_now and offers[0].live  # open ones first
    assert "vo-linjen" in services(offers)  # the fallback outside office hours


def test_never_a_null_contact() -> None:
    for topic in knowledge.TOPICS:
        for age in (None, 10, 16, 40):
            assert all(o.contact for o in find(topic, age, "nb", SAT_NIGHT)), (topic, age)


def test_trafficking_offers_rosa_and_an_open_line_until_its_number_is_verified() -> None:
    offers = find("trafficking", 30, "en", WED_NIGHT)
    rosa = next(o for o in offers if o.service == "rosa")
    assert rosa.channel == "web" and "en" in rosa.languages
    assert any(o.open_now and o.live for o in offers)


def test_sexual_interest_in_children_is_routed_to_det_finnes_hjelp() -> None:
    offers = find("sexual_interest_children", 40, "nb", "2026-03-07T12:30")  # Saturday
    dfh = next(o for o in offers if o.service == "det-finnes-hjelp")
    assert not dfh.open_now and dfh.opens_at.isoformat() == "2026-03-09T12:00:00+01:00"
    assert offers[0].service == "mental-helse" and offers[0].open_now


def test_concerned_adults_can_reach_alarmtelefonen() -> None:
    assert "alarmtelefonen" in services(find("concerned_other", 45, "nb", WED_NIGHT))
    assert "alarmtelefonen" in services(find("parent_support", 38, "nb", WED_NIGHT))


def test_age_limits_are_respected() -> None:
    assert "unge-relasjoner" not in services(find("dating_violence", 14, "nb", "2026-03-03T13:00"))
    assert "unge-relasjoner" in services(find("dating_violence", 17, "nb", "2026-03-03T13:00"))
    assert "snakkommobbing" not in services(find("bullying", 30, "nb", WED_AFTERNOON))


def test_sami_speakers_are_offered_the_sami_offer_without_losing_the_rest() -> None:
    offers = find("mental_health", 30, "se", WED_NIGHT)
    assert "girku-sos" in services(offers)
    assert any(o.open_now and o.live for o in offers)
    girku = next(o for o in offers if o.service == "girku-sos")
    assert girku.channel == "message" and not girku.always_open and girku.name == "Girku SOS"


def test_gender_is_optional_and_men_only_lines_are_not_forced_on_others() -> None:
    assert "mannstelefonen" not in services(find("own_violence", 30, "nb", "2026-03-02T18:00", gender="women"))
    men = find("own_violence", 30, "nb", "2026-03-02T18:00", gender="men")
    reform = next(o for o in men if o.service == "mannstelefonen")
    assert reform.channel == "web"  # its number is not in the seeds: the web page stands in


def test_channel_preference_moves_chats_up() -> None:
    plain = find("mental_health", 30, "nb", WED_NIGHT)
    chat = find("mental_health", 30, "nb", WED_NIGHT, channel_pref="chat")
    assert chat[0].channel == "chat" and chat[0].service == "sidetmedord"
    assert plain[0].channel == "phone"


def test_limit_is_respected_and_still_holds_an_open_line() -> None:
    for limit in (1, 2, 3):
        offers = find("sexual_interest_children", 40, "nb", "2026-03-07T12:30", limit=limit)
        assert len(offers) == limit and any(o.open_now and o.live for o in offers)


def test_offers_are_frozen_and_serialise() -> None:
    offer = find("child_abuse", 15, "nb", WED_AFTERNOON)[0]
    with pytest.raises(FrozenInstanceError):
        offer.open_now = False  # type: ignore[misc]
    data = json.loads(json.dumps(offer.to_dict()))
    assert set(data) >= {"service", "name", "channel", "contact", "open_now", "opens_at", "closes_at",
                         "anonymous", "anonymity", "languages", "score", "always_open"}


def test_names_follow_the_language() -> None:
    assert find("partner_violence", 30, "en", WED_NIGHT)[0].name == "Violence and abuse helpline (VO-linjen)"


# --- the Directory ----------------------------------------------------------------------------

DIRECTORY_KEYS = {"service", "name", "channel", "contact", "open_now", "opens_at", "closes_at",
                  "languages", "min_age", "max_age", "anonymous", "source"}


def test_directory_entries_carry_the_contract_keys_and_serialise() -> None:
    entries = list_services(WED_AFTERNOON)
    assert len(entries) == sum(len(s.channels) for s in CATALOGUE.services.values())
    for entry in entries:
        assert DIRECTORY_KEYS <= set(entry)
        assert entry["channel"] in knowledge.CHANNEL_TYPES
        assert (entry["opens_at"] is None) or not entry["open_now"]
        assert (entry["closes_at"] is None) or entry["open_now"]
    json.dumps(entries)


def test_directory_open_now_filter() -> None:
    entries = list_services(WED_NIGHT, open_now=True)
    assert entries and all(e["open_now"] for e in entries)
    assert ("vo-linjen", "phone") in {(e["service"], e["channel"]) for e in entries}
    assert ("vo-linjen", "chat") not in {(e["service"], e["channel"]) for e in entries}


def test_directory_topic_age_and_language_filters() -> None:
    pv = {e["service"] for e in list_services(WED_NIGHT, topic="partner_violence")}
    assert {"vo-linjen", "krisesentre", "tryggest", "alarmtelefonen"} <= pv and "hfsm" not in pv
    adults = {e["service"] for e in list_services(WED_NIGHT, age=30)}
    assert "alarmtelefonen" not in adults and "kors-pa-halsen" not in adults and "vo-linjen" in adults
    sami = {(e["service"], e["channel_id"]) for e in list_services(WED_NIGHT, lang="se")}
    assert {("kors-pa-halsen", "phone-se"), ("girku-sos", "message"), ("hfsm", "message")} <= sami
    assert all(e["name"] for e in list_services(WED_NIGHT, lang="se"))


def test_directory_times_are_oslo_iso() -> None:
    entry = next(e for e in list_services("2026-03-04T20:00") if e["service"] == "vo-linjen" and e["channel"] == "chat")
    assert entry["open_now"] is False and entry["opens_at"] == "2026-03-05T09:00:00+01:00"
