"""Languages and interpreters: recorded from appendix B, mapped to HSDS, used in the ranking."""
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest

import knowledge
from knowledge import load_catalogue
from knowledge.hsds_languages import interpretation_services, service_languages

HSDS = Path(__file__).resolve().parents[3] / "shared" / "hsds" / "service.json"
EVENING = datetime(2026, 11, 18, 19, 0, tzinfo=ZoneInfo("Europe/Oslo"))


def test_every_service_validates_as_hsds_with_its_languages_and_interpreters() -> None:
    schema = json.loads(HSDS.read_text(encoding="utf-8"))
    for service in load_catalogue().services.values():
        record = {"id": service_languages(service)[0]["service_id"], "name": service.names["en"],
                  "status": "active", "languages": service_languages(service)}
        interpreters = interpretation_services(service)
        if interpreters:
            record["interpretation_services"] = interpreters
        jsonschema.validate(record, schema)


def test_the_appendix_b_facts_arrive_in_hsds_terms() -> None:
    services = load_catalogue().services
    assert "ar" in {l["code"] for l in service_languages(services["rode-kors-telefonen"])}
    assert "Somali" in interpretation_services(services["alarmtelefonen"])
    assert "on request" in interpretation_services(services["hfsm"])
    assert interpretation_services(services["vo-linjen"]) is None  # "VO-linjen tilbyr i dag ikke tolk"


def test_languages_only_reached_through_an_interpreter_are_not_hsds_languages() -> None:
    codes = {l["code"] for l in service_languages(load_catalogue().services["alarmtelefonen"])}
    assert "so" not in codes and {"nb", "en"} <= codes


@pytest.mark.parametrize("language", ["pl", "ti", "prs"])
def test_an_interpreter_on_request_counts_for_any_other_language(language: str) -> None:
    found = knowledge.find("sexual_abuse", 30, language, EVENING, reply_language="en")
    hfsm = [o for o in found if o.service == "hfsm" and o.channel == "phone"]
    assert hfsm and hfsm[0].interpreter_on_request


def test_the_writers_language_outranks_the_reply_language() -> None:
    arabic = {o.service: o.fit for o in knowledge.find("honour_control", 30, "ar", EVENING, reply_language="en")}
    english = {o.service: o.fit for o in knowledge.find("honour_control", 30, "en", EVENING)}
    # Røde Kors-telefonen answers in Arabic: its lead over VO-linjen (English) grows for an Arabic writer.
    assert max(arabic, key=arabic.get) == "rode-kors-telefonen"
    assert arabic["rode-kors-telefonen"] - arabic["vo-linjen"] > english["rode-kors-telefonen"] - english["vo-linjen"]


def test_dari_writers_count_as_persian_for_interpreters() -> None:
    dari = knowledge.find("child_abuse", 12, "prs", EVENING, reply_language="en")
    persian = knowledge.find("child_abuse", 12, "fa", EVENING, reply_language="en")
    assert [(o.service, o.score) for o in dari] == [(o.service, o.score) for o in persian]
