"""Organisations set up without the administrator: a policy officer adds an organisation and
invites its manager; the manager accepts on a phone, choosing a password, and invites a
coordinator; the coordinator accepts and works the intake queue, starting the intake of a
request to the new organisation. Axe finds nothing on any new page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import PASSWORD
from meedoen.catalogue.models import Activity
from meedoen.models import OutgoingMail
from meedoen.organisations.models import Membership, Organisation
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.tests.browser.conftest import assert_accessible, open_menu, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link_sent_to(email: str) -> str:
    mail = OutgoingMail.objects.filter(recipients=[email]).latest("pk")
    found = re.search(r"https?://\S+/invitation/\S+/", mail.body)
    assert found, mail.body
    return found.group(0)


def _accept(page, link: str, username: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", name="Uitnodiging", level=1)).to_be_visible()
    page.locator("#id_first_name").fill(username.capitalize())
    page.locator("#id_username").fill(username)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Aannemen en mijn account maken").click()
    page.wait_for_url(lambda url: "/invitation/" not in url)


def test_an_organisation_is_set_up_by_invitation_without_the_admin(
    page, phone, browser, live_server, axe, world
):
    # The policy officer adds the village cooperative and invites its manager.
    sign_in(page, world.people["policy"].username)
    page.get_by_role("link", name="Organisaties", exact=True).first.click()
    expect(page.get_by_role("heading", name="Organisaties", level=1)).to_be_visible()
    assert_accessible(axe, page)
    page.locator("#id_name").fill("Zorgcoöperatie Dorp")
    page.locator("#id_type").select_option("1")
    page.locator("#id_sector").select_option("village_cooperative")
    page.get_by_label("Dorp", exact=True).check()
    page.locator("#id_email").fill("info@zorgcooperatie.example")
    page.get_by_role("button", name="Organisatie toevoegen").click()
    expect(page.get_by_role("heading", name="Zorgcoöperatie Dorp", level=1)).to_be_visible()
    assert_accessible(axe, page)
    page.locator("#id_invite-email").fill("manager@zorgcooperatie.example")
    page.locator("#id_invite-role").select_option("manager")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("manager@zorgcooperatie.example").first).to_be_visible()
    assert_accessible(axe, page)

    # The manager accepts on a phone and invites a coordinator.
    link = _link_sent_to("manager@zorgcooperatie.example")
    phone.goto(link)
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    _accept(phone, link, "marleen")
    open_menu(phone)
    phone.get_by_role("link", name="Onze organisatie").first.click()
    expect(phone.get_by_role("heading", name="Zorgcoöperatie Dorp", level=1)).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.locator("#id_invite-email").fill("coordinator@zorgcooperatie.example")
    phone.locator("#id_invite-role").select_option("coordinator")
    phone.get_by_role("button", name="Uitnodiging versturen").click()
    expect(phone.get_by_text("coordinator@zorgcooperatie.example").first).to_be_visible()

    # A villager asks the cooperative for a visit; its coordinator accepts the invitation and
    # works the intake queue: starts the intake of that request.
    asked = HelpRequestFactory(
        organisation=Organisation.objects.get(name="Zorgcoöperatie Dorp"),
        area=world.other_area,
        first_name="Gerrit",
        activities=list(Activity.objects.filter(code="visiting")),
    )
    context = browser.new_context(base_url=live_server.url)
    coordinator = context.new_page()
    _accept(coordinator, _link_sent_to("coordinator@zorgcooperatie.example"), "kees")
    coordinator.get_by_role("link", name="Intakelijst").first.click()
    expect(coordinator.get_by_role("heading", name="Intakelijst", level=1)).to_be_visible()
    expect(coordinator.get_by_role("link", name=asked.reference, exact=True)).to_be_visible()
    coordinator.get_by_role("button", name=f"Intake starten: {asked.reference}").click()
    expect(coordinator.get_by_text("Gedaan: de hulpvraag is nu")).to_be_visible()
    asked.refresh_from_db()
    assert asked.status == "in_intake"
    context.close()

    held = set(
        Membership.objects.filter(organisation__name="Zorgcoöperatie Dorp").values_list(
            "user__username", "role"
        )
    )
    assert held == {("marleen", "manager"), ("kees", "coordinator")}
