"""A volunteer, on a 320 px phone, finds the contact point for their neighbourhood at the
home-care organisation with one search; axe finds nothing on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.cooperation import contact_points
from meedoen.organisations.models import Organisation
from meedoen.organisations.tests.factories import AreaFactory, OrganisationFactory
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_volunteer_finds_the_contact_point_for_their_area_at_home_care(phone, axe, world):
    home_care = OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg Lindeveld",
        type=Organisation.Type.PROFESSIONALS_ONLY,
    )
    home_care.areas.add(AreaFactory(municipality=world.municipality, name="Lindeveld"))
    manager = UserFactory(municipality=world.municipality)
    MembershipFactory(user=manager, organisation=home_care, role="manager")
    nurse = UserFactory(first_name="Petra", last_name="Zoeklicht")
    MembershipFactory(user=nurse, organisation=home_care, role="professional")
    contact_points.name(
        manager,
        home_care,
        person=nurse,
        role="wijkverpleegkundige, aanspreekpunt voor vrijwilligers",
        reach="Vraag uw coördinator om u in contact te brengen.",
    )

    sign_in(phone, world.people["volunteer"].username)
    phone.get_by_role("link", name="Zoek een aanspreekpunt op wijk of onderwerp").click()
    expect(phone.get_by_role("heading", name="Zoek een aanspreekpunt", level=1)).to_be_visible()
    assert_accessible(axe, phone)
    phone.get_by_label("Wijk, organisatie of onderwerp").fill("Zuidwijk")
    phone.get_by_role("button", name="Zoeken").click()
    expect(phone.get_by_text("Niets gevonden.")).to_be_visible()
    assert_accessible(axe, phone)
    phone.get_by_label("Wijk, organisatie of onderwerp").fill("Lindeveld")
    phone.get_by_role("button", name="Zoeken").click()
    expect(phone.get_by_role("heading", name="1 aanspreekpunt gevonden")).to_be_visible()
    expect(phone.get_by_role("heading", name="Thuiszorg Lindeveld")).to_be_visible()
    expect(phone.get_by_text("Petra, wijkverpleegkundige")).to_be_visible()
    assert "Zoeklicht" not in phone.inner_text("main")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
