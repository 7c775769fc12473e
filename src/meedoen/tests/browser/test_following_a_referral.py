"""A professional follows their referral on a 320 px phone, on to the volunteer's assignment."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.tests.browser.conftest import assert_accessible, in_dutch, page_width
from meedoen.tests.browser.test_start_pages import sign_in
from meedoen.tests.test_following_a_referral import referred_and_supported

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_professional_follows_their_referral_to_the_assignment(phone, axe, world):
    # They referred their client and hold the responsibility (regiehouder).
    referred = referred_and_supported(world, responsible_professional=world.people["professional"])
    volunteer = world.people["volunteer"]
    sign_in(phone, "professional")
    phone.wait_for_url("**/start/professional/")
    phone.get_by_role("link", name=in_dutch(lambda: referred.title), exact=True).click()
    phone.wait_for_url(f"**/requests/{referred.pk}/mine/")
    expect(phone.get_by_role("heading", name="Hoe het met de vraag staat")).to_be_visible()
    expect(phone.get_by_text(volunteer.first_name, exact=False).first).to_be_visible()
    expect(phone.get_by_text("Afgesproken contact")).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    phone.get_by_role("link", name="de afspraken en hoe het gaat").click()
    phone.wait_for_url("**/assignments/*/")
    expect(phone.get_by_text(volunteer.first_name, exact=False).first).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
