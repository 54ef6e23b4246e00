"""Start the whole bot (action servers, Rasa servers, gateway) and stop it cleanly.

`make run` calls `python -m bot.stack`: one Rasa server with conversations in memory.
`hjelpelos stack --replicas N --redis-url redis://HOST:PORT/DB` starts N Rasa servers, each
with its own action server, sharing conversations and locks in Redis, behind one gateway
(see docs/deploy.md). The end-to-end tests use `Stack` as a fixture, so the bot under test is
started exactly the way a user starts it.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional
from urllib.parse import unquote, urlparse

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


# A ticket of a replica killed mid-turn blocks its conversation until the ticket expires;
# Rasa's default is 60 s. A turn takes well under a second, so 15 s leaves a wide margin.
LOCK_LIFETIME_S = 15


@dataclass
class Replica:
    """One Rasa server and the action server it calls."""

    rasa: int
    actions: int


@dataclass
class Stack:
    """The processes of a running bot, on loopback: replicas of Rasa + actions, one gateway."""

    ports: Ports = field(default_factory=Ports)
    model: Optional[Path] = None
    endpoints: Optional[Path] = None
    extra_env: Dict[str, str] = field(default_factory=dict)
    log_dir: Optional[Path] = None
    processes: List[subprocess.Popen] = field(default_factory=list)
    # Empty: one replica on ports.rasa and ports.actions.
    replicas: List[Replica] = field(default_factory=list)
    # redis://HOST:PORT/DB: conversations and locks in Redis (needed for more than one replica).
    redis_url: Optional[str] = None
    gateway_workers: int = 1
    # Where to write one {name, port, pid} object per process (run/stack.json for `make run`).
    state_file: Optional[Path] = None
    names: Dict[str, subprocess.Popen] = field(default_factory=dict)
    _commands: Dict[str, List[str]] = field(default_factory=dict)
    _ports: Dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.replicas:
            self.replicas = [Replica(self.ports.rasa, self.ports.actions)]
        if len(self.replicas) > 1 and not self.redis_url:
            raise ValueError("more than one replica needs --redis-url: conversations must be shared")
        if self.endpoints is None:
            self.endpoints = ROOT / ("endpoints.redis.yml" if self.redis_url else "endpoints.yml")

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.gateway}"

    @property
    def settings(self):
        """The gateway's settings, read from the same environment its process gets."""
        from bot.settings import Settings

        env = self._env()
        values = {}
        for name, spec in Settings.__fields__.items():
            raw = env.get(f"HJELPELOS_{name.upper()}")
            if raw is not None:  # lists come as JSON, as pydantic reads them from the environment
                values[name] = json.loads(raw) if spec.is_complex() else raw
        return Settings(**values)

    @property
    def internal_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.internal}"

    @property
    def rasa_url(self) -> str:
        return self.rasa_urls[0]

    @property
    def rasa_urls(self) -> List[str]:
        return [f"http://127.0.0.1:{replica.rasa}" for replica in self.replicas]

    def _env(self) -> Dict[str, str]:
        env = {**os.environ, **QUIET_ENV, **self.extra_env}
        env["HJELPELOS_RASA_URL"] = self.rasa_url
        env["HJELPELOS_ACTION_SERVER_URL"] = f"http://127.0.0.1:{self.replicas[0].actions}"
        env["HJELPELOS_RASA_REPLICAS"] = json.dumps(self.rasa_urls)
        env["HJELPELOS_ACTION_SERVERS"] = json.dumps(
            [f"http://127.0.0.1:{replica.actions}" for replica in self.replicas])
        env["HJELPELOS_INTERNAL_PORT"] = str(self.ports.internal)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        if self.redis_url:
            env.update(redis_env(self.redis_url))
            env.setdefault("TICKET_LOCK_LIFETIME", str(LOCK_LIFETIME_S))
        return env

    def _endpoints_file(self, replica: Replica) -> Path:
        """The endpoints file with the port of this replica's action server."""
        text = Path(self.endpoints).read_text().replace(
            "127.0.0.1:5055", f"127.0.0.1:{replica.actions}"
        )
        target = Path(self.log_dir or "/tmp") / f"endpoints-{replica.rasa}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        return target

    def _spawn(self, name: str, port: int, command: List[str]) -> None:
        output = subprocess.DEVNULL
        if self.log_dir:
            Path(self.log_dir).mkdir(parents=True, exist_ok=True)
            output = open(Path(self.log_dir) / f"{name}.log", "ab")
        process = subprocess.Popen(command, cwd=ROOT, env=self._env(), stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        if name in self.names:
            self.processes[self.processes.index(self.names[name])] = process
        else:
            self.processes.append(process)
        self.names[name], self._commands[name], self._ports[name] = process, command, port
        self.write_state()

    def start(self, timeout_s: float = 300.0) -> "Stack":
        """Start the processes; refuses first (UnreviewedRelease) under HJELPELOS_REQUIRE_REVIEWED."""
        from triage.review import release_guard
        from triage.service import latest_model

        release_guard(self.settings.require_reviewed)
        model = self.model or latest_model()
        for number, replica in enumerate(self.replicas, start=1):
            self._spawn(f"actions-{number}", replica.actions,
                        [str(BIN / "rasa"), "run", "actions", "--actions", "actions.actions",
                         "-p", str(replica.actions)])
            self._spawn(f"rasa-{number}", replica.rasa,
                        [str(BIN / "rasa"), "run", "--enable-api", "-i", "127.0.0.1",
                         "-p", str(replica.rasa), "-m", str(model),
                         "--credentials", str(ROOT / "credentials.yml"),
                         "--endpoints", str(self._endpoints_file(replica)),
                         "--logging-config-file", str(ROOT / "bot" / "rasa_logging.yml")])
        # The gateway comes last, so that its /readyz never sends a person to a cold replica.
        deadline = time.monotonic() + timeout_s
        for replica, url in zip(self.replicas, self.rasa_urls):
            self._wait_for(f"{url}/status", deadline)
            self._wait_for(f"http://127.0.0.1:{replica.actions}/health", deadline)
            warm_up(url)
        self._spawn("gateway", self.ports.gateway,
                    [str(BIN / "uvicorn"), "bot.app:create_app", "--factory",
                     "--host", "127.0.0.1", "--port", str(self.ports.gateway),
                     "--workers", str(self.gateway_workers), "--no-access-log"])
        self.wait_ready(max(deadline - time.monotonic(), 30.0))
        return self

    def _wait_for(self, url: str, deadline: float) -> None:
        """Until `url` answers 200 (a Rasa server's /status only once its model is loaded)."""
        while time.monotonic() < deadline:
            self._fail_if_one_exited()
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1.0)
        self.stop()
        raise TimeoutError(f"{url} did not answer in time")

    def _fail_if_one_exited(self) -> None:
        for name, process in self.names.items():
            if process.poll() is not None:
                self.stop()
                raise RuntimeError(f"{name} exited with {process.returncode} while starting; "
                                   f"see {self.log_dir or 'its log'}")

    def process(self, name: str) -> subprocess.Popen:
        """The process called `name` in run/stack.json (rasa-1, actions-2, gateway, ...)."""
        return self.names[name]

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Kill one process (and what it forked) the hard way, as a crash would."""
        process = self.names[name]
        os.killpg(process.pid, sig)
        process.wait(timeout=15)

    def restart(self, name: str) -> None:
        """Start a process again that has died, with the command it was started with."""
        if self.names[name].poll() is None:
            raise RuntimeError(f"{name} is still running")
        self._spawn(name, self._ports[name], self._commands[name])

    def dead(self) -> List[str]:
        return [name for name, process in self.names.items() if process.poll() is not None]

    def write_state(self) -> None:
        if self.state_file is None:
            return
        Path(self.state_file).parent.mkdir(parents=True, exist_ok=True)
        entries = [{"name": name, "port": self._ports[name], "pid": process.pid}
                   for name, process in self.names.items()]
        Path(self.state_file).write_text(json.dumps(entries, indent=2) + "\n")

    def wait_ready(self, timeout_s: float) -> None:
        self._wait_for(f"{self.gateway_url}/readyz", time.monotonic() + timeout_s)

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
        self.names.clear()
        if self.state_file is not None:
            Path(self.state_file).unlink(missing_ok=True)

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def warm_up(rasa_url: str, timeout_s: float = 180.0) -> None:
    """Take one turn on a fresh replica, then forget it: the first turn of a process loads what
    the pipeline and the actions load lazily and takes far longer than any later one."""
    sender = f"warm-up-{os.getpid()}-{time.monotonic_ns()}"
    with httpx.Client(timeout=timeout_s) as client:
        client.post(f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": "hei"})
        client.post(f"{rasa_url}/conversations/{sender}/tracker/events", json={"event": "restart"})


def redis_env(url: str) -> Dict[str, str]:
    """The variables endpoints.redis.yml reads, from redis://[:PASSWORD@]HOST:PORT/DB."""
    parsed = urlparse(url)
    if parsed.scheme != "redis" or not parsed.hostname:
        raise ValueError(f"not a redis:// URL: {url!r}")
    database = parsed.path.strip("/") or "0"
    if not database.isdigit():
        raise ValueError(f"the database in {url!r} must be a number")
    return {
        "HJELPELOS_REDIS_URL": url,
        "HJELPELOS_REDIS_HOST": parsed.hostname,
        "HJELPELOS_REDIS_PORT": str(parsed.port or 6379),
        "HJELPELOS_REDIS_DB": database,
        "HJELPELOS_REDIS_PASSWORD": unquote(parsed.password or ""),
    }


