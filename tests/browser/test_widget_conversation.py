"""Conversations through the widget with the real bot (gateway + Rasa + actions from `bot_url`)."""
from __future__ import annotations

import json
from typing import List

from playwright.sync_api import Page, Request, expect

from browser_support import run_axe, save_screenshot

REPLY_TIMEOUT_MS = 60_000  # the first reply may wait for models to warm up
WEBHOOK = "/webhooks/rest/webhook"


def record_webhook_calls(page: Page) -> List[dict]:
    """The JSON bodies the widget posts to the bot, in order."""
    bodies: List[dict] = []

    def on_request(request: Request) -> None:
        if request.method == "POST" and request.url.endswith(WEBHOOK):
            bodies.append(json.loads(request.post_data or "{}"))

    page.on("request", on_request)
    return bodies


def say(page: Page, text: str) -> None:
    """Type and send a message by keyboard, then wait until the bot has answered it."""
    users = page.locator(".hl-msg.hl-user").count()
    page.locator("#hl-input").fill(text)
    page.locator("#hl-input").press("Enter")
    expect(page.locator(".hl-msg.hl-user")).to_have_count(users + 1)
    answered = page.locator(".hl-msg.hl-user").last.locator("~ .hl-msg.hl-bot")
    expect(answered.first).to_be_visible(timeout=REPLY_TIMEOUT_MS)


def handover_links(page: Page, href: str):
    """tel: links in bot messages after the user's first message (the greeting has 112/113 too)."""
    return page.locator(f".hl-msg.hl-user ~ .hl-msg.hl-bot a[href='{href}']")


def test_child_gets_alarmtelefonen_by_tap_to_call(page: Page, bot_url: str, artifacts_dir) -> None:
    calls = record_webhook_calls(page)
    page.goto(f"{bot_url}/pages/adult.html")
    page.locator(".hl-launcher").click()
    say(page, "Jeg er 13 år og pappa slår meg")
    expect(handover_links(page, "tel:116111").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    assert calls[0]["message"] == "Jeg er 13 år og pappa slår meg"
    assert calls[0]["metadata"] == {"language": "nb", "channel": "web", "client": "widget"}
    assert len(calls[0]["sender"]) >= 32
    assert run_axe(page) == []
    save_screenshot(page, artifacts_dir, "widget-conversation-nb", docs=True)
    replies = page.locator(".hl-reply")
    if replies.count():  # quick replies send their payload and show their title
        title = replies.first.inner_text()
        replies.first.click()
        expect(page.locator(".hl-msg.hl-user").last).to_contain_text(title)
        expect(page.locator(".hl-msg.hl-user").last.locator("~ .hl-msg.hl-bot").first).to_be_visible(
            timeout=REPLY_TIMEOUT_MS)
        assert calls[-1]["sender"] == calls[0]["sender"]


def test_acute_danger_gets_112(page: Page, bot_url: str) -> None:
    page.goto(f"{bot_url}/pages/adult.html")
    page.locator(".hl-launcher").click()
    say(page, "Han står utenfor døra med kniv nå")
    expect(handover_links(page, "tel:112").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)


def test_english_on_the_youth_page(page: Page, bot_url: str, artifacts_dir) -> None:
    calls = record_webhook_calls(page)
    page.goto(f"{bot_url}/pages/youth.html")
    page.locator("#hl-lang").select_option("en")
    expect(page.locator(".hl-root")).to_have_attribute("lang", "en")
    say(page, "I am 12 and my dad hits me")
    expect(handover_links(page, "tel:116111").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    assert calls[0]["metadata"] == {"language": "en", "channel": "web", "client": "widget"}
    save_screenshot(page, artifacts_dir, "widget-conversation-en")


def test_start_again_uses_a_new_sender(page: Page, bot_url: str) -> None:
    calls = record_webhook_calls(page)
    page.goto(f"{bot_url}/pages/youth.html")
    say(page, "hei")
    page.locator(".hl-tool").nth(1).click()  # start again
    expect(page.locator(".hl-msg")).to_have_count(1)
    say(page, "hei")
    assert len(calls) == 2 and calls[0]["sender"] != calls[1]["sender"]


def test_polish_acute_message_gets_112_first_in_polish_then_english(page: Page, bot_url: str, artifacts_dir) -> None:
    """Someone writing Polish on a Norwegian page: 112/113 first, in Polish, then the English handover."""
    from triage import messages

    page.goto(f"{bot_url}/pages/adult.html")
    page.locator(".hl-launcher").click()
    say(page, "dzień dobry, mój mąż mnie bije teraz i boję się, zamknęłam się w łazience")
    first = page.locator(".hl-msg.hl-user ~ .hl-msg.hl-bot").first
    expect(first).to_contain_text(messages.own_text("emergency", "pl", police="112", medical="113"),
                                  timeout=REPLY_TIMEOUT_MS)  # after the screen-reader label "Veiviseren:"
    expect(first.locator("a[href='tel:112']")).to_be_visible()
    english = messages.text("emergency_then", "en")
    expect(page.locator(".hl-msg.hl-bot", has_text=english)).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    # Show the person's message and the first reply, not the end of the handover.
    page.locator(".hl-msg.hl-user").last.evaluate("el => el.scrollIntoView({block: 'start'})")
    save_screenshot(page, artifacts_dir, "widget-conversation-pl", docs=True)
