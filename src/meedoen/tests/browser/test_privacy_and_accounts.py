"""The privacy statement, forgot-your-password and the processing register on a 320 px
phone: nothing wider than the screen, axe finds nothing, Dutch and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.accounts.models import ProcessingActivity
from meedoen.accounts.tests.factories import ProcessingActivityFactory
from meedoen.tests.browser.conftest import assert_accessible, open_menu, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_privacy_statement_from_the_footer_in_dutch_and_english(phone, axe, world):
    phone.goto("/")
    phone.get_by_role("contentinfo").get_by_role("link", name="Privacyverklaring").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Privacyverklaring")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    open_menu(phone)
    phone.get_by_label("Taal").select_option("en")
    phone.get_by_role("button", name="Taal wijzigen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Privacy statement")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)


def test_the_forms_that_ask_for_details_link_to_it(phone, axe, world):
    for path in ("/ask-for-help/", "/volunteer/register/"):
        phone.goto(path)
        expect(
            phone.get_by_role("main").get_by_role("link", name="privacyverklaring")
        ).to_be_visible()


def test_forgot_password_on_a_phone(phone, axe, world):
    phone.goto("/accounts/login/")
    phone.get_by_role("link", name="Wachtwoord vergeten?").click()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.get_by_label("E-mailadres").fill("iemand@example.nl")
    phone.get_by_role("button", name="Stuur mij een link").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.goto("/accounts/password/reset/MQ/not-a-token/")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)


def test_processing_register_for_the_administrator_on_a_phone(phone, axe, world):
    if not ProcessingActivity.objects.exists():  # a previous test's flush removed the seed
        ProcessingActivityFactory(special_category=True)
    sign_in(phone, "admin")
    phone.goto("/accounts/processing-register/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Verwerkingsregister")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
