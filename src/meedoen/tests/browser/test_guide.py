"""A guide on a 320 px phone: their volunteers on a route, and a guidance session logged."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.engagements.models import GuidanceSession
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_start_pages import sign_in
from meedoen.tests.test_guides import guided_volunteer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_guide_logs_guidance_on_their_start_page(phone, axe, world):
    guide = UserFactory(username="guide", first_name="Gerda")
    MembershipFactory(user=guide, organisation=world.organisation, role="guide")
    intern = guided_volunteer(world, world.organisation, "Ilse", guide=guide)
    sign_in(phone, "guide")
    phone.wait_for_url("**/start/guide/")
    expect(phone.get_by_role("heading", name=intern.profile.user.get_full_name())).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.get_by_label("Uren").fill("2")
    phone.get_by_label("Wat is besproken of geleerd").fill("Leerdoelen")
    phone.get_by_role("button", name="Vastleggen").click()
    expect(phone.get_by_text("Het begeleidingsgesprek is vastgelegd.")).to_be_visible()
    assert GuidanceSession.objects.get(enrolment=intern).topic == "Leerdoelen"
    assert_accessible(axe, phone)
