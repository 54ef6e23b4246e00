"""A simulated SMS provider on loopback: a real HTTP server recording every message sent."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List, Optional
from urllib.parse import parse_qs


@dataclass
class Outbound:
    """One API call the gateway made: where, how authenticated, and the decoded fields."""

    path: str
    headers: Dict[str, str]
    raw: bytes
    fields: Dict[str, str]

    @property
    def to(self) -> str:
        return self.fields.get("To") or self.fields.get("to", "")

    @property
    def text(self) -> str:
        return self.fields.get("Body") or self.fields.get("text", "")


class FakeProvider:
    """Answers Twilio's Messages.json (201) and the generic /messages (202), or a forced status."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sent: List[Outbound] = []
        self.fail_with: Optional[int] = None
        self._lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    fields = {k: str(v) for k, v in json.loads(raw).items()}
                else:
                    fields = {k: v[0] for k, v in parse_qs(raw.decode("utf-8")).items()}
                with provider._lock:
                    provider.sent.append(
                        Outbound(
                            self.path, {k.lower(): v for k, v in self.headers.items()}, raw, fields
                        )
                    )
                status = provider.fail_with or (201 if self.path.endswith("Messages.json") else 202)
                body = json.dumps(
                    {"sid": f"SM{len(provider.sent):032d}", "status": "queued"}
                ).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                """Quiet: the test output stays readable."""

        self._server = ThreadingHTTPServer((host, port), Handler)
        self.url = f"http://{host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def start(self) -> "FakeProvider":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def wait_for(self, count: int, timeout_s: float = 10.0) -> List[Outbound]:
        """The first `count` messages, waiting for a gateway that answers in the background."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.sent) >= count:
                    return list(self.sent[:count])
            time.sleep(0.02)
        raise AssertionError(f"expected {count} outbound messages, got {len(self.sent)}")

    def wait_settled(
        self, count: int, quiet_s: float = 1.0, timeout_s: float = 60.0
    ) -> List[Outbound]:
        """All messages, once `count` arrived and none came for `quiet_s` (a turn may be many)."""
        self.wait_for(count, timeout_s)
        seen = -1
        while True:
            with self._lock:
                now = len(self.sent)
            if now == seen:
                return list(self.sent)
            seen = now
            time.sleep(quiet_s)
