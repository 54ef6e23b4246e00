"""Two Rasa replicas and their action servers on one Redis, behind one gateway, for the fault tests."""
from __future__ import annotations

from typing import Iterator

import pytest

from bot.stack import Ports, Replica, Stack
from tests.conftest import ARTIFACTS, free_port

from redis_process import RedisProcess


@pytest.fixture(scope="module")
def replicated_bot(trained_model, redis_process: RedisProcess) -> Iterator[Stack]:
    """`hjelpelos stack --replicas 2 --redis-url ...`, started the way a person starts it."""
    stack = Stack(
        ports=Ports(gateway=free_port()),
        replicas=[Replica(free_port(), free_port()) for _ in range(2)],
        redis_url=redis_process.url,
        model=trained_model,
        extra_env={"HJELPELOS_TEST_CLOCK": "1"},
        log_dir=ARTIFACTS / "replica-logs",
        state_file=ARTIFACTS / "replica-logs" / "stack.json",
    )
    stack.start()
    yield stack
    stack.stop()