def replicated(count: int, rasa_port: int = 5005, actions_port: int = 5055) -> List[Replica]:
    """Replica i (from 0) on rasa_port + i and actions_port + i."""
    return [Replica(rasa_port + i, actions_port + i) for i in range(count)]


def run(stack: Stack) -> int:
    """Start the stack, restart a crashed Rasa or action server, stop everything on Ctrl-C/SIGTERM."""
    from triage.review import UnreviewedRelease

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)  # also while starting: nothing may be left behind
    try:
        _start_and_watch(stack)
    except KeyboardInterrupt:
        pass
    except UnreviewedRelease as refusal:
        print(f"Not started. {refusal}", file=sys.stderr, flush=True)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("\nStopping…", flush=True)
        stack.stop()
    return 0


def _start_and_watch(stack: Stack) -> None:
    print(f"Starting Hjelpelos ({len(stack.replicas)} × action server + Rasa, gateway)…", flush=True)
    stack.start()
    gateway = stack.gateway_url
    print(f"""
Hjelpelos is running (logs in {stack.log_dir}, processes in {stack.state_file}):
  Web test pages:   {gateway}/pages/adult.html   {gateway}/pages/youth.html
  REST:             POST {gateway}/webhooks/rest/webhook  {{"sender": "...", "message": "..."}}
  socket.io:        {gateway}/socket.io/   (Rasa web clients)
  Triage API:       POST {gateway}/v1/triage
  Staff page:       {gateway}/staff/   (tokens: .venv/bin/hjelpelos tokens create SERVICE_ID)
  HSDS directory:   {gateway}/v1/hsds/services
  Internal only:    {stack.internal_url}/metrics   {stack.internal_url}/docs
  Terminal chat:    .venv/bin/hjelpelos chat
  Health:           {gateway}/readyz
Ctrl-C stops everything.""", flush=True)
    while True:
        dead = stack.dead()
        if "gateway" in dead:
            print("The gateway stopped; stopping everything.", flush=True)
            return
        for name in dead:  # the other replicas carry the conversations meanwhile
            print(f"{name} stopped (exit {stack.process(name).returncode}); starting it again.", flush=True)
            stack.restart(name)
        time.sleep(1)


def build_stack(replicas: int = 1, redis_url: Optional[str] = None, gateway_port: int = 8000,
                rasa_port: int = 5005, actions_port: int = 5055, gateway_workers: int = 1,
                run_dir: Path = ROOT / "run") -> Stack:
    """The stack `make run` (defaults) and `hjelpelos stack` start, with logs and state in run/."""
    return Stack(ports=Ports(rasa=rasa_port, actions=actions_port, gateway=gateway_port),
                 replicas=replicated(replicas, rasa_port, actions_port), redis_url=redis_url,
                 gateway_workers=gateway_workers, log_dir=Path(run_dir) / "logs",
                 state_file=Path(run_dir) / "stack.json")


def main() -> int:
    """`make run`: one replica, conversations in memory."""
    return run(build_stack())


if __name__ == "__main__":
    sys.exit(main())
