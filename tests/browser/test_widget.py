"""The web widget in headless Chromium: languages, keyboard, quick exit, no traces, accessibility.

These run against the gateway alone (no Rasa): what they check happens in the browser.
Conversations with the real bot are in test_widget_conversation.py.
"""
from __future__ import annotations

import gzip
import json
import re
import time

import httpx
import pytest
from playwright.sync_api import Page, expect

from bot.routers.widget import REQUIRED_STRINGS, STATIC_DIR
from triage.contact_links import catalogue_phone_contacts, links_for, tel_href
from browser_support import (LANGUAGES, focused, go_back_from_exit, run_axe, save_screenshot,
                             storage_traces)

STATIC = STATIC_DIR / "widget"
HOST_LANG = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB", "se": "se"}  # as host pages write them


def open_widget(page: Page) -> None:
    page.locator(".hl-launcher").click()
    expect(page.locator(".hl-panel")).to_be_visible()


def test_strings_come_from_the_catalogue(gateway_url: str) -> None:
    for lang in LANGUAGES:
        response = httpx.get(f"{gateway_url}/widget/v1/strings/{lang}.json")
        assert response.status_code == 200
        strings = response.json()
        assert not set(REQUIRED_STRINGS) - set(strings), f"{lang}: missing {set(REQUIRED_STRINGS) - set(strings)}"
        links = strings.pop("links")
        assert all(isinstance(text, str) and text for text in strings.values())
        # Every number the texts name is a link the catalogue records (112 in the error line).
        assert {"112"} <= {link["text"] for link in links} and all(link["href"].startswith("tel:") for link in links)
    assert httpx.get(f"{gateway_url}/widget/v1/strings/de.json").status_code == 404
    assert httpx.get(f"{gateway_url}/widget/v1/strings/..%2Fnb.json").status_code == 404


def test_widget_files_are_pinned_and_never_cached(gateway_url: str) -> None:
    """Quick exit cannot clear the browser cache, so nothing that shows a visit is kept in it."""
    for name, kind in (("hjelpelos.js", "javascript"), ("hjelpelos.css", "css")):
        response = httpx.get(f"{gateway_url}/widget/v1/{name}")
        assert response.status_code == 200
        assert kind in response.headers["content-type"]
        assert response.headers["cache-control"] == "no-store"
    for page_name in ("adult", "youth"):
        assert httpx.get(f"{gateway_url}/pages/{page_name}.html").status_code == 200
    assert httpx.get(f"{gateway_url}/pages/third-party.html").status_code == 404


def test_widget_stays_small() -> None:
    """Script and style together stay under 8 KiB gzipped (measured size is in docs/widget.md)."""
    total = sum(len(gzip.compress((STATIC / name).read_bytes(), 9)) for name in ("hjelpelos.js", "hjelpelos.css"))
    assert total < 8 * 1024, total


@pytest.mark.parametrize("lang", LANGUAGES)
def test_renders_in_each_language(page: Page, gateway_url, host_page, catalogue_strings, artifacts_dir, lang) -> None:
    """The host page's lang attribute picks the language; every label comes from its catalogue."""
    strings = catalogue_strings[lang]
    page.goto(host_page(gateway_url, lang=HOST_LANG[lang]))
    expect(page.locator(".hl-exit")).to_have_text(strings["widget_quick_exit"])
    expect(page.locator(".hl-launcher")).to_have_text(strings["widget_open"])
    assert run_axe(page) == []
    open_widget(page)
    expect(page.locator(".hl-root")).to_have_attribute("lang", lang)
    expect(page.locator(".hl-title")).to_have_text(strings["widget_title"])
    expect(page.locator(".hl-exit-note")).to_have_text(strings["widget_quick_exit_notice"])
    expect(page.locator("#hl-lang")).to_have_value(lang)
    expect(page.get_by_label(strings["widget_input_label"])).to_be_visible()
    expect(page.locator(".hl-msg.hl-bot").first).to_contain_text(strings["greeting_invite"])
    assert run_axe(page) == []
    save_screenshot(page, artifacts_dir, f"widget-{lang}", docs=True)


def test_language_from_host_page_and_switch(page: Page, gateway_url, catalogue_strings) -> None:
    """The youth page says lang="nn" and embeds the widget inline; the select switches language."""
    page.goto(f"{gateway_url}/pages/youth.html")
    expect(page.locator(".hl-inline .hl-panel")).to_be_visible()
    expect(page.locator(".hl-exit")).to_have_text(catalogue_strings["nn"]["widget_quick_exit"])
    page.locator("#hl-lang").select_option("en")
    expect(page.locator(".hl-exit")).to_have_text(catalogue_strings["en"]["widget_quick_exit"])
    expect(page.locator(".hl-root")).to_have_attribute("lang", "en")
    expect(page.locator(".hl-msg.hl-bot").first).to_contain_text(catalogue_strings["en"]["greeting_invite"])
    assert run_axe(page) == []


