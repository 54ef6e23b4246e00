"""The staff page (/staff/) in Chromium: sign in with a token, report and withdraw a status by
keyboard alone, axe-core clean, no request leaves the gateway's origin. Screenshots for review
go to docs/screenshots/staff-*.png."""
from __future__ import annotations

from typing import List

import httpx
import pytest
from playwright.sync_api import Page, expect

from bot.routers.staff import staff_strings
from bot.tokens import issue
from browser_support import focused, run_axe, save_screenshot
from knowledge.status_store import current_store

SERVICE = "snakkommobbing"


@pytest.fixture
def page(browser) -> Page:
    """A fresh page that lets the test inject axe-core past the page's CSP (the CSP itself is
    checked on the response below); fails on any uncaught script error."""
    context = browser.new_context(viewport={"width": 1100, "height": 1180}, locale="nb-NO",
                                  timezone_id="Europe/Oslo", bypass_csp=True)
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"script errors in the page: {errors}"


@pytest.fixture
def requests_seen(page: Page) -> List[str]:
    seen: List[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


@pytest.fixture
def token() -> str:
    return issue(current_store(), "service", SERVICE).token


def _tab_to(page: Page, element_id: str, limit: int = 25) -> None:
    """Press Tab until the element with this id has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


def _sign_in(page: Page, token: str) -> None:
    _tab_to(page, "token")
    page.keyboard.type(token)
    page.keyboard.press("Enter")
    expect(page.locator("#panel")).to_be_visible()
    expect(page.locator("#channel option")).to_have_count(1)


def _statuses(base: str) -> list:
    return httpx.get(f"{base}/v1/status", params={"service": SERVICE}).json()


def test_a_service_reports_busy_and_withdraws_it_by_keyboard(page: Page, gateway_url: str, token: str,
                                                             requests_seen: List[str], artifacts_dir) -> None:
    words = staff_strings("nb")
    page.goto(f"{gateway_url}/staff/")
    assert page.evaluate("() => document.documentElement.lang") == "nb"
    assert run_axe(page) == []
    _sign_in(page, token)
    assert focused(page)["text"].startswith(words["signed_in_as"].split("{")[0])

    _tab_to(page, "channel")
    page.keyboard.press("Tab")  # into the state radio group: "closed" is checked
    page.keyboard.press("ArrowRight")  # first click: busy
    assert page.evaluate("() => document.querySelector('input[name=state]:checked').value") == "busy"
    _tab_to(page, "reason")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == words["save"]
    page.keyboard.press("Enter")  # second click: save
    expect(page.locator("#message")).to_have_text(words["saved"])
    reported = _statuses(gateway_url)
    assert [(s["service"], s["channel"], s["state"]) for s in reported] == [(SERVICE, "chat", "busy")]
    expect(page.locator("#current li")).to_have_count(1)
    assert run_axe(page) == []
    save_screenshot(page, artifacts_dir, "staff-nb", docs=True)

    withdraw = page.get_by_role("button", name=words["withdraw"])
    withdraw.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#message")).to_have_text(words["withdrawn"])
    assert _statuses(gateway_url) == []
    assert all(url.startswith(gateway_url) for url in requests_seen), requests_seen


def test_the_english_page_and_a_wrong_token(page: Page, gateway_url: str, token: str,
                                            requests_seen: List[str], artifacts_dir) -> None:
    words = staff_strings("en")
    page.goto(f"{gateway_url}/staff/?lang=en")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    expect(page.locator("h1")).to_have_text(words["title"])
    _tab_to(page, "token")
    page.keyboard.type(token + "x")
    page.keyboard.press("Enter")
    expect(page.locator("#message")).to_have_text(words["bad_token"])
    expect(page.locator("#panel")).to_be_hidden()
    assert run_axe(page) == []
    page.fill("#token", "")
    _sign_in(page, token)
    assert run_axe(page) == []
    save_screenshot(page, artifacts_dir, "staff-en", docs=True)
    assert all(url.startswith(gateway_url) for url in requests_seen), requests_seen


def test_the_page_forbids_third_party_content_and_keeps_no_token(gateway_url: str) -> None:
    reply = httpx.get(f"{gateway_url}/staff/")
    policy = reply.headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] in ("'self'", "'none'") and directives["connect-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    # No third party may serve anything to the page (only the embedding sites may frame it).
    assert not any("http" in sources for name, sources in directives.items() if name != "frame-ancestors")
    assert reply.headers["referrer-policy"] == "no-referrer"
    assert "http://" not in reply.text and "https://" not in reply.text
    script = httpx.get(f"{gateway_url}/staff/staff.js").text
    assert "localStorage" not in script and "sessionStorage" not in script and "cookie" not in script
    assert httpx.get(f"{gateway_url}/staff/?lang=se").status_code == 404
