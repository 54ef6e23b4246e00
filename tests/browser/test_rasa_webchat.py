"""rasa-webchat, the Rasa web client from npm, unchanged against the gateway's socket.io.

The host page is served from another origin than the gateway, as on a third-party site: once
from an origin in `allowed_origins` (it converses with the real bot), once from one that is not
(the gateway refuses it). rasa-webchat is packed from npm at test time, never committed.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, Iterator, List, Tuple

import httpx
import pytest
from playwright.sync_api import Page, Response, expect

from bot.app import create_app
from bot.settings import Settings
from live_gateway import free_port, serving
from npm_packages import RASA_WEBCHAT, npm_package

REPLY_TIMEOUT_MS = 60_000
HOST_PAGE = b"""<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Tredjepartsside</title></head>
<body><main><h1>En annen nettside</h1></main>
<script src="/rasa-webchat.js"></script>
<script src="/start-webchat.js"></script>
</body></html>"""


def start_script(gateway: str) -> bytes:
    options = {"socketUrl": gateway, "socketPath": "/socket.io/", "customData": {"language": "nb"},
               "embedded": True, "title": "Hjelpelos", "params": {"storage": "session"}}
    return f"window.WebChat.default({json.dumps(options)}, null);".encode()


class _Site(ThreadingHTTPServer):
    daemon_threads = True
    files: Dict[str, Tuple[str, bytes]] = {}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        kind, body = self.server.files.get(self.path, ("text/plain", b""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def origins() -> Tuple[str, str]:
    """An allowed and a refused origin: two loopback ports."""
    return f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="module")
def webchat_gateway(running_bot, origins) -> Iterator[str]:
    """The gateway in front of the real bot, allowing only the first origin."""
    allowed, _ = origins
    app = create_app(Settings(rasa_url=running_bot.rasa_url,
                              action_server_url=f"http://127.0.0.1:{running_bot.ports.actions}",
                              allowed_origins=[allowed]))
    with serving(app, free_port()) as url:
        yield url


@pytest.fixture(scope="module")
def third_party_sites(origins, webchat_gateway) -> Iterator[Tuple[str, str]]:
    """The same host page with rasa-webchat, served from both origins."""
    bundle = (npm_package(RASA_WEBCHAT) / "lib" / "index.js").read_bytes()
    files = {"/": ("text/html; charset=utf-8", HOST_PAGE),
             "/rasa-webchat.js": ("text/javascript", bundle),
             "/start-webchat.js": ("text/javascript", start_script(webchat_gateway))}
    servers = []
    for origin in origins:
        site = _Site(("127.0.0.1", int(origin.rsplit(":", 1)[1])), _Handler)
        site.files = files
        threading.Thread(target=site.serve_forever, daemon=True).start()
        servers.append(site)
    yield origins
    for site in servers:
        site.shutdown()
        site.server_close()


def send(page: Page, text: str) -> None:
    box = page.locator(".rw-new-message")
    expect(box).to_be_enabled(timeout=REPLY_TIMEOUT_MS)
    box.fill(text)
    box.press("Enter")


def user_texts(rasa_url: str, conversation_id: str) -> List[str]:
    tracker = httpx.get(f"{rasa_url}/conversations/{conversation_id}/tracker", timeout=30).json()
    return [event.get("text") for event in tracker["events"] if event["event"] == "user"]


def test_rasa_webchat_from_an_allowed_origin_gets_112_and_keeps_its_conversation(
        page: Page, third_party_sites, running_bot) -> None:
    allowed, _ = third_party_sites
    page.goto(allowed + "/")
    send(page, "Han står utenfor døra med kniv nå")
    expect(page.locator(".rw-response", has_text="112").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    session_id = page.evaluate("() => JSON.parse(sessionStorage.getItem('chat_session')).session_id")
    assert user_texts(running_bot.rasa_url, session_id) == ["Han står utenfor døra med kniv nå"]

    page.reload()  # session persistence: the stored id is confirmed and the conversation goes on
    expect(page.locator(".rw-response", has_text="112").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    answered = page.locator(".rw-response").count()
    send(page, "Jeg er 15 år")
    expect(page.locator(".rw-response")).not_to_have_count(answered, timeout=REPLY_TIMEOUT_MS)
    assert page.evaluate("() => JSON.parse(sessionStorage.getItem('chat_session')).session_id") == session_id
    assert user_texts(running_bot.rasa_url, session_id) == ["Han står utenfor døra med kniv nå", "Jeg er 15 år"]


def test_rasa_webchat_from_another_origin_is_refused(page: Page, third_party_sites) -> None:
    _, refused = third_party_sites
    attempts: List[str] = []
    answered: List[int] = []

    def on_response(response: Response) -> None:
        if "/socket.io/" in response.url:
            attempts.append(response.url)
            if response.status == 200:
                answered.append(response.status)

    page.on("response", on_response)
    page.on("requestfailed", lambda request: "/socket.io/" in request.url and attempts.append(request.url))
    page.goto(refused + "/")
    deadline = time.monotonic() + 15
    while not attempts and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    page.wait_for_timeout(2000)
    assert attempts, "rasa-webchat never tried the gateway"
    assert answered == []
    assert page.evaluate("() => JSON.parse(sessionStorage.getItem('chat_session') || '{}').session_id") is None
    expect(page.locator(".rw-response")).to_have_count(0)
