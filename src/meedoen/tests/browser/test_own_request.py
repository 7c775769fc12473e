"""A signed-in citizen opens their own request from their start page and adds information to
it, on a 320 px phone; what was typed wrongly stays, and axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_adds_information_to_their_own_request_on_a_phone(phone, axe, world):
    help_request = HelpRequestFactory(
        organisation=world.organisation,
        area=world.area,
        requester=world.people["citizen"],
        first_name="Anna",
    )
    sign_in(phone, "citizen")
    question = "Uw vraag: iemand die langskomt voor een praatje"
    phone.get_by_role("link", name=question).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(question)
    expect(phone).to_have_title(f"{question} · Meedoen")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    phone.get_by_role("button", name="Versturen").click()  # nothing typed
    expect(phone.get_by_label("Wat wilt u toevoegen?")).to_have_attribute("aria-invalid", "true")
    assert_accessible(axe, phone)
    phone.get_by_label("Wat wilt u toevoegen?").fill("Ik ben maandag thuis, bel na tienen")
    phone.get_by_role("button", name="Versturen").click()
    expect(phone.get_by_text("Dank u wel. We hebben uw informatie toegevoegd.")).to_be_visible()
    expect(phone.get_by_text("Ik ben maandag thuis, bel na tienen")).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    assert help_request.notes.filter(text="Ik ben maandag thuis, bel na tienen").exists()