def test_keyboard_only(page: Page, gateway_url, catalogue_strings) -> None:
    """Quick exit is the first stop on the page and in the open panel; every control is reachable."""
    strings = catalogue_strings["nb"]
    page.goto(f"{gateway_url}/pages/adult.html")
    expect(page.locator(".hl-launcher")).to_be_visible()
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["cls"] == "hl-exit" and first["text"] == strings["widget_quick_exit"]
    assert first["outline"].startswith("solid"), "focus must be visible"
    page.keyboard.press("Tab")
    assert focused(page)["cls"] == "hl-launcher"
    page.keyboard.press("Enter")
    expect(page.locator(".hl-panel")).to_be_visible()
    order = []
    while len(order) < 15 and (not order or order[-1]["cls"] != "hl-send"):
        page.keyboard.press("Tab")
        order.append(focused(page))
    stops = [f["cls"] or f["tag"] for f in order]
    # The greeting's 112/113 are tap-to-call links inside the log, between the log and the input.
    assert stops[:6] == ["hl-exit", "select", "hl-tool", "hl-tool", "hl-tool", "hl-log"]
    assert stops[-2:] == ["textarea", "hl-send"] and set(stops[6:-2]) <= {"hl-tel"}
    assert [f["text"] for f in order[2:5]] == [
        strings["widget_night_mode"], strings["widget_start_again"], strings["widget_close"]]
    assert all(f["outline"].startswith("solid") for f in order), "focus must be visible"
    # Night mode by keyboard, then close: focus goes back to the launcher.
    night = page.locator(".hl-tool").nth(0)
    before = night.get_attribute("aria-pressed")
    night.focus()
    page.keyboard.press("Enter")
    assert night.get_attribute("aria-pressed") != before
    assert run_axe(page) == []
    page.locator(".hl-tool").nth(2).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".hl-launcher")).to_be_visible()
    assert focused(page)["cls"] == "hl-launcher"


def test_phone_screen(page: Page, gateway_url, artifacts_dir) -> None:
    """On a phone the panel fills the screen with quick exit on top, and nothing overflows sideways."""
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{gateway_url}/pages/adult.html")
    open_widget(page)
    exit_box = page.locator(".hl-exit").bounding_box()
    panel_box = page.locator(".hl-panel").bounding_box()
    assert panel_box["x"] == 0 and panel_box["width"] == 375
    assert exit_box["y"] < 40 and exit_box["height"] >= 44
    assert page.locator(".hl-send").bounding_box()["y"] + 44 <= 740
    assert run_axe(page) == []
    save_screenshot(page, artifacts_dir, "widget-nb-phone")


def test_night_mode_is_accessible(page: Page, gateway_url, artifacts_dir) -> None:
    page.goto(f"{gateway_url}/pages/youth.html")
    page.locator(".hl-tool").nth(0).click()
    expect(page.locator(".hl-root")).to_have_class(re.compile(r"\bhl-night\b"))
    assert run_axe(page) == []
    page.locator(".hl-panel").scroll_into_view_if_needed()
    save_screenshot(page, artifacts_dir, "widget-nn-night")
    assert storage_traces(page) == {"local": 0, "session": 0, "cookie": 0, "context_cookies": 0}


def _open_from_neutral_page(page: Page, gateway_url: str, url: str) -> None:
    page.goto(f"{gateway_url}/healthz")  # the page the user was on before the chat
    page.goto(url)
    expect(page.locator(".hl-launcher")).to_be_visible()


def test_quick_exit_leaves_no_traces(page: Page, gateway_url, host_page) -> None:
    url = host_page(gateway_url, session_storage="true")
    _open_from_neutral_page(page, gateway_url, url)
    open_widget(page)
    page.locator("#hl-input").fill("noen har slått meg")
    page.locator(".hl-send").click()  # no bot here: the message still enters the conversation
    expect(page.locator(".hl-msg.hl-user")).to_have_count(1)
    assert storage_traces(page)["session"] == 1  # opted in with data-session-storage="true"
    page.locator(".hl-exit").click()
    go_back_from_exit(page)
    assert page.url == f"{gateway_url}/healthz", "Back must not return to the chat page"
    assert storage_traces(page) == {"local": 0, "session": 0, "cookie": 0, "context_cookies": 0}


def test_escape_twice_exits(page: Page, gateway_url) -> None:
    _open_from_neutral_page(page, gateway_url, f"{gateway_url}/pages/adult.html")
    page.keyboard.press("Escape")
    time.sleep(1.3)  # two presses far apart are not a quick exit
    page.keyboard.press("Escape")
    expect(page.locator(".hl-launcher")).to_be_visible()
    assert page.url.endswith("/pages/adult.html")
    open_widget(page)
    page.locator("#hl-input").focus()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    go_back_from_exit(page)
    assert page.url == f"{gateway_url}/healthz"
    assert storage_traces(page) == {"local": 0, "session": 0, "cookie": 0, "context_cookies": 0}


