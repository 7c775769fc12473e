"""Each role signs in, lands on its own start page, switches language; axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import PASSWORD
from meedoen.tests.browser.conftest import assert_accessible, page_width

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ROLES = {
    # role: (path, Dutch heading part, English heading part)
    "citizen": ("/start/citizen/", "Welkom", "Welcome"),
    "carer": ("/start/citizen/", "Welkom", "Welcome"),
    "volunteer": ("/start/volunteer/", "Welkom", "Welcome"),
    "professional": ("/start/professional/", "Welkom", "Welcome"),
    "coordinator": ("/start/coordinator/", "Welkom", "Welcome"),
    "desk": ("/start/coordinator/", "Welkom", "Welcome"),
    "policy": ("/start/policy/", "Ondersteuning in", "Support in"),
    "dpo": ("/audit/", "Auditlog", "Audit log"),
}


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.parametrize("role", list(ROLES))
def test_role_signs_in_lands_on_its_page_and_switches_language(page, axe, world, role):
    path, dutch, english = ROLES[role]
    page.goto("/")
    assert_accessible(axe, page)
    sign_in(page, world.people[role].username)
    page.wait_for_url(f"**{path}")
    assert page.url.endswith(path)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_contain_text(dutch)
    assert_accessible(axe, page)

    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Taal wijzigen").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text(english)
    assert page.url.endswith(path)
    assert_accessible(axe, page)


def test_wrong_password_is_explained_next_to_the_form_and_keeps_the_username(page, axe, world):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("citizen")
    page.get_by_label("Wachtwoord").fill("not-the-password")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("klopt niet")
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("citizen")
    assert_accessible(axe, page)


def test_keyboard_user_skips_to_the_content(page, world):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_pages_fit_a_320_pixel_phone(phone, axe, world, path):
    phone.goto(path)
    width = page_width(phone)
    assert width <= 320, f"{path} scrolls sideways: {width}px"
    assert_accessible(axe, phone)


def test_start_page_fits_a_320_pixel_phone(phone, axe, world):
    sign_in(phone, "policy")
    assert phone.url.endswith("/start/policy/")
    width = page_width(phone)
    assert width <= 320, f"start page scrolls sideways: {width}px"
    assert_accessible(axe, phone)
