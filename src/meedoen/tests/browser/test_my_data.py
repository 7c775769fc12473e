"""A volunteer on a 320 px phone opens "Mijn gegevens", downloads everything Meedoen keeps
about them, and erases their account; axe finds nothing on any page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import PASSWORD
from meedoen.tests.browser.conftest import assert_accessible, open_menu, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page, width=320):
    assert page_width(page) <= width, page.url


def test_a_volunteer_downloads_their_data_and_erases_their_account_on_a_phone(
    phone, axe, world, tmp_path
):
    volunteer = world.people["volunteer"]
    sign_in(phone, volunteer.username)
    open_menu(phone)
    phone.get_by_role("link", name="Mijn gegevens").click()
    expect(phone.get_by_role("heading", name="Mijn gegevens", level=1)).to_be_visible()
    fits(phone)
    assert_accessible(axe, phone)

    with phone.expect_download() as pdf:
        phone.get_by_role("link", name="Download als PDF (om te lezen)").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download als JSON (voor een ander programma)").click()
    saved = Path(tmp_path) / "export.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["sections"]["account"]["username"] == volunteer.username
    assert data["sections"]["volunteering"]["volunteer_profile"]["area"] == "Centrum"

    # A token for the agenda app: shown once, on a page that fits the phone.
    phone.get_by_role("link", name="Mijn API-tokens").click()
    phone.get_by_label("Waarvoor is het token?").fill("Agenda")
    phone.get_by_role("button", name="Token maken").click()
    expect(phone.get_by_text("alleen deze ene keer")).to_be_visible()
    expect(phone.get_by_role("heading", name="Agenda", level=3)).to_be_visible()
    fits(phone)
    assert_accessible(axe, phone)
    open_menu(phone)
    phone.get_by_role("link", name="Mijn gegevens").first.click()

    phone.get_by_role("link", name="Verwijder mijn gegevens").click()
    expect(phone.get_by_role("heading", name="Wat er gebeurt")).to_be_visible()
    fits(phone)
    assert_accessible(axe, phone)
    phone.get_by_role("button", name="Verwijder mijn gegevens definitief").click()
    expect(phone.get_by_label("Uw wachtwoord")).to_have_attribute("aria-invalid", "true")
    assert_accessible(axe, phone)
    phone.get_by_label("Uw wachtwoord").fill(PASSWORD)
    phone.get_by_role("button", name="Verwijder mijn gegevens definitief").click()
    expect(phone.get_by_role("heading", name="Uw gegevens zijn verwijderd")).to_be_visible()
    fits(phone)
    assert_accessible(axe, phone)

    erased = get_user_model().objects.get(pk=volunteer.pk)
    assert not erased.is_active and erased.first_name == "" and erased.email == ""
    phone.goto("/accounts/login/")
    phone.get_by_label("Gebruikersnaam").fill(volunteer.username)
    phone.get_by_label("Wachtwoord").fill(PASSWORD)
    phone.get_by_role("button", name="Inloggen").click()
    expect(phone.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()


def test_a_coordinator_erases_a_volunteer_on_their_behalf_after_confirming(page, axe, world):
    volunteer = world.people["volunteer"]
    enrolment = volunteer.volunteer_profile.enrolments.get()
    sign_in(page, "coordinator")
    page.goto(f"/volunteers/{enrolment.pk}/")
    assert_accessible(axe, page)
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download de gegevens als PDF (Nederlands)").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="Verwijder de gegevens").click()
    expect(page.get_by_role("heading", name="Wat er gebeurt")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_role("button", name="Verwijder de gegevens van deze persoon").click()
    expect(page.get_by_role("checkbox")).to_have_attribute("aria-invalid", "true")
    assert get_user_model().objects.get(pk=volunteer.pk).is_active
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Verwijder de gegevens van deze persoon").click()
    expect(page.get_by_text("De gegevens van de persoon zijn verwijderd.")).to_be_visible()
    assert_accessible(axe, page)
    assert not get_user_model().objects.get(pk=volunteer.pk).is_active
