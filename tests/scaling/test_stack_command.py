"""`hjelpelos stack --replicas N --redis-url ...` as a person runs it: its processes, and a crash."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict

import httpx
import pytest
import redis

from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.heavy


def entries(state_file: Path) -> Dict[str, dict]:
    try:
        return {entry["name"]: entry for entry in json.loads(state_file.read_text())}
    except (OSError, ValueError):
        return {}


def wait_for(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/status").read_text().find("State:\tZ") < 0


def test_the_stack_command_runs_on_redis_restarts_a_crashed_part_and_stops_everything(
    tmp_path, redis_process
) -> None:
    gateway = free_port()
    url = f"http://127.0.0.1:{gateway}"
    state_file = tmp_path / "stack.json"
    command = [sys.executable, "-m", "bot.cli.main", "stack", "--replicas", "1",
               "--redis-url", f"redis://127.0.0.1:{redis_process.port}/3",
               "--gateway-port", str(gateway), "--rasa-port", str(free_port()),
               "--actions-port", str(free_port()), "--run-dir", str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(tmp_path / "stack.out", "wb") as output:
        stack = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                 start_new_session=True)
    try:
        # Ready when the command says so: the gateway answers /readyz a moment before that.
        wait_for(lambda: b"is running" in (tmp_path / "stack.out").read_bytes() or stack.poll() is not None,
                 300, "the stack to be ready")
        assert stack.poll() is None, (tmp_path / "stack.out").read_text()
        processes = entries(state_file)
        assert set(processes) == {"actions-1", "rasa-1", "gateway"}
        assert processes["gateway"]["port"] == gateway
        assert all(alive(entry["pid"]) for entry in processes.values())

        reply = httpx.post(f"{url}/webhooks/rest/webhook", timeout=60,
                           json={"sender": "stack-command", "message": "hei"})
        assert reply.status_code == 200 and reply.json()
        assert redis.Redis(host="127.0.0.1", port=redis_process.port, db=3).keys("hjelpelos:tracker*")

        crashed = processes["actions-1"]["pid"]
        os.killpg(crashed, signal.SIGKILL)
        wait_for(lambda: entries(state_file).get("actions-1", {}).get("pid") not in (None, crashed)
                 and ready(url), 120, "actions-1 to be started again")
    finally:
        stack.send_signal(signal.SIGTERM)
        code = stack.wait(timeout=60)
    assert code == 0, (tmp_path / "stack.out").read_text()
    assert not any(alive(entry["pid"]) for entry in processes.values() if entry["name"] != "actions-1")
    assert not state_file.exists()
