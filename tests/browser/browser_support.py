"""Shared tools for the widget's browser tests: axe-core, focus inside shadow roots, storage, screenshots."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Dict

from playwright.sync_api import Page

from npm_packages import AXE_CORE, npm_package

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("HJELPELOS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = REPO / "docs" / "screenshots"
EXIT_URL = "https://www.yr.no/"
LANGUAGES = ("nb", "nn", "en", "se")


def run_axe(page: Page) -> list:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page, shadow DOM included.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern: a
    script tag would be inline script, which the gateway's pages rightly refuse.
    """
    if not page.evaluate("() => !!window.axe"):
        page.evaluate((npm_package(AXE_CORE) / "axe.min.js").read_text(encoding="utf-8"))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def focused(page: Page) -> Dict[str, str]:
    """The element that has focus, looking inside shadow roots."""
    return page.evaluate(
        """() => {
            let el = document.activeElement;
            while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
            const style = getComputedStyle(el);
            return {tag: el.tagName.toLowerCase(), cls: el.className || '', text: (el.textContent || '').trim(),
                    outline: style.outlineStyle + ' ' + style.outlineWidth};
        }"""
    )


def storage_traces(page: Page) -> Dict[str, int]:
    """What the page's origin keeps: localStorage and sessionStorage entries and cookies."""
    counts = page.evaluate("() => ({local: localStorage.length, session: sessionStorage.length, cookie: document.cookie.length})")
    counts["context_cookies"] = len(page.context.cookies())
    return counts


def save_screenshot(page: Page, artifacts: Path, name: str, docs: bool = False) -> None:
    path = artifacts / f"{name}.png"
    page.screenshot(path=str(path))
    if docs:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / f"{name}.png")


def go_back_from_exit(page: Page, attempts: int = 3) -> None:
    """Wait for the quick exit to land, then press Back.

    Under load Chromium can abort a Back issued while the exit page is still settling
    (ERR_ABORTED, a renderer swap that detaches the page); pressing Back again is what a
    person would do. The
    caller's assertion on `page.url` checks where Back leads: the page before the chat, never
    the chat itself, which location.replace() took out of the history.
    """
    import time

    from playwright.sync_api import Error as PlaywrightError

    page.wait_for_url(EXIT_URL)
    page.wait_for_load_state("load")
    for _ in range(attempts):
        try:
            page.go_back(wait_until="load")
        except PlaywrightError:
            pass  # a navigation error while Back is issued; the URL below decides
        if page.url != EXIT_URL:
            return
        time.sleep(0.5)
