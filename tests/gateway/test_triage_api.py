"""POST /v1/triage against the real bot: the contract's JSON, acute first, same as the CLI."""
import httpx
import pytest


@pytest.mark.parametrize("text, language", [
    ("han står utenfor døra med kniv nå", "nb"),
    ("he has a knife and is outside my door right now", "en"),
    ("eg har teke alle tablettane mine no", "nn"),
])
def test_acute_messages_get_emergency_numbers(bot_url, text, language):
    result = httpx.post(f"{bot_url}/v1/triage", json={"text": text, "at": "2026-11-18T03:00", "id": "t"},
                        timeout=60).json()
    assert result["urgency"] == "acute" and result["emergency"]
    assert result["language"] == language
    numbers = {e["number"] for e in result["emergency"]}
    assert numbers & {"112", "113"}
    assert result["reply"].splitlines()[0].count("112") + result["reply"].splitlines()[0].count("113") >= 1


def test_handover_lists_open_channels_first_and_matches_the_cli_shape(bot_url):
    result = httpx.post(f"{bot_url}/v1/triage", json={"text": "pappa slår meg og mamma", "age": 12,
                                                       "at": "2026-11-18T19:00"}, timeout=60).json()
    assert set(result) == {"id", "language", "reply_language", "topic", "topic_confidence", "urgency", "emergency",
                           "handover", "reply"}
    assert result["handover"] and result["handover"][0]["open_now"] is True
    assert "116 111" in result["reply"]


def test_openapi_documents_the_triage_and_services_endpoints(bot_url):
    spec = httpx.get(f"{bot_url}/openapi.json", timeout=30).json()
    assert "/v1/triage" in spec["paths"] and "/v1/services" in spec["paths"]
