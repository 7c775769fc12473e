"""Meedoen on a 320 px phone: the header folds into a menu, and every page each role can open
fits the screen without sideways scrolling and passes axe."""

from __future__ import annotations

import hashlib
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from meedoen.tests.browser.conftest import (
    DUPLICATE_IDS,
    assert_accessible,
    axe_violations,
    page_width,
)
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def header_height(page) -> float:
    return page.evaluate("document.querySelector('header').getBoundingClientRect().height")


def test_the_header_folds_into_a_menu_on_a_phone(phone, axe, world):
    sign_in(phone, world.people["coordinator"].username)
    menu_button = phone.get_by_role("button", name="Menu")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    assert header_height(phone) <= 80
    main_menu = phone.get_by_role("navigation", name="Hoofdmenu")
    expect(main_menu).to_be_hidden()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(main_menu).to_be_visible()
    expect(phone.get_by_role("link", name="Mijn gegevens")).to_be_visible()
    expect(phone.get_by_role("button", name=re.compile("^Uitloggen"))).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    # Escape folds it again and leaves the focus on the button.
    main_menu.get_by_role("link").first.focus()
    phone.keyboard.press("Escape")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu_button).to_be_focused()
    expect(main_menu).to_be_hidden()


def test_a_wide_screen_shows_the_whole_header_without_a_menu_button(page, world):
    sign_in(page, world.people["coordinator"].username)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()


def test_without_scripts_the_menu_stays_open(browser, live_server, world):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, java_script_enabled=False
    )
    try:
        phone = context.new_page()
        phone.goto("/")
        expect(phone.get_by_role("button", name="Menu")).to_be_hidden()
        header = phone.get_by_role("banner")
        expect(header.get_by_role("link", name="Inloggen")).to_be_visible()
        expect(phone.get_by_role("button", name="Taal wijzigen")).to_be_visible()
    finally:
        context.close()


def _pages_per_role(world):
    """Every page of the permission matrix that each role may open (200), as addresses."""
    from django.urls import reverse

    from meedoen.tests.test_permission_matrix import MATRIX, ROLES

    pages: dict[str, list[tuple[str, str]]] = {role: [] for role in ROLES}
    for name, (method, args, expected) in MATRIX.items():
        if method != "get" or name.startswith("api:"):
            continue
        url = reverse(name, args=args(world) if args else None)
        for role in ROLES:
            if expected[role] == 200:
                pages[role].append((name, url))
    return pages


PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}

#: The page's structure in two parts, the header and footer around `<main>` and `<main>`
#: itself: each element by its tag, classes, role and type and the names (not the values) of
#: its other attributes, whether a link, button, label or heading has text, and its children,
#: a run of siblings with the same structure counted once. The same template seen by two roles
#: (other names, other numbers, more or fewer rows) has the same structure; what axe judges
#: besides (contrast, names, landmarks, headings) follows from the structure and the classes.
PAGE_PARTS = """() => {
  const main = document.querySelector("main");
  const VALUES = new Set(["class", "role", "type", "scope"]);
  const SKIP = new Set(["value", "aria-current", "nonce"]);
  const NAMED = /^(A|BUTTON|LABEL|TH|H[1-6]|LEGEND|CAPTION|SUMMARY|OPTION|DT)$/;
  const shape = (el, whole = false) => {
    if (el === main && !whole) return "MAIN";
    let s = el.tagName;
    for (const a of el.attributes) {
      if (VALUES.has(a.name)) s += `[${a.name}=${a.value}]`;
      else if (!SKIP.has(a.name)) s += `[${a.name}]`;
    }
    if (NAMED.test(el.tagName)) s += el.textContent.trim() ? "+" : "-";
    const children = [];
    let previous = null;
    for (const child of el.children) {
      const part = shape(child);
      if (part !== previous) children.push(part);
      previous = part;
    }
    return `${s}(${children.join(",")})`;
  };
  return [shape(document.body), main ? shape(main, true) : ""];
}"""


#: What the checker reads of every page, in one call to the browser: the width, the ids
#: used more than once and the page's structure.
PAGE_FACTS = f"""() => [
  document.documentElement.scrollWidth, ({DUPLICATE_IDS})(), ({PAGE_PARTS})()
]"""


