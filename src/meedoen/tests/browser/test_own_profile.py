"""A volunteer on a 320 px phone changes their availability and their password; axe finds
nothing; their coordinator sees what changed on the volunteer's page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import PASSWORD
from meedoen.tests.browser.conftest import assert_accessible, open_menu, page_width
from meedoen.tests.browser.test_start_pages import sign_in
from meedoen.volunteers.models import Enrolment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "een-nieuw-lang-wachtwoord-2026"


def test_a_volunteer_changes_availability_and_password_and_the_coordinator_sees_it(
    phone, axe, world, browser, live_server
):
    volunteer = world.people["volunteer"]
    sign_in(phone, volunteer.username)
    phone.get_by_role("link", name="Mijn profiel wijzigen").click()
    expect(phone.get_by_role("heading", name="Mijn vrijwilligersprofiel", level=1)).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.get_by_label("Bezoek en gezelschap").check()
    phone.get_by_label("woensdagochtend").check()
    phone.get_by_label("Arabisch").check()
    phone.get_by_role("button", name="Mijn profiel opslaan").click()
    expect(phone.get_by_text("Uw profiel is opgeslagen.")).to_be_visible()

    open_menu(phone)
    phone.get_by_role("link", name="Mijn gegevens").first.click()
    phone.get_by_role("link", name="Mijn wachtwoord wijzigen").click()
    phone.get_by_label("Uw huidige wachtwoord").fill("niet-het-wachtwoord")
    phone.get_by_label("Nieuw wachtwoord (verplicht)", exact=True).fill(NEW_PASSWORD)
    phone.get_by_label("Nieuw wachtwoord nog een keer").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    expect(phone.get_by_label("Uw huidige wachtwoord")).to_have_attribute("aria-invalid", "true")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.get_by_label("Uw huidige wachtwoord").fill(PASSWORD)
    phone.get_by_label("Nieuw wachtwoord (verplicht)", exact=True).fill(NEW_PASSWORD)
    phone.get_by_label("Nieuw wachtwoord nog een keer").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    expect(phone.get_by_text("Uw wachtwoord is gewijzigd.")).to_be_visible()
    expect(phone.get_by_role("heading", name="Mijn gegevens", level=1)).to_be_visible()

    enrolment = Enrolment.objects.get(profile__user=volunteer)
    coordinator = browser.new_context(base_url=live_server.url).new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto(f"/volunteers/{enrolment.pk}/")
    expect(coordinator.get_by_text("De vrijwilliger wijzigde op")).to_be_visible()
    expect(coordinator.get_by_text("beschikbaarheid", exact=False).first).to_be_visible()
    assert_accessible(axe, coordinator)
    coordinator.context.close()
