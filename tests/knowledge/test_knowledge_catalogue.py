"""The catalogue itself: contract IDs, provenance of every contact, schema enforced on load."""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

import knowledge
from knowledge.catalogue import CATALOGUE_PATH, ROUTING_PATH

CATALOGUE = knowledge.load_catalogue()
SHARED = Path("/work/shared")
SEEDS = SHARED / "seeds"

# ../shared/contract/TRIAGE.md, "Services".
CONTRACT_SERVICES = {
    "alarmtelefonen", "alltidhjelp", "sex-og-samfunn", "rosa", "foreldresupport", "girku-sos",
    "mental-helse", "hfsm", "jentevakta", "kamerathjelpen", "kirkens-sos", "kompetanseteamet",
    "kors-pa-halsen", "krisesentre", "mannstelefonen", "psykterlig", "rode-kors-telefonen", "sanks",
    "sidetmedord", "snakkommobbing", "snakkompsyken", "stottesenter", "tryggest",
    "ungdomstelefonen", "unge-relasjoner", "vo-linjen", "det-finnes-hjelp",
}
EMERGENCY = {"politi-112", "amk-113", "legevakt-116117"}


def channels():
    for service in CATALOGUE.services.values():
        for channel in service.channels:
            yield service, channel


def test_catalogue_holds_exactly_the_contract_services() -> None:
    assert set(CATALOGUE.services) == CONTRACT_SERVICES | EMERGENCY
    assert {s.id for s in CATALOGUE.services.values() if s.emergency} == EMERGENCY


def test_contract_ids_match_triage_md() -> None:
    triage = SHARED / "contract" / "TRIAGE.md"
    if not triage.exists():
        pytest.skip("shared contract not mounted")
    section = triage.read_text(encoding="utf-8").split("## Services", 1)[1].split("##", 1)[0]
    assert set(re.findall(r"`([a-z0-9-]+)`", section)) - {"phone", "chat", "sms", "message",
                                                          "whatsapp", "web"} == set(CATALOGUE.services)


def test_load_is_cached() -> None:
    assert knowledge.load_catalogue() is knowledge.load_catalogue(CATALOGUE_PATH)


def test_no_contact_detail_without_a_source() -> None:
    for service, channel in channels():
        assert channel.source.strip() and channel.last_verified, (service.id, channel.id)
        if channel.contact is None or not channel.verified:
            assert channel.note, (service.id, channel.id)
        if channel.contact is not None:
            assert re.search(r"seed 00\d|contract", channel.source), (service.id, channel.id)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def _cited_texts(source: str) -> str:
    texts = []
    for number in sorted(set(re.findall(r"seed (00\d)", source))):
        texts += [p.read_text(encoding="utf-8") for p in SEEDS.glob(f"{number}_*.txt")]
    if "contract" in source:
        texts += [p.read_text(encoding="utf-8") for p in (SHARED / "contract").glob("*.md")]
    return _normal("\n".join(texts))


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not mounted")
def test_every_contact_is_written_in_the_source_it_cites() -> None:
    """Never a made-up number: each contact occurs verbatim in a file its source names."""
    for service, channel in channels():
        if channel.contact is None:
            continue
        bare = re.sub(r"^https?://", "", channel.contact).rstrip("/")
        assert _normal(bare) in _cited_texts(channel.source), (service.id, channel.id, channel.contact)


def test_local_services_hand_over_to_a_finder_page_not_a_number() -> None:
    for sid in ("krisesentre", "tryggest"):
        service = CATALOGUE.services[sid]
        assert not service.national
        assert all(c.contact is None for c in service.channels if c.type == "phone")
        assert any(c.type == "web" and c.contact for c in service.channels)


def test_anonymity_follows_table_1_and_appendix_b() -> None:
    not_full = {s.id for s in CATALOGUE.services.values() if s.anonymity != "full" and not s.emergency}
    assert not_full == {"kamerathjelpen", "kompetanseteamet", "krisesentre", "mannstelefonen",
                        "sanks", "stottesenter", "tryggest"}
    assert CATALOGUE.services["krisesentre"].anonymity == "number_visible"
    assert CATALOGUE.channel("rode-kors-telefonen", "whatsapp").anonymity == "number_visible"


def test_the_sami_offer_is_recorded() -> None:
    sami_line = CATALOGUE.channel("kors-pa-halsen", "phone-se")
    assert sami_line.hours == "week 02-52/2 We 18:00-21:00" and sami_line.languages == ["se"]
    assert CATALOGUE.services["girku-sos"].names["se"] == "Girku SOS"
    assert "24" in CATALOGUE.channel("girku-sos", "message").note
    assert "se" in CATALOGUE.services["sanks"].languages
    assert "se" in CATALOGUE.channel("hfsm", "message").languages


