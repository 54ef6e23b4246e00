"""Start the whole bot (action server, Rasa server, gateway) and stop it cleanly.

`make run` calls `python -m bot.stack`; the end-to-end tests use `Stack` as a fixture, so the
bot under test is started exactly the way a user starts it.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "HF_HUB_OFFLINE": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONWARNINGS": "ignore",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "SANIC_HOST": "127.0.0.1",  # rasa-sdk's action server would otherwise bind 0.0.0.0
    "OMP_NUM_THREADS": "1",
}


@dataclass
class Ports:
    rasa: int = 5005
    actions: int = 5055
    gateway: int = 8000
    internal: int = 8001  # metrics and API docs, served by the gateway on 127.0.0.1 only


@dataclass
class Stack:
    """The three processes of a running bot, on loopback."""

    ports: Ports = field(default_factory=Ports)
    model: Optional[Path] = None
    endpoints: Path = ROOT / "endpoints.yml"
    extra_env: Dict[str, str] = field(default_factory=dict)
    log_dir: Optional[Path] = None
    processes: List[subprocess.Popen] = field(default_factory=list)

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.gateway}"

    @property
    def settings(self):
        """The gateway's settings, read from the same environment its process gets."""
        from bot.settings import Settings

        env = self._env()
        return Settings(**{name: env[f"HJELPELOS_{name.upper()}"] for name in Settings.__fields__
                           if f"HJELPELOS_{name.upper()}" in env})

    @property
    def internal_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.internal}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.rasa}"

    def _env(self) -> Dict[str, str]:
        env = {**os.environ, **QUIET_ENV, **self.extra_env}
        env["HJELPELOS_RASA_URL"] = self.rasa_url
        env["HJELPELOS_ACTION_SERVER_URL"] = f"http://127.0.0.1:{self.ports.actions}"
        env["HJELPELOS_INTERNAL_PORT"] = str(self.ports.internal)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        return env

    def _endpoints_file(self) -> Path:
        """endpoints.yml with the action server's port of this stack."""
        text = self.endpoints.read_text().replace(
            "127.0.0.1:5055", f"127.0.0.1:{self.ports.actions}"
        )
        target = Path(self.log_dir or "/tmp") / f"endpoints-{self.ports.rasa}.yml"
        target.write_text(text)
        return target

    def _spawn(self, name: str, command: List[str]) -> None:
        output = subprocess.DEVNULL
        if self.log_dir:
            Path(self.log_dir).mkdir(parents=True, exist_ok=True)
            output = open(Path(self.log_dir) / f"{name}.log", "ab")
        self.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=self._env(), stdout=output, stderr=subprocess.STDOUT,
                             start_new_session=True)
        )

    def start(self, timeout_s: float = 300.0) -> "Stack":
        """Start the three processes; refuses first (UnreviewedRelease) under HJELPELOS_REQUIRE_REVIEWED."""
        from triage.review import release_guard
        from triage.service import latest_model

        release_guard(self.settings.require_reviewed)
        model = self.model or latest_model()
        self._spawn("actions", [str(BIN / "rasa"), "run", "actions", "--actions", "actions.actions",
                                "-p", str(self.ports.actions)])
        self._spawn("rasa", [str(BIN / "rasa"), "run", "--enable-api", "-i", "127.0.0.1",
                             "-p", str(self.ports.rasa), "-m", str(model),
                             "--credentials", str(ROOT / "credentials.yml"),
                             "--endpoints", str(self._endpoints_file()),
                             "--logging-config-file", str(ROOT / "bot" / "rasa_logging.yml")])
        self._spawn("gateway", [str(BIN / "uvicorn"), "bot.app:create_app", "--factory",
                                "--host", "127.0.0.1", "--port", str(self.ports.gateway),
                                "--no-access-log"])
        self.wait_ready(timeout_s)
        return self

    def wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"{process.args[:3]} exited with {process.returncode}; see logs")
            try:
                if httpx.get(f"{self.gateway_url}/readyz", timeout=2).status_code == 200:
                    self._warm_up(deadline)
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1.0)
        self.stop()
        raise TimeoutError(f"the bot was not ready within {timeout_s:.0f} s")

    def _warm_up(self, deadline: float) -> None:
        """Parse one message, so the sentence encoder is loaded before the first person writes:
        loaded lazily, it can take longer than Rasa's reply timeout on a busy machine."""
        httpx.post(f"{self.rasa_url}/model/parse", json={"text": "hei"},
                   timeout=max(5.0, deadline - time.monotonic()))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> int:
    """Run until Ctrl-C, then stop every part."""
    from triage.review import UnreviewedRelease

    stack = Stack(log_dir=ROOT / "run" / "logs")
    print("Starting Hjelpelos (action server, Rasa, gateway)…", flush=True)
    try:
        stack.start()
    except UnreviewedRelease as refusal:
        print(f"Not started. {refusal}", file=sys.stderr, flush=True)
        return 1
    print(f"""
Hjelpelos is running (logs in run/logs/):
  Web test pages:   {stack.gateway_url}/pages/adult.html   {stack.gateway_url}/pages/youth.html
  REST:             POST {stack.gateway_url}/webhooks/rest/webhook  {{"sender": "...", "message": "..."}}
  Triage API:       POST {stack.gateway_url}/v1/triage
  Staff page:       {stack.gateway_url}/staff/   (tokens: .venv/bin/hjelpelos tokens create SERVICE_ID)
  HSDS directory:   {stack.gateway_url}/v1/hsds/services
  Internal only:    {stack.internal_url}/metrics   {stack.internal_url}/docs
  Terminal chat:    .venv/bin/hjelpelos chat
  Health:           {stack.gateway_url}/readyz
Ctrl-C stops everything.""", flush=True)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    try:
        while not stopping and all(p.poll() is None for p in stack.processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    print("\nStopping…", flush=True)
    stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
