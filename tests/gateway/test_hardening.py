"""What faces the internet: security and cache headers on every route, metrics and docs internal only."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Iterator, List, Tuple

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount

from bot.app import create_app
from bot.routers.widget import STATIC_DIR
from bot.settings import Settings
from live_gateway import free_port

ORIGINS = ["https://dinutvei.no", "https://ung.no"]
# A value for each path parameter that reaches the route's own code, not a 404 from routing.
PATH_VALUES = {"lang": "nb", "name": "adult"}


@pytest.fixture()
def internal_port() -> int:
    return free_port()


@pytest.fixture()
def client(internal_port: int) -> Iterator[TestClient]:
    settings = Settings(rasa_url="http://127.0.0.1:9", action_server_url="http://127.0.0.1:9",
                        allowed_origins=ORIGINS, internal_port=internal_port)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def every_route(app) -> List[Tuple[str, str]]:
    """(method, concrete path) for each route of the app, new routes included automatically."""
    calls = []
    for route in app.routes:
        if isinstance(route, Mount):
            calls.append(("GET", route.path + "/"))
            continue
        path = re.sub(r"\{(\w+)(:\w+)?\}", lambda m: PATH_VALUES.get(m.group(1), "x"), route.path)
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            if method != "HEAD":
                calls.append((method, path))
    return calls


def assert_hardened(response: httpx.Response) -> None:
    policy = response.headers.get("content-security-policy", "")
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval', no hosts
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"].split() == ORIGINS
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers and "last-modified" not in response.headers


def test_every_route_sends_the_security_and_cache_headers(client: TestClient) -> None:
    calls = every_route(client.app)
    assert ("GET", "/widget/v1/hjelpelos.js") in calls and ("GET", "/pages/adult.html") in calls
    for method, path in calls:
        response = client.request(method, path, json={} if method == "POST" else None)
        assert_hardened(response)


def test_errors_and_cors_preflights_carry_the_headers_too(client: TestClient) -> None:
    assert_hardened(client.get("/no/such/route"))
    assert_hardened(client.get("/pages/third-party.html"))
    assert_hardened(client.options("/webhooks/rest/webhook", headers={
        "Origin": "https://dinutvei.no", "Access-Control-Request-Method": "POST"}))


def test_widget_files_are_never_kept_in_the_browser_cache(client: TestClient) -> None:
    for path in ("/widget/v1/hjelpelos.js", "/widget/v1/hjelpelos.css", "/widget/v1/strings/nb.json",
                 "/pages/youth.html", "/pages/youth.css"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        assert "immutable" not in response.headers["cache-control"]


def test_no_frame_ancestors_means_no_framing() -> None:
    app = create_app(Settings(rasa_url="http://127.0.0.1:9", allowed_origins=[]))
    with TestClient(app) as client:
        assert "frame-ancestors 'none'" in client.get("/healthz").headers["content-security-policy"]


def test_metrics_and_docs_are_not_on_the_public_port(client: TestClient) -> None:
    for path in ("/metrics", "/docs", "/redoc"):
        assert client.get(path).status_code == 404, path
    # The schema of the public API stays public: it lists only public routes.
    public_paths = set(client.get("/openapi.json").json()["paths"])
    assert "/v1/triage" in public_paths and not {"/metrics", "/docs"} & public_paths


def test_metrics_and_docs_are_on_the_internal_loopback_port(client: TestClient, internal_port: int) -> None:
    client.post("/webhooks/rest/webhook", json={"sender": "sender-abc", "message": "hemmelig"})
    internal = f"http://127.0.0.1:{internal_port}"
    body = httpx.get(f"{internal}/metrics").text
    assert 'route="/webhooks/rest/webhook"' in body
    assert "hemmelig" not in body and "sender-abc" not in body
    docs = httpx.get(f"{internal}/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text
    assert httpx.get(f"{internal}/openapi.json").json()["paths"] == client.get("/openapi.json").json()["paths"]


def test_a_taken_internal_port_does_not_stop_the_gateway(internal_port: int) -> None:
    """A second gateway worker finds the port taken: it serves the public API all the same."""
    settings = Settings(rasa_url="http://127.0.0.1:9", internal_port=internal_port)
    with TestClient(create_app(settings)), TestClient(create_app(settings)) as second:
        assert second.get("/healthz").status_code == 200


class _ScriptFinder(HTMLParser):
    """Inline script, inline style and inline event handlers: what a strict CSP would block."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: List[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not attributes.get("src"):
                self.inline.append("script without src")
        if tag == "style":
            self.inline.append("<style>")
        self.inline += [f"{tag}[{name}]" for name in attributes if name.startswith("on") or name == "style"]
        if tag == "a" and (attributes.get("href") or "").startswith("javascript:"):
            self.inline.append("javascript: link")

    def handle_endtag(self, tag):
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append("script content")


@pytest.mark.parametrize("page", sorted(p.name for p in (STATIC_DIR / "pages").glob("*.html")))
def test_pages_have_no_inline_script_or_style(page: str) -> None:
    finder = _ScriptFinder()
    finder.feed((STATIC_DIR / "pages" / page).read_text(encoding="utf-8"))
    assert finder.inline == []
