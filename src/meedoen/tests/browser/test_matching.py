"""Matching in a real browser: propose, the volunteer accepts; a global run is confirmed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen import availability
from meedoen.accounts.tests.factories import PASSWORD
from meedoen.catalogue.models import Activity
from meedoen.jobs import work_off
from meedoen.matching.models import MatchProposal
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.tests.browser.conftest import assert_accessible
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ready_request(world):
    help_request = HelpRequestFactory.ready(
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        first_name="Truus",
        self_reliance=4,
        availability=availability.ALL,
    )
    profile = world.people["volunteer"].volunteer_profile
    profile.availability = availability.ALL
    profile.vog_issued_on = "2025-06-01"
    profile.save()
    profile.activities.set([Activity.objects.get(code="visiting")])
    world.people["volunteer"].set_password(PASSWORD)
    world.people["volunteer"].save()
    return help_request


def test_coordinator_proposes_and_the_volunteer_accepts(
    browser, live_server, axe, world, ready_request
):
    coordinator = browser.new_context(base_url=live_server.url).new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto(f"/requests/{ready_request.pk}/")
    suggestions = coordinator.locator("#suggestions-heading + p + ol")
    first_name = world.people["volunteer"].first_name
    expect(suggestions).to_contain_text(first_name)
    expect(suggestions).to_contain_text("Woont op")
    assert_accessible(axe, coordinator)
    coordinator.get_by_role("button", name=f"{first_name} voorstellen").click()
    expect(coordinator.get_by_text("De vrijwilliger is gevraagd")).to_be_visible()

    volunteer = browser.new_context(base_url=live_server.url).new_page()
    sign_in(volunteer, "volunteer")
    volunteer.get_by_role("link", name="Vragen voor u").click()
    expect(volunteer.get_by_role("heading", name="Truus in Centrum zoekt hulp bij")).to_be_visible()
    assert_accessible(axe, volunteer)
    volunteer.get_by_role("button", name="Ja, ik help graag").click()
    expect(volunteer.get_by_text("De coördinator neemt contact met u op")).to_be_visible()
    volunteer.get_by_role("link", name="Bekijk hulpvragen die bij u passen").click()
    expect(volunteer.get_by_role("heading", level=1)).to_have_text("Hulpvragen die bij u passen")
    assert_accessible(axe, volunteer)

    coordinator.reload()
    expect(coordinator.get_by_text("Status: gekoppeld")).to_be_visible()
    ready_request.refresh_from_db()
    assert ready_request.status == "matched"
    coordinator.context.close()
    volunteer.context.close()


def test_global_run_is_reviewed_and_confirmed(page, axe, world, ready_request):
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    sign_in(page, "coordinator")
    page.get_by_role("link", name="Alles koppelen").click()
    assert_accessible(axe, page)
    page.get_by_role(
        "button", name=f"Alle klaarstaande hulpvragen van {world.organisation.name} koppelen"
    ).click()
    # The matching waits for the worker; the page shows its progress and keeps looking.
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezig met koppelen")
    expect(page.get_by_role("status")).to_contain_text("In de wachtrij")
    expect(page.get_by_role("progressbar", name="Voortgang van het koppelen")).to_be_visible()
    expect(page.get_by_role("link", name="Toon de laatste stand")).to_be_visible()
    assert_accessible(axe, page)
    with page.expect_response(lambda r: "/progress/" in r.url) as look:
        pass  # the page looks again every two seconds; nothing has changed yet
    assert look.value.status == 204
    assert work_off() == 1  # the worker takes the job from the queue and runs it
    expect(page.get_by_role("heading", level=1)).to_have_text("De koppeling beoordelen")
    expect(page.locator("#run-totals")).to_contain_text("Gekoppeld, optimaal")
    assert_accessible(axe, page)
    expect(page.get_by_label(ready_request.reference, exact=False)).to_be_checked()
    page.get_by_role("button", name="Bevestigen en de vrijwilligers vragen").click()
    expect(page.get_by_text("1 vrijwilligers zijn gevraagd")).to_be_visible()
    assert MatchProposal.objects.get().status == "proposed"
    assert not refused  # htmx works under the Content-Security-Policy
