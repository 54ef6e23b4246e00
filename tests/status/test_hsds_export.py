"""GET /v1/hsds/services and /v1/hsds/services/{id}: every response validates against the Open
Referral HSDS 3.0.1 schemas (../shared/hsds/), with channels, hours, languages, ages and alerts."""
import json
from datetime import datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

import knowledge
from bot.app import create_app
from bot.settings import Settings
from bot.tokens import issue
from knowledge import status_store
from knowledge.hsds_languages import hsds_id
from triage import messages

HERE = Path(__file__).resolve()


def _schemas_dir() -> Path:
    """../shared/hsds beside the repository (the first ancestor that has it)."""
    for parent in HERE.parents:
        if (parent / "shared" / "hsds" / "service.json").is_file():
            return parent / "shared" / "hsds"
    raise FileNotFoundError("the HSDS schemas (shared/hsds/service.json) are not beside the repository")


SCHEMAS = _schemas_dir()
SERVICE = json.loads((SCHEMAS / "service.json").read_text(encoding="utf-8"))
SERVICE_LIST = json.loads((SCHEMAS / "service_list.json").read_text(encoding="utf-8"))
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}
CHECKER = jsonschema.FormatChecker()
AT = "2026-12-08T19:00"


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    settings = Settings(rasa_url="http://127.0.0.1:9", action_server_url="http://127.0.0.1:9",
                        status_db=str(tmp_path_factory.mktemp("hsds") / "status.sqlite3"))
    app = create_app(settings)
    with TestClient(app) as client:
        yield client, app
    status_store.configure(None)  # routing in this process reads the environment's store again


_VALIDATORS = {}


def _validate(record: dict, schema: dict) -> None:
    """Raise on any breach; one validator per schema (service.json is 2 MB)."""
    key = id(schema)
    if key not in _VALIDATORS:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _VALIDATORS[key] = cls(schema, format_checker=CHECKER)
    _VALIDATORS[key].validate(record)


