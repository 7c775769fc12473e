"""A form sent with mistakes, by keyboard only: focus lands on the summary of what is wrong,
the title says how many, and each item leads to its field."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.tests.browser.conftest import assert_accessible
from meedoen.tests.browser.test_engagement import assignment  # noqa: F401 (fixture)
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def send_by_keyboard(page, button_name):
    page.get_by_role("button", name=button_name).focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")


def focused(page, attribute="id"):
    return page.evaluate(f"document.activeElement.getAttribute('{attribute}')")


def the_summary_has_focus_and_leads_to(page, axe, field_id, errors):
    summary = page.locator("[data-meedoen-error-summary]")
    expect(summary).to_be_focused()
    assert page.title().startswith(f"{errors} fout")
    expect(summary.get_by_role("listitem")).to_have_count(errors)
    page.keyboard.press("Tab")  # the first link in the summary
    assert focused(page, "href") == f"#{field_id}"
    page.keyboard.press("Enter")
    assert focused(page) == field_id
    assert_accessible(axe, page)


def test_asking_for_help(page, axe, world):
    page.goto("/ask-for-help/")
    send_by_keyboard(page, "Mijn vraag versturen")
    the_summary_has_focus_and_leads_to(page, axe, "id_activities_0_0", 5)
    # The telephone-or-e-mail message is tied to both fields.
    for field in ("#id_contact_phone", "#id_contact_email"):
        expect(page.locator(field)).to_have_attribute("aria-invalid", "true")


def test_signing_up_as_a_volunteer(page, axe, world):
    page.goto("/volunteer/register/")
    page.locator("#id_first_name").fill("Sanne")
    send_by_keyboard(page, "Aanmelden")
    expect(page.locator("[data-meedoen-error-summary]")).to_be_focused()
    expect(page.locator("#id_first_name")).to_have_value("Sanne")
    summary = page.locator("[data-meedoen-error-summary] a")
    first = summary.first.get_attribute("href")
    the_summary_has_focus_and_leads_to(page, axe, first[1:], summary.count())


def test_logging_hours(page, axe, world, assignment):  # noqa: F811
    sign_in(page, "volunteer")
    page.goto(f"/assignments/{assignment.pk}/")
    page.locator("#hours-note").fill("Samen koffie gedronken")
    page.locator("#hours-date").fill("")
    send_by_keyboard(page, "Uren versturen")
    the_summary_has_focus_and_leads_to(page, axe, "hours-date", 1)
    expect(page.locator("#hours-note")).to_have_value("Samen koffie gedronken")


def test_raising_a_concern(page, axe, world, assignment):  # noqa: F811
    sign_in(page, "volunteer")
    page.goto(f"/assignments/{assignment.pk}/concern/")
    send_by_keyboard(page, "Zorg versturen")
    the_summary_has_focus_and_leads_to(page, axe, "id_category_0", 2)
    expect(page.locator("#id_description")).to_have_attribute("aria-invalid", "true")
