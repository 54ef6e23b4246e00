"""Shared fixtures: the trained model, and the real bot (actions + Rasa + gateway) on loopback."""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Reported statuses (knowledge.status_store) go to a store of this test run, never run/'s:
# the CLI, the gateway and the action server the tests start all read this one.
os.environ.setdefault("HJELPELOS_STATUS_DB", os.path.join(tempfile.mkdtemp(prefix="hjelpelos-status-"), "status.sqlite3"))

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
# The test bot's run/ folder for demand statistics (make run uses ROOT/run).
STATS_RUN_DIR = ARTIFACTS / "run"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model `make train` built; the suite never trains on its own."""
    from triage.service import latest_model

    return latest_model()


@pytest.fixture(scope="session")
def running_bot(trained_model: Path) -> Iterator["Stack"]:
    """The whole bot, started the way `make run` starts it, with the test clock enabled."""
    from bot.stack import Ports, Stack
    from live_gateway import warm_up

    shutil.rmtree(STATS_RUN_DIR, ignore_errors=True)  # each run counts its own demand events
    stack = Stack(
        ports=Ports(rasa=free_port(), actions=free_port(), gateway=free_port(), internal=free_port()),
        model=trained_model,
        extra_env={"HJELPELOS_TEST_CLOCK": "1", "HJELPELOS_SMS_HASH_KEY": "test-hash-key",
                   "HJELPELOS_SMS_WEBHOOK_SECRET": "test-webhook-secret",
                   "HJELPELOS_SMS_PROVIDER_URL": f"http://127.0.0.1:{free_port()}",
                   "HJELPELOS_STATS": "on",
                   "HJELPELOS_STATS_URL": f"sqlite:///{STATS_RUN_DIR / 'stats.sqlite'}"},
        log_dir=ARTIFACTS / "bot-logs",
    )
    stack.start()
    warm_up(stack.rasa_url)
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def bot_url(running_bot) -> str:
    return running_bot.gateway_url


@pytest.fixture(scope="session")
def local_triage(trained_model: Path):
    """Triage with the NLU loaded in this process (like the CLI)."""
    from triage.service import Triage

    return Triage.local(trained_model)


@pytest.fixture(scope="module")
def redis_process():
    """Debian's redis-server on a free loopback port, memory only (make test installs it)."""
    from redis_process import RedisProcess

    server = RedisProcess(free_port()).start()
    yield server
    server.stop()