def test_nothing_stored_by_default(page: Page, gateway_url) -> None:
    page.goto(f"{gateway_url}/pages/adult.html")
    open_widget(page)
    page.locator("#hl-input").fill("hei")
    page.keyboard.press("Enter")
    expect(page.locator(".hl-msg.hl-user")).to_have_count(1)
    assert storage_traces(page) == {"local": 0, "session": 0, "cookie": 0, "context_cookies": 0}
    page.reload()
    open_widget(page)
    expect(page.locator(".hl-msg.hl-user")).to_have_count(0)


def test_start_again_clears(page: Page, gateway_url, host_page, catalogue_strings) -> None:
    page.goto(host_page(gateway_url, session_storage="true"))
    open_widget(page)
    page.locator("#hl-input").fill("hei")
    page.keyboard.press("Enter")
    expect(page.locator(".hl-msg.hl-user")).to_have_count(1)
    page.get_by_role("button", name=catalogue_strings["nb"]["widget_start_again"]).click()
    expect(page.locator(".hl-msg.hl-user")).to_have_count(0)
    expect(page.locator(".hl-msg")).to_have_count(1)  # the greeting only
    assert storage_traces(page)["session"] == 0
    assert focused(page)["tag"] == "textarea"


def test_bot_down_gets_a_calm_reply(page: Page, gateway_url, catalogue_strings) -> None:
    """With Rasa unreachable the gateway answers from the catalogue, and 112 is still one tap away."""
    page.goto(f"{gateway_url}/pages/adult.html")
    open_widget(page)
    page.locator("#hl-input").fill("hei")
    page.keyboard.press("Enter")
    reply = page.locator(".hl-msg.hl-user ~ .hl-msg.hl-bot")
    expect(reply).to_have_text(re.compile(re.escape(catalogue_strings["nb"]["error_try_again"])))
    expect(reply.locator("a[href='tel:112']")).to_have_count(1)


def test_bot_text_becomes_links_never_html(page: Page, gateway_url, host_page) -> None:
    """Every phone contact of the catalogue the bot names is a tel: link, built from the links the
    bot sent with the text; numbers it did not send stay text; web addresses open in a new tab;
    markup stays text."""
    contacts = [contact for _, contact in catalogue_phone_contacts()]
    text = ("Ring " + ", ".join(contacts) + ". Les https://example.org/hjelp. Skriv til post@example.org. "
            "Ikke lenker: 2024, kl. 08.00, 13 år, 1120, 800 333 22. <b>fet</b>")
    links = links_for([text], [], [])
    url = host_page(gateway_url, session_storage="true")
    page.goto(url)
    saved = {"sender": "test-sender", "lang": "nb", "messages": [{"from": "bot", "lang": "nb", "text": text,
        "links": links, "buttons": [{"title": "Jeg er under 18", "payload": "/inform_age"}]}]}
    page.evaluate("s => sessionStorage.setItem('hjelpelos', s)", json.dumps(saved))
    page.reload()
    open_widget(page)
    message = page.locator(".hl-msg.hl-bot").first
    tel = message.locator("a[href^='tel:']")
    expect(tel).to_have_count(len(contacts))
    assert [tel.nth(i).text_content() for i in range(len(contacts))] == contacts
    assert [tel.nth(i).get_attribute("href") for i in range(len(contacts))] == [tel_href(c) for c in contacts]
    web = message.locator("a[href='https://example.org/hjelp']")
    expect(web).to_have_attribute("target", "_blank")
    expect(web).to_have_attribute("rel", "noopener noreferrer")
    expect(message.locator("a[href='mailto:post@example.org']")).to_have_count(1)
    expect(message.locator("b")).to_have_count(0)
    expect(message).to_contain_text("<b>fet</b>")
    expect(page.locator(".hl-reply")).to_have_text("Jeg er under 18")
    assert run_axe(page) == []


CSP_WATCH = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.mark.parametrize("page_name", ["adult", "youth"])
def test_test_pages_run_under_the_strict_csp(page: Page, gateway_url, page_name) -> None:
    """The widget works on the gateway's pages with no CSP violation; inline script is refused."""
    page.add_init_script(CSP_WATCH)
    page.goto(f"{gateway_url}/pages/{page_name}.html")
    if page_name == "adult":
        open_widget(page)
    expect(page.locator(".hl-msg.hl-bot").first).to_be_visible()
    expect(page.locator("header")).not_to_have_css("background-color", "rgba(0, 0, 0, 0)")  # page CSS loaded
    assert page.evaluate("() => window.__cspViolations") == []
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.__inlineRan = true'; document.body.appendChild(s); }""")
    assert page.evaluate("() => window.__inlineRan === undefined")
    assert any(v.startswith("script-src") for v in page.evaluate("() => window.__cspViolations"))