def test_verified_numbers() -> None:
    numbers = {sid: CATALOGUE.channel(sid, "phone").contact for sid in
               ("alarmtelefonen", "mental-helse", "hfsm", "kirkens-sos", "kors-pa-halsen", "vo-linjen",
                "politi-112", "amk-113", "legevakt-116117")}
    assert numbers == {
        "alarmtelefonen": "116 111", "mental-helse": "116 123", "hfsm": "800 57 000",
        "kirkens-sos": "22 40 00 40", "kors-pa-halsen": "800 333 21", "vo-linjen": "116 006",
        "politi-112": "112", "amk-113": "113", "legevakt-116117": "116117",
    }


@pytest.mark.parametrize("lang", ["nb", "nn", "en", "se"])
def test_service_texts_exist_for_every_service(lang: str) -> None:
    path = Path(__file__).resolve().parents[2] / "languages" / lang / "services.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["language"] == lang
    assert set(data["services"]) == set(CATALOGUE.services)
    review = "needs_native_review" if lang == "se" else "draft"
    for sid, entry in data["services"].items():
        assert entry["name"] and entry["purpose"] and entry["review"] in (review, "reviewed"), sid
        assert "{" not in entry["purpose"] and "}" not in entry["purpose"], sid


# --- the schema is enforced on load ---------------------------------------------------------

def _broken_catalogue(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(ROUTING_PATH, tmp_path / "routing.yaml")
    return path


def _service(data, sid):
    return next(s for s in data["services"] if s["id"] == sid)


BREAKAGES = {
    "source missing": (lambda d: _service(d, "vo-linjen")["channels"][0].update(source=" "), "source"),
    "null contact claimed verified": (
        lambda d: _service(d, "rosa")["channels"][0].update(verified=True), "verified must be false"),
    "bad hours": (lambda d: _service(d, "vo-linjen")["channels"][1].update(hours="Mo-Fr 9-20"), "parse"),
    "unknown topic": (lambda d: _service(d, "hfsm").update(topics=["rape"]), "topics"),
    "repeated id": (lambda d: d["services"].append(dict(_service(d, "hfsm"))), "repeat"),
    "local number": (
        lambda d: _service(d, "krisesentre")["channels"][0].update(contact="12 34 56 78"),
        "finder page"),
    "bad phone": (lambda d: _service(d, "hfsm")["channels"][0].update(contact="call us"), "look like"),
    "bad date": (lambda d: _service(d, "hfsm").update(last_verified="Feb 2026"), "last_verified"),
    "unknown field": (lambda d: _service(d, "hfsm").update(phone="800"), "extra fields"),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_schema_breaches_are_load_errors(tmp_path: Path, name: str) -> None:
    edit, expected = BREAKAGES[name]
    path = _broken_catalogue(tmp_path, edit)
    with pytest.raises(knowledge.CatalogueError) as caught:
        knowledge.load_catalogue(path)
    assert expected in str(caught.value)
    errors, _warnings = knowledge.check_catalogue(path=path)
    assert errors


def test_routing_must_name_real_services(tmp_path: Path) -> None:
    path = _broken_catalogue(tmp_path, lambda d: None)
    routing = yaml.safe_load((tmp_path / "routing.yaml").read_text(encoding="utf-8"))
    routing["topics"]["trafficking"]["adult"].append("no-such-line")
    routing["last_resort"].append("kors-pa-halsen:phone")  # not 24/7
    (tmp_path / "routing.yaml").write_text(yaml.safe_dump(routing), encoding="utf-8")
    errors, _ = knowledge.check_catalogue(path=path)
    assert any("no-such-line" in e for e in errors)
    assert any("must be a 24/7 line" in e for e in errors)


# --- staleness --------------------------------------------------------------------------------

def test_check_passes_on_the_real_catalogue() -> None:
    errors, warnings = knowledge.check_catalogue(today=date(2026, 3, 1))
    assert errors == []
    assert not any("days ago" in w for w in warnings if "2026-02" in w)
    assert any("rosa/phone: no verified contact" in w for w in warnings)


def test_check_warns_on_stale_entries() -> None:
    _errors, warnings = knowledge.check_catalogue(max_age_days=30, today=date(2026, 6, 1))
    assert any(w.startswith("vo-linjen/phone: last verified 2026-02") for w in warnings)
    _errors, warnings = knowledge.check_catalogue(max_age_days=365, today=date(2026, 6, 1))
    assert not any(w.startswith("vo-linjen/phone: last verified") for w in warnings)
    assert any(w.startswith("alarmtelefonen/message: last verified 2024-12") for w in warnings)
