"""Browser test fixtures: Debian's Chromium driven by Playwright, and a gateway on loopback.

The `gateway_url` gateway has no Rasa behind it: it serves the widget, its strings and the test
pages. Conversation tests use `bot_url` (tests/conftest.py), the real gateway, Rasa and actions.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable, Dict, Iterator

import httpx
import pytest

from playwright import sync_api

from bot.app import create_app
from bot.settings import Settings
from live_gateway import free_port, serving
from browser_support import CHROMIUM, CHROMIUM_ARGS, LANGUAGES, REPO


@pytest.fixture(scope="session")
def gateway_url() -> Iterator[str]:
    """The real gateway app (create_app) under uvicorn on a free loopback port, in a thread."""
    port = free_port()
    app = create_app(Settings(
        gateway_port=port,
        allowed_origins=[f"http://127.0.0.1:{port}"],
        rasa_url="http://127.0.0.1:9",  # nothing listens: the bot is "down"
        action_server_url="http://127.0.0.1:9",
    ))
    with serving(app, port) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where screenshots for review go (also copied to docs/screenshots for the widget in each language)."""
    path = Path(os.environ.get("HJELPELOS_TEST_ARTIFACTS", REPO / "test-artifacts")) / "browser"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator["sync_api.Browser"]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: "sync_api.Browser") -> Iterator["sync_api.BrowserContext"]:
    """A fresh profile per test; the neutral exit site is answered locally (no network here)."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="nb-NO")
    context.route(re.compile(r"^https://www\.yr\.no/.*"), lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Yr</title><p>Været</p>"))
    yield context
    context.close()


@pytest.fixture
def page(context: "sync_api.BrowserContext") -> Iterator["sync_api.Page"]:
    """A page that fails the test on any uncaught script error."""
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"script errors in the page: {errors}"


@pytest.fixture
def host_page(context: "sync_api.BrowserContext") -> Callable[..., str]:
    """Serve a variant of a test page (other lang, data-* options) from the gateway's origin.

    Returns a function (base_url, template, lang, **data) -> URL of the variant.
    """
    def make(base_url: str, template: str = "adult", lang: str | None = None, **data: str) -> str:
        html = httpx.get(f"{base_url}/pages/{template}.html").text
        if lang:
            html = re.sub(r'<html lang="[^"]*"', f'<html lang="{lang}"', html, count=1)
            html = re.sub(r' data-lang="[^"]*"', "", html)
        attrs = "".join(f' data-{name.replace("_", "-")}="{value}"' for name, value in data.items())
        html = html.replace('<script src="/widget/v1/hjelpelos.js"', f'<script src="/widget/v1/hjelpelos.js"{attrs}')
        suffix = "-".join([template, lang or "page"] + [f"{k}-{v}" for k, v in data.items()])
        url = f"{base_url}/pages/variant-{re.sub(r'[^a-z0-9-]', '', suffix.lower())}.html"
        context.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
        return url

    return make


@pytest.fixture(scope="session")
def catalogue_strings(gateway_url: str) -> Dict[str, Dict[str, str]]:
    """The widget strings of each language, as the gateway serves them."""
    return {lang: httpx.get(f"{gateway_url}/widget/v1/strings/{lang}.json").json() for lang in LANGUAGES}