def test_the_list_is_an_hsds_page_of_valid_service_list_items(gateway) -> None:
    client, _ = gateway
    total = len(knowledge.load_catalogue().services)
    first = client.get("/v1/hsds/services", params={"per_page": 10, "at": AT}).json()
    assert set(first) == PAGE_KEYS
    assert first["total_items"] == total and first["total_pages"] == -(-total // 10)
    assert first["first_page"] and not first["last_page"] and first["size"] == 10 and not first["empty"]
    seen = []
    for number in range(1, first["total_pages"] + 1):
        page = client.get("/v1/hsds/services", params={"per_page": 10, "page": number, "at": AT}).json()
        for item in page["contents"]:
            _validate(item, SERVICE_LIST)
            assert "schedules" not in item and "phones" not in item
        seen += [item["id"] for item in page["contents"]]
    assert page["last_page"] and len(seen) == len(set(seen)) == total
    beyond = client.get("/v1/hsds/services", params={"per_page": 10, "page": first["total_pages"] + 1}).json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["size"] == 0


def test_every_full_service_validates_against_service_json(gateway) -> None:
    client, _ = gateway
    for service_id in knowledge.load_catalogue().services:
        record = client.get(f"/v1/hsds/services/{service_id}", params={"at": AT}).json()
        _validate(record, SERVICE)
        assert record["id"] == hsds_id(service_id)


def test_channels_become_phones_and_contacts_with_schedules_languages_and_ages(gateway) -> None:
    client, _ = gateway
    record = client.get("/v1/hsds/services/alarmtelefonen", params={"at": AT}).json()
    assert [p["number"] for p in record["phones"]] == ["116 111"]
    assert {c["title"] for c in record["contacts"]} == {"phone", "chat", "message", "web"}  # sms has no number
    assert record["maximum_age"] == 17 and "minimum_age" not in record
    assert {"nb", "en"} <= {l["code"] for l in record["languages"]}
    assert "Somali" in record["interpretation_services"]
    chat = [s for s in record["schedules"] if s["attending_type"] == "chat"]
    assert {(s["byday"], s["opens_at"], s["closes_at"]) for s in chat} == {
        ("MO,TU,WE,TH,FR,SU", "16:15", "22:45"), ("SA", "16:15", "23:45")}
    phone = [s for s in record["schedules"] if s["attending_type"] == "phone"]
    assert phone == [dict(phone[0], byday="MO,TU,WE,TH,FR,SA,SU", freq="WEEKLY")]
    assert "alert" not in record and record["status"] == "active"


def test_the_every_other_week_sami_line_gets_byweekno(gateway) -> None:
    client, _ = gateway
    record = client.get("/v1/hsds/services/kors-pa-halsen", params={"at": AT}).json()
    sami = [s for s in record["schedules"] if "byweekno" in s]
    assert len(sami) == 1
    assert sami[0]["byday"] == "WE" and (sami[0]["opens_at"], sami[0]["closes_at"]) == ("18:00", "21:00")
    assert sami[0]["byweekno"] == ",".join(str(w) for w in range(2, 53, 2))


def test_seasons_and_public_holidays_get_valid_from_and_valid_to(gateway) -> None:
    client, _ = gateway
    seasonal = client.get("/v1/hsds/services/kors-pa-halsen", params={"at": AT}).json()["schedules"]
    christmas = [s for s in seasonal if s.get("opens_at") == "16:00" and s.get("valid_from", "") <= "2026-12-24"
                 <= s.get("valid_to", "")]
    assert christmas, "the Christmas hours (16-22) are dated"
    closed = client.get("/v1/hsds/services/mannstelefonen", params={"at": AT}).json()["schedules"]
    holidays = [s for s in closed if "public holiday, closed" in s.get("description", "")]
    assert holidays and all(s["valid_from"] == s["valid_to"] for s in holidays)
    assert any(s["valid_from"] == "2027-05-17" for s in holidays)  # Constitution Day, a Monday


def test_a_reported_status_in_force_is_an_alert_in_catalogue_words(gateway) -> None:
    client, app = gateway
    day = datetime.now(knowledge.OSLO).date() + timedelta(days=2)
    start, until = f"{day}T17:00", f"{day}T19:00"
    token = issue(app.state.status_store, "service", "alarmtelefonen").token
    created = client.post("/v1/status", headers={"Authorization": f"Bearer {token}"}, json={
        "service": "alarmtelefonen", "channel": "chat", "state": "closed", "from": start, "until": until})
    assert created.status_code == 201
    try:
        record = client.get("/v1/hsds/services/alarmtelefonen", params={"at": f"{day}T18:00", "lang": "en"}).json()
        _validate(record, SERVICE)
        assert record["alert"] == messages.text("status_alert_closed", "en", channel="chat", until=f"{day} 19:00")
        assert record["status"] == "active"  # the phone is still open
        listed = client.get("/v1/hsds/services", params={"at": f"{day}T18:00", "per_page": 200}).json()
        item = next(i for i in listed["contents"] if i["id"] == hsds_id("alarmtelefonen"))
        assert item["alert"] == messages.text("status_alert_closed", "nb", channel="chat", until=f"{day} 19:00")
        after = client.get("/v1/hsds/services/alarmtelefonen", params={"at": f"{day}T19:30"}).json()
        assert "alert" not in after
    finally:
        client.delete(f"/v1/status/{created.json()['id']}", headers={"Authorization": f"Bearer {token}"})


def test_a_service_is_found_by_its_hsds_id_and_an_unknown_one_is_404(gateway) -> None:
    client, _ = gateway
    by_uuid = client.get(f"/v1/hsds/services/{hsds_id('vo-linjen')}").json()
    assert by_uuid["alternate_name"] == "vo-linjen"
    assert client.get("/v1/hsds/services/no-such-service").status_code == 404
    assert client.get("/v1/hsds/services", params={"lang": "xx"}).status_code == 422


@pytest.mark.parametrize("breach", [{"id": "not-a-uuid"}, {"status": "open"}, {"minimum_age": None},
                                    {"schedules": [{"id": hsds_id("x"), "freq": "DAILY"}]}])
def test_the_validation_would_catch_a_broken_record(gateway, breach) -> None:
    client, _ = gateway
    record = {**client.get("/v1/hsds/services/vo-linjen").json(), **breach}
    with pytest.raises(jsonschema.ValidationError):
        _validate(record, SERVICE)
