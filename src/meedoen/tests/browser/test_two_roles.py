"""One person, two roles: an ex-client who volunteers and coordinates at a client-run
organisation works in both, switching in the header, and sees nothing of one in the other."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.catalogue.models import Activity
from meedoen.organisations.models import Organisation
from meedoen.organisations.tests.factories import OrganisationFactory
from meedoen.requests import services as request_services
from meedoen.tests.browser.conftest import assert_accessible
from meedoen.tests.browser.test_start_pages import sign_in
from meedoen.volunteers.models import Enrolment, Vacancy, VolunteerProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def peer(world):
    """Eva: once a client, now a peer volunteer and coordinator of 'Zelfregie Teststad'."""
    client_run = OrganisationFactory(
        municipality=world.municipality,
        name="Zelfregie Teststad",
        type=Organisation.Type.VOLUNTEERS_ONLY,
        sector=Organisation.Sector.CLIENT_RUN,
    )
    eva = UserFactory(username="eva", first_name="Eva", municipality=world.municipality)
    profile = VolunteerProfile.objects.create(user=eva, area=world.area, volunteer_type="peer")
    Enrolment.objects.create(profile=profile, organisation=client_run, status="active")
    MembershipFactory(user=eva, organisation=client_run, role="coordinator")
    visiting = Activity.objects.get(code="visiting")

    def ask(organisation, first_name):
        return request_services.register_by_coordinator(
            coordinator=None,
            data={"area": world.area, "first_name": first_name},
            activities=[visiting],
            organisation=organisation,
            source="citizen",
            language="nl",
        )

    ours = ask(client_run, "Kees")
    elsewhere = ask(world.organisation, "Truus")
    vacancy = Vacancy.objects.create(
        organisation=world.organisation,
        title="Maatje in Centrum",
        description="Eén keer per week op bezoek.",
        area=world.area,
        hours_per_week=2,
        contact_name="Petra",
    )
    vacancy.activities.set([visiting])
    return {"ours": ours, "elsewhere": elsewhere, "vacancy": vacancy}


def test_peer_coordinates_and_volunteers_switching_in_the_header(page, axe, world, peer):
    sign_in(page, "eva")
    page.wait_for_url("**/start/coordinator/")
    roles = page.get_by_role("navigation", name="Werken als")
    expect(roles.get_by_role("link", name="Coördinator")).to_have_attribute("aria-current", "true")
    assert_accessible(axe, page)

    # As coordinator: the client-run organisation's requests, not another organisation's.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Intakelijst").click()
    expect(page.get_by_text(peer["ours"].reference)).to_be_visible()
    expect(page.get_by_text(peer["elsewhere"].reference)).to_have_count(0)
    assert page.goto(f"/requests/{peer['elsewhere'].pk}/").status == 404

    # As volunteer: the volunteer's menu, and a response to another organisation's vacancy.
    page.goto("/start/coordinator/")
    page.get_by_role("navigation", name="Werken als").get_by_role(
        "link", name="Vrijwilliger"
    ).click()
    page.wait_for_url("**/start/volunteer/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Vrijwilligerswerk")).to_be_visible()
    expect(menu.get_by_role("link", name="Intakelijst")).to_have_count(0)
    assert_accessible(axe, page)
    page.goto(f"/vacancies/{peer['vacancy'].pk}/")
    page.get_by_label("Een kort bericht").fill("Ik ken het van twee kanten.")
    page.get_by_role("button", name="Reageren op deze vacature").click()
    expect(page.get_by_text("Dank u wel voor uw reactie")).to_be_visible()

    # Back as coordinator, the menu follows.
    page.get_by_role("navigation", name="Werken als").get_by_role(
        "link", name="Coördinator"
    ).click()
    page.wait_for_url("**/start/coordinator/")
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Intakelijst")
    ).to_be_visible()
