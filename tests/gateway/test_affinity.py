"""Conversation affinity: one conversation, one replica; a calm reply when none answers."""
import asyncio
import uuid
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.settings import Settings
from live_gateway import run_async
from tests.conftest import free_port
from triage import messages

REPLICAS = ["http://127.0.0.1:5005", "http://127.0.0.1:5006", "http://127.0.0.1:5007"]
SENDERS = [uuid.uuid4().hex for _ in range(3000)]


def test_a_conversation_always_goes_to_the_same_replica_from_any_gateway_worker() -> None:
    first, second = RasaClient(REPLICAS), RasaClient(list(reversed(REPLICAS)))
    for sender in SENDERS[:200]:
        assert first.replicas_for(sender) == second.replicas_for(sender)
        assert sorted(first.replicas_for(sender)) == sorted(REPLICAS)


def test_conversations_spread_over_the_replicas() -> None:
    client = RasaClient(REPLICAS)
    shares = Counter(client.replicas_for(sender)[0] for sender in SENDERS)
    assert set(shares) == set(REPLICAS)
    assert all(0.25 < count / len(SENDERS) < 0.42 for count in shares.values()), shares


def test_removing_a_replica_moves_only_its_own_conversations() -> None:
    before, after = RasaClient(REPLICAS), RasaClient(REPLICAS[:2])
    for sender in SENDERS:
        owner = before.replicas_for(sender)[0]
        if owner != REPLICAS[2]:
            assert after.replicas_for(sender)[0] == owner
        else:  # the next replica in its own order: where the gateway retries today
            assert after.replicas_for(sender)[0] == before.replicas_for(sender)[1]


def test_no_replica_answering_raises_rasa_unavailable() -> None:
    client = RasaClient([f"http://127.0.0.1:{free_port()}" for _ in range(2)], timeout_s=2)

    async def talk() -> None:
        try:
            await client.send("s1", "hei")
        finally:
            await client.aclose()

    with pytest.raises(RasaUnavailable):
        run_async(talk())


@pytest.mark.parametrize("language", ["nb", "nn", "en", "se"])
def test_when_no_replica_answers_the_person_gets_the_calm_reply_with_112_and_113(language) -> None:
    settings = Settings(rasa_replicas=[f"http://127.0.0.1:{free_port()}" for _ in range(2)],
                        action_server_url=f"http://127.0.0.1:{free_port()}", rasa_timeout_s=2)
    with TestClient(create_app(settings)) as client:
        reply = client.post("/webhooks/rest/webhook",
                            json={"sender": "s1", "message": "han har kniv", "metadata": {"language": language}})
    assert reply.status_code == 503
    text = reply.json()[0]["text"]
    assert text == messages.text("error_try_again", language)
    assert "112" in text and "113" in text
