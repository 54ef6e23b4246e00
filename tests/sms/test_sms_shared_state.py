"""Two gateway workers on one Redis share the SMS channel's memory (a real redis-server).

A provider may deliver the same message twice, to two workers; a person's next message may
reach the other worker. Either way each message is answered once, numbered options and STOP
carry over, the rate limit counts every worker's messages, and every key expires.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Iterator, List, Tuple

import httpx
import pytest
import redis
from fastapi.testclient import TestClient

from bot.channels.sms import SmsTexts, prefer_gsm7
from bot.channels.sms_state import DELIVERY_TTL_S, MEMORY_TTL_S, PREFIX, RedisSmsState
from bot.routers import sms as sms_router
from bot.routers.sms import DEFAULT_LANGUAGES_DIR
from bot.sms_providers.generic import sign
from tests.conftest import ROOT, free_port

from .conftest import HASH_KEY, WEBHOOK_SECRET, FakeRasa, build_app, post_generic, post_twilio, twilio_form

BUTTONS = [{"text": "Hva gjelder det?", "buttons": [
    {"title": "Vold hjemme", "payload": "/partner_violence"},
    {"title": "Mobbing", "payload": "/bullying"}]}]


@pytest.fixture
def workers(redis_process, sms_settings, sms_languages_dir) -> Iterator[List[Tuple[TestClient, FakeRasa]]]:
    """Two gateway apps, each with its own process state, sharing one Redis database."""
    redis.Redis(host="127.0.0.1", port=redis_process.port).flushdb()
    settings = sms_settings.copy(update={"redis_url": redis_process.url})
    opened = []
    for _ in range(2):
        rasa = FakeRasa()
        app = build_app(settings, sms_languages_dir, rasa)
        client = TestClient(app).__enter__()  # one event loop per worker, as in a real process
        app.state.rasa = rasa
        app.state.sms = sms_router.SmsGateway(
            settings, languages_dir=sms_languages_dir,
            state=RedisSmsState(app.state.redis, settings.rate_limit_messages, settings.rate_limit_window_s))
        opened.append((client, rasa))
    yield opened
    for client, _ in opened:
        client.__exit__(None, None, None)


def sid(n: int) -> str:
    return f"SM{n:032x}"


def test_one_delivery_sent_to_two_workers_is_answered_once(workers, fake_provider) -> None:
    payload = {"message_id": "m-shared-1", "from": "+4741234567", "text": "hei"}
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda worker: post_generic(worker[0], payload), workers))
    assert sorted(a.status_code for a in answers) == [200, 202]
    assert [a.json() for a in answers if a.status_code == 200] == [{"status": "duplicate"}]
    assert sum(len(rasa.sent) for _, rasa in workers) == 1
    assert len(fake_provider.sent) == 1


def test_numbered_options_offered_by_one_worker_are_understood_by_the_other(workers, fake_provider) -> None:
    (first, first_rasa), (second, second_rasa) = workers
    first_rasa.script = lambda text: BUTTONS
    assert post_twilio(first, twilio_form("hei", sid=sid(1))).status_code == 200
    assert post_twilio(second, twilio_form("2", sid=sid(2))).status_code == 200
    assert second_rasa.sent[-1][1] == "/bullying"


def test_stop_at_one_worker_clears_the_options_at_the_other(workers, fake_provider) -> None:
    (first, first_rasa), (second, second_rasa) = workers
    first_rasa.script = lambda text: BUTTONS
    post_twilio(first, twilio_form("hei", sid=sid(1)))
    post_twilio(second, twilio_form("STOPP", sid=sid(2)))
    assert second_rasa.deleted
    post_twilio(first, twilio_form("1", sid=sid(3)))
    assert first_rasa.sent[-1][1] == "1"


def test_the_rate_limit_counts_the_messages_of_every_worker(workers, fake_provider, sms_settings) -> None:
    codes = [post_twilio(workers[n % 2][0], twilio_form(f"melding {n}", sid=sid(100 + n))).status_code
             for n in range(sms_settings.rate_limit_messages + 2)]
    assert codes == [200] * sms_settings.rate_limit_messages + [429, 429]
    other = twilio_form("hei", sid=sid(300), sender="+4741234568")
    assert post_twilio(workers[1][0], other).status_code == 200


def test_every_key_the_sms_channel_keeps_expires(workers, fake_provider, redis_process, sms_settings) -> None:
    (first, first_rasa), _ = workers
    first_rasa.script = lambda text: BUTTONS
    post_twilio(first, twilio_form("hei", sid=sid(1)))
    client = redis.Redis(host="127.0.0.1", port=redis_process.port)
    keys = client.keys(f"{PREFIX}*")
    kinds = {key.decode().split(":")[2] for key in keys}
    assert kinds == {"delivery", "rate", "memory"}
    limits = {"delivery": DELIVERY_TTL_S, "memory": MEMORY_TTL_S, "rate": sms_settings.rate_limit_window_s}
    for key in keys:
        ttl = client.pttl(key) / 1000
        assert 0 < ttl <= limits[key.decode().split(":")[2]], (key, ttl)
    assert not any(b"4741234567" in key for key in keys), "the number itself is never a key"


def test_without_redis_the_channel_still_answers(workers, fake_provider, redis_process) -> None:
    first, first_rasa = workers[0]
    redis_process.stop()
    try:
        assert post_twilio(first, twilio_form("hei", sid=sid(1))).status_code == 200
        assert len(first_rasa.sent) == 1 and len(fake_provider.sent) == 1
    finally:
        redis_process.start()


def test_the_web_chat_rate_limit_counts_the_messages_of_every_worker(workers, sms_settings) -> None:
    def chat(n: int) -> int:
        return workers[n % 2][0].post("/webhooks/rest/webhook",
                                      json={"sender": "web-1", "message": f"melding {n}"}).status_code

    codes = [chat(n) for n in range(sms_settings.rate_limit_messages + 2)]
    assert codes == [200] * sms_settings.rate_limit_messages + [429, 429]


def test_two_gateway_processes_on_one_redis_answer_a_delivery_once(redis_process, fake_provider, tmp_path) -> None:
    """Real uvicorn processes, as `hjelpelos stack --gateway-workers 2` or two machines run them.

    No Rasa is running: the one answer is the calm catalogue reply, sent through the provider.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HJELPELOS_REDIS_URL": redis_process.url,
           "HJELPELOS_RASA_URL": f"http://127.0.0.1:{free_port()}",
           "HJELPELOS_SMS_HASH_KEY": HASH_KEY, "HJELPELOS_SMS_WEBHOOK_SECRET": WEBHOOK_SECRET,
           "HJELPELOS_SMS_PROVIDER_URL": fake_provider.url}
    ports = [free_port(), free_port()]
    gateways = [subprocess.Popen([sys.executable, "-m", "uvicorn", "bot.app:create_app", "--factory",
                                  "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
                                 cwd=ROOT, env=env, stdout=open(tmp_path / f"gateway-{port}.log", "wb"),
                                 stderr=subprocess.STDOUT)
                for port in ports]
    try:
        for port in ports:
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                    break
                except httpx.HTTPError:
                    assert time.monotonic() < deadline, (tmp_path / f"gateway-{port}.log").read_text()
                    time.sleep(0.3)
        body = json.dumps({"message_id": f"m-{uuid.uuid4().hex}", "from": "+4741234567",
                           "text": "hei"}).encode()
        headers = {"Content-Type": "application/json", "X-Hjelpelos-Signature": sign(WEBHOOK_SECRET, body)}
        with ThreadPoolExecutor(max_workers=2) as pool:
            answers = list(pool.map(lambda port: httpx.post(f"http://127.0.0.1:{port}/sms/inbound",
                                                            content=body, headers=headers, timeout=30), ports))
        assert sorted(a.status_code for a in answers) == [200, 202], [a.text for a in answers]
        sent = fake_provider.wait_settled(1, quiet_s=2.0)
        assert [m.text for m in sent] == [prefer_gsm7(SmsTexts(DEFAULT_LANGUAGES_DIR).get("error_try_again", "nb"))]
    finally:
        for gateway in gateways:
            gateway.terminate()
            gateway.wait(timeout=15)