class _Checker:
    """axe at 320 and 1280 px on a loaded page, leaving out a page whose header and whose
    content have both been checked already, each with the same structure (the header of the
    same role on its other pages, the content as another role saw it). Width and duplicate ids
    are checked on every page."""

    def __init__(self, axe):
        self.axe = axe
        self.checked: set[str] = set()
        self.problems: list[str] = []

    def __call__(self, page, where: str, *, fits_a_phone: bool = True) -> None:
        width, duplicates, structure = page.evaluate(PAGE_FACTS)
        if fits_a_phone and width > PHONE["width"]:
            self.problems.append(f"{where}: {width} px wide at 320 px")
        self.problems += [f"{where}: id used more than once: {i}" for i in duplicates]
        parts = {hashlib.sha256(part.encode()).hexdigest() for part in structure}
        if parts <= self.checked:
            return
        self.checked |= parts
        # The same document at both widths: axe is put into the page once.
        self.problems += [f"{where} at 320 px: {v}" for v in axe_violations(self.axe, page)]
        page.set_viewport_size(DESKTOP)
        self.problems += [f"{where} at 1280 px: {v}" for v in axe_violations(self.axe, page)]
        page.set_viewport_size(PHONE)


def _signed_in(browser, live_server, world, role):
    """A phone-sized browser of its own for the role, signed in by the session it already has."""
    from django.conf import settings

    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    if role != "anonymous":
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": world.objects["sessions"][role],
                    "url": live_server.url,
                }
            ]
        )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_every_page_of_every_role_fits_a_320_px_phone_and_passes_axe_at_320_and_1280_px(
    browser, live_server, axe
):
    from meedoen.tests.test_permission_matrix import build_matrix_world

    world = build_matrix_world()
    downloads: set[str] = set()  # url names that answer with a file, not a page
    check = _Checker(axe)
    visited = 0
    for role, pages in _pages_per_role(world).items():
        context, page = _signed_in(browser, live_server, world, role)
        try:
            for name, url in pages:
                if name in downloads:
                    continue
                try:
                    response = page.goto(url)
                except PlaywrightError as error:
                    assert "Download is starting" in str(error), (role, url, error)
                    downloads.add(name)
                    continue
                assert response is not None and response.status == 200, (role, url)
                if "text/html" not in response.headers.get("content-type", ""):
                    downloads.add(name)  # a file the browser shows itself (JSON, text)
                    continue
                visited += 1
                check(page, f"{role} {url}")
        finally:
            context.close()
    assert not check.problems, "\n".join(check.problems)
    assert visited > 100 and "start:citizen" not in downloads


def _admin_pages() -> list[str]:
    """The admin: the list of every registered model, and the form of its first object (or
    the empty form to add one, where nothing is stored yet)."""
    from django.contrib import admin
    from django.urls import reverse

    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{prefix}_changelist"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{prefix}_change", args=[first.pk]))
        else:
            pages.append(reverse(f"{prefix}_add"))
    return pages


def test_every_list_and_form_of_the_admin_passes_axe_at_320_and_1280_px(browser, live_server, axe):
    from meedoen.tests.test_permission_matrix import build_matrix_world

    world = build_matrix_world()
    check = _Checker(axe)
    visited = 0
    context, page = _signed_in(browser, live_server, world, "admin")
    try:
        for url in _admin_pages():
            response = page.goto(url)
            assert response is not None, url
            if response.status == 403 and url.endswith("/add/"):
                continue  # nothing stored, and nothing to add by hand (a log)
            assert response.status == 200, (url, response.status)
            visited += 1
            # The admin is for work at a desk: wide tables may scroll there.
            check(page, f"admin {url}", fits_a_phone=False)
    finally:
        context.close()
    assert not check.problems, "\n".join(check.problems)
    assert visited > 40


def test_the_page_not_found_says_what_to_do_next_and_passes_axe(phone, axe, world):
    response = phone.goto("/bestaat-niet/", timeout=60_000)
    assert response is not None and response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(phone.get_by_role("link", name="Naar de startpagina van Meedoen")).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
