"""A volunteer on a 320 px phone opens their agenda from their start page, reads it week by
week, makes the private link for their calendar, and stops it; axe finds nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meedoen.catalogue.models import Activity
from meedoen.engagements.tests.factories import agree
from meedoen.matching.tests.factories import matched_request
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_start_pages import sign_in
from meedoen.volunteers import lifecycle
from meedoen.volunteers import services as volunteer_services
from meedoen.volunteers.tests.factories import EnrolmentFactory, volunteer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_volunteer_reads_their_agenda_and_subscribes_to_it_on_a_phone(phone, axe, world):
    gerrit = volunteer(world.organisation, area=world.area, username="gerrit")
    bram = matched_request(
        gerrit,
        organisation=world.organisation,
        area=world.area,
        first_name="Bram",
        activities=list(Activity.objects.filter(code="walks-outings")),
    )
    agree(bram, gerrit, world.people["coordinator"], starts_on=timezone.localdate())
    enrolment = EnrolmentFactory(profile=gerrit, organisation=world.other_organisation)
    volunteer_services.change_status(
        enrolment.pk,
        lifecycle.INTAKE_PLANNED,
        world.people["stranger"],
        "Kennismaken",
        intake_at=timezone.now() + timedelta(days=7),
    )

    sign_in(phone, "gerrit")
    phone.get_by_role("link", name="Mijn agenda").click()
    expect(phone.get_by_role("heading", name="Mijn agenda", level=1)).to_be_visible()
    expect(phone.get_by_role("heading", name="Deze week", exact=False)).to_be_visible()
    expect(
        phone.get_by_role("link", name="Inzet begint: Wandelen en uitstapjes (Bram)")
    ).to_be_visible()
    expect(phone.get_by_role("link", name="Intake bij Andere Vrijwilligers")).to_be_visible()
    assert phone.locator("table").count() == 0
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    phone.get_by_role("link", name="Zet deze agenda in uw eigen agenda-app").click()
    phone.get_by_role("button", name="Maak een link").click()
    secret = phone.get_by_label("Uw agendalink")
    expect(secret).to_be_visible()
    link = secret.inner_text()
    assert "/agenda/feed/" in link and link.endswith(".ics")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    answer = phone.request.get(link)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    assert "SUMMARY:Intake bij Andere Vrijwilligers" in answer.text()

    # Stopping cannot be undone: it asks first, and "no" keeps the link.
    phone.get_by_role("button", name="Stop de link").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Weet u zeker")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.get_by_role("link", name="Nee, de link houden").click()
    assert phone.request.get(link).status == 200
    phone.get_by_role("button", name="Stop de link").click()
    phone.keyboard.press("Tab")  # the answer "yes" is the first control after the question
    phone.get_by_role("button", name="Ja, de link stoppen").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("Uw agendalink werkt niet meer.")).to_be_visible()
    assert phone.request.get(link).status == 404
