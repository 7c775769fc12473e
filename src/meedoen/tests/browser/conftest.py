"""Browser tests: Playwright drives Debian's Chromium against the live test server."""

from __future__ import annotations

import os
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.staticfiles import handlers as staticfiles_handlers

# Playwright's sync API runs an event loop in this thread; the database calls that the
# test itself makes (fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _OneRequestAtATime(staticfiles_handlers.StaticFilesHandler):
    """The live server, answering one request at a time.

    On SQLite the suite's database lives in memory, so the live server hands every request
    thread the test's own connection: two requests at once (a page and the request its htmx
    starts, a click while the last page still loads) would interleave their transactions and
    savepoints on it and fail by chance. The lock holds from the request until its response
    is closed, so a streamed answer also reads alone."""

    _lock = threading.RLock()

    def __call__(self, environ, start_response):
        self._lock.acquire()
        try:
            response = super().__call__(environ, start_response)
        except BaseException:
            self._lock.release()
            raise
        return _Released(response, self._lock)


class _Released:
    def __init__(self, response, lock):
        self._response, self._lock = response, lock

    def __iter__(self):
        return iter(self._response)

    def close(self):
        try:
            if hasattr(self._response, "close"):
                self._response.close()
        finally:
            self._lock.release()


# pytest-django's live server takes Django's handler for static files by name when it starts.
staticfiles_handlers.StaticFilesHandler = _OneRequestAtATime  # type: ignore[misc]

CHROMIUM = os.environ.get("MEEDOEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM} (Debian package chromium).")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 320, "height": 640},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


def page_width(page) -> int:
    """The document's width once the page a click or submit led to has loaded.

    A click that starts a navigation returns as soon as the new document is committed, when
    it may not have an element yet; reading its width then fails, so wait for the load.
    """
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth")


#: Ids used more than once on the page (a label or an error would point to the wrong field).
DUPLICATE_IDS = """() => {
  const seen = new Set(), twice = new Set();
  for (const element of document.querySelectorAll("[id]")) {
    (seen.has(element.id) ? twice : seen).add(element.id);
  }
  return [...twice];
}"""


#: axe on the page as it stands (injected already), its violations told in short.
AXE_VIOLATIONS = """async (options) => {
  const results = await axe.run(document, options);
  return results.violations.map((violation) =>
    `${violation.id} (${violation.impact}): ${violation.help}: `
    + violation.nodes.map((node) => node.target.join(" ")).join(", "));
}"""


def axe_violations(axe, page) -> list[str]:
    """axe's WCAG 2.1 AA violations on the page as it is now. axe is put into the page once:
    run again after the page changed (another width, an opened menu), it is not sent again."""
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(axe.axe_script)
    return page.evaluate(AXE_VIOLATIONS, WCAG_21_AA)


def duplicate_ids(page) -> list[str]:
    return page.evaluate(DUPLICATE_IDS)


def assert_accessible(axe, page):
    page.wait_for_load_state("load")
    results = axe.run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    duplicates = page.evaluate(DUPLICATE_IDS)
    assert not duplicates, f"{page.url}: ids used more than once: {duplicates}"


def open_menu(page):
    """On a narrow screen the header's items fold behind the menu button: open it."""
    page.wait_for_load_state("load")
    button = page.locator(".meedoen-menu-button")
    if button.is_visible() and button.get_attribute("aria-expanded") == "false":
        button.click()


def in_dutch(make):
    """A text the pages show, as a Dutch page shows it (names built with gettext)."""
    from django.utils import translation

    with translation.override("nl"):
        return make()
