"""Meedoen on a 320 px phone: the header folds into a menu, and every page each role can open
fits the screen without sideways scrolling and passes axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from meedoen.tests.browser.conftest import assert_accessible, page_width
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


def test_every_page_of_every_role_fits_a_320_px_phone_and_passes_axe(browser, live_server, axe):
    from django.conf import settings

    from meedoen.tests.test_permission_matrix import build_matrix_world

    world = build_matrix_world()
    downloads: set[str] = set()  # url names that answer with a file, not a page
    checked: set[str] = set()  # axe runs once per url name, on the first role that opens it
    visited = 0
    for role, pages in _pages_per_role(world).items():
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 320, "height": 640},
            is_mobile=True,
            has_touch=True,
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
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= 320, f"{role} {url}: {width} px wide"
                if name not in checked:
                    checked.add(name)
                    assert_accessible(axe, page)
        finally:
            context.close()
    assert visited > 100 and "start:citizen" not in downloads


def test_the_page_not_found_says_what_to_do_next_and_passes_axe(phone, axe, world):
    response = phone.goto("/bestaat-niet/", timeout=60_000)
    assert response is not None and response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(phone.get_by_role("link", name="Naar de startpagina van Meedoen")).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
