"""Engagement in a real browser: hours on a phone, an escalated concern, a warm handover."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from meedoen import availability
from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.catalogue.models import Activity, Skill
from meedoen.engagements.models import Assignment, Concern, HoursEntry
from meedoen.engagements.services import assignments
from meedoen.matching.tests.factories import matched_request
from meedoen.organisations.models import Organisation
from meedoen.organisations.tests.factories import (
    OrganisationFactory,
)
from meedoen.tests.browser.conftest import assert_accessible, open_menu, page_width
from meedoen.tests.browser.test_start_pages import sign_in
from meedoen.volunteers import services as volunteer_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assignment(world):
    profile = world.people["volunteer"].volunteer_profile
    volunteer_services.confirm_review(
        profile.pk,
        motives=[],
        availability=availability.ALL,
        hours_per_week=2,
        max_hours_per_week=6,
    )
    profile.skills.add(Skill.objects.get(code="driving"))  # transport needs a driver
    help_request = matched_request(
        profile,
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        first_name="Truus",
        self_reliance=4,
        activities=list(Activity.objects.filter(code__in=["visiting", "transport"])),
    )
    return assignments.agree(
        help_request.pk,
        world.people["volunteer"].volunteer_profile.pk,
        world.people["coordinator"],
        task_ids=list(help_request.activities.values_list("pk", flat=True)),
        frequency="weekly",
        starts_on=timezone.localdate() - timedelta(days=7),
        planned_end=None,
        contact_route="Bel Petra (coördinator), 010-1234567",
    )


@pytest.fixture
def phone375(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """Another person's browser; closed after the test, so no connection outlives it."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


def fits(page, width=375):
    assert page_width(page) <= width, page.url


def test_volunteer_logs_hours_on_a_phone_coordinator_approves_credits_appear(
    new_page, phone375, axe, world, assignment
):
    phone = phone375
    sign_in(phone, "volunteer")
    open_menu(phone)
    phone.get_by_role("link", name="Mijn inzet").click()
    fits(phone)
    assert_accessible(axe, phone)
    phone.get_by_role("link", name="Inzet bij Truus").click()
    expect(phone.get_by_role("heading", name="Wat we hebben afgesproken")).to_be_visible()
    expect(phone.get_by_text("U mag niet:").first).to_be_visible()
    fits(phone)
    assert_accessible(axe, phone)
    phone.get_by_label("2", exact=True).check()  # a few taps: today is filled in
    phone.get_by_role("button", name="Uren versturen").click()
    expect(phone.get_by_text("Uw uren zijn verstuurd")).to_be_visible()
    assert HoursEntry.objects.get().hours == 2

    coordinator = new_page()
    sign_in(coordinator, "coordinator")
    coordinator.get_by_role("link", name="Inzet", exact=True).click()
    expect(coordinator.locator("#waiting-heading")).to_contain_text("(1)")
    assert_accessible(axe, coordinator)
    coordinator.get_by_role("button", name="Goedkeuren").click()
    expect(coordinator.get_by_text("de tijdpunten zijn bijgeschreven")).to_be_visible()

    open_menu(phone)
    phone.get_by_role("link", name="Mijn inzet").click()
    expect(phone.locator("#credit-balance")).to_have_text("2")
    phone.get_by_role("link", name="Mijn tijdpunten").click()
    expect(phone.locator("#credit-balance")).to_have_text("2")
    expect(phone.get_by_text("verdiend met goedgekeurde uren")).to_be_visible()
    fits(phone)
    assert_accessible(axe, phone)


def test_urgent_concern_escalates_to_the_manager_who_resolves_it(
    new_page, phone375, axe, world, assignment
):
    manager = UserFactory(username="manager", municipality=world.municipality)
    MembershipFactory(user=manager, organisation=world.organisation, role="manager")
    volunteer = phone375
    sign_in(volunteer, "volunteer")
    volunteer.goto(f"/assignments/{assignment.pk}/")
    volunteer.get_by_role("link", name="Zorg melden").click()
    fits(volunteer)
    assert_accessible(axe, volunteer)
    volunteer.get_by_label("veiligheid").check()
    volunteer.get_by_label("Dringend: er moet vandaag iemand iets doen").check()
    volunteer.get_by_label("Wat viel u op?").fill("Het ruikt naar gas in de keuken.")
    volunteer.get_by_role("button", name="Zorg versturen").click()
    expect(volunteer.get_by_text("Uw zorg is doorgegeven").first).to_be_visible()
    assert_accessible(axe, volunteer)
    concern = Concern.objects.get()
    assert concern.urgency == "urgent" and concern.level == 0

    with time_machine.travel(timezone.now() + timedelta(hours=5), tick=False):
        call_command("escalate_concerns")  # nobody acknowledged it within 4 hours
    concern.refresh_from_db()
    assert concern.level == 1

    desk = new_page()
    sign_in(desk, "manager")
    desk.goto("/concerns/")
    assert_accessible(axe, desk)
    desk.get_by_role("link", name="veiligheid").click()
    expect(desk.get_by_text("Het ruikt naar gas")).to_be_visible()
    expect(desk.get_by_text("opgeschaald").first).to_be_visible()
    assert_accessible(axe, desk)
    desk.get_by_role("button", name="Bevestigen").click()
    expect(desk.locator("#concern-status")).to_have_text("bevestigd")
    desk.get_by_label("Wat er is gedaan (voor het team)").fill("Netbeheerder kwam; lek gedicht.")
    desk.get_by_label("Wat de vrijwilliger terughoort").fill(
        "Er is direct iemand geweest. Dank u wel!"
    )
    desk.get_by_role("button", name="Afhandelen").click()
    expect(desk.locator("#concern-status")).to_have_text("afgehandeld")

    volunteer.goto(f"/concerns/{concern.pk}/")
    expect(volunteer.locator("#concern-reply")).to_have_text(
        "Er is direct iemand geweest. Dank u wel!"
    )
    expect(volunteer.get_by_text("Netbeheerder")).to_have_count(0)
    assert_accessible(axe, volunteer)
    # On the English pages what was written in Dutch keeps its language (WCAG 3.1.2).
    open_menu(volunteer)
    volunteer.get_by_label("Taal").select_option("en")
    volunteer.get_by_role("button", name="Taal wijzigen").click()
    expect(volunteer.locator("html")).to_have_attribute("lang", "en")
    expect(volunteer.locator("#concern-reply")).to_have_attribute("lang", "nl")
    expect(volunteer.get_by_text("Het ruikt naar gas in de keuken.")).to_have_attribute(
        "lang", "nl"
    )
    assert_accessible(axe, volunteer)


def test_handover_to_home_care_is_accepted(new_page, axe, world, assignment):
    homecare = OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg Midden",
        type=Organisation.Type.PROFESSIONALS_ONLY,
        sector=Organisation.Sector.HOME_CARE,
    )
    nurse = UserFactory(username="nurse", municipality=world.municipality)
    MembershipFactory(user=nurse, organisation=homecare, role="professional")
    coordinator = new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto(f"/assignments/{assignment.pk}/")
    assert_accessible(axe, coordinator)
    coordinator.get_by_role("link", name="Overdragen aan een beroepskracht").click()
    assert_accessible(axe, coordinator)
    coordinator.get_by_label("Overdragen aan").select_option(label="Thuiszorg Midden")
    coordinator.get_by_label("Wat wordt overgedragen").fill("Hulp bij douchen")
    coordinator.get_by_label("Overdrachtsnotitie").fill(
        "Truus valt vaker. Dochter is mantelzorger."
    )
    coordinator.get_by_label("de vrijwilliger gaat ernaast door").check()
    coordinator.get_by_role("button", name="Overdragen", exact=True).click()
    expect(coordinator.locator("#handover-status")).to_have_text("wacht op de ontvanger")

    receiver = new_page()
    sign_in(receiver, "nurse")
    receiver.get_by_role("link", name="Overdrachten").click()
    assert_accessible(axe, receiver)
    receiver.get_by_role("link", name="Hulp bij douchen").click()
    expect(receiver.get_by_text("Dochter is mantelzorger")).to_be_visible()
    assert_accessible(axe, receiver)
    receiver.get_by_role("button", name="Overdracht aannemen").click()
    expect(receiver.locator("#handover-status")).to_have_text("aangenomen")

    coordinator.reload()
    expect(coordinator.locator("#handover-status")).to_have_text("aangenomen")
    assert Assignment.objects.get().is_active  # the volunteer goes on alongside


def test_coordinator_pages_for_agreements_and_guidance_are_accessible(page, axe, world, assignment):
    enrolment = world.people["volunteer"].volunteer_profile.enrolments.get()
    enrolment.sponsor_kind = "school"
    enrolment.guide = world.people["coordinator"]
    enrolment.save()
    coordinator = page
    sign_in(coordinator, "coordinator")
    coordinator.goto(f"/requests/{assignment.help_request_id}/agree/")
    assert_accessible(axe, coordinator)
    coordinator.goto("/guidance/")
    coordinator.get_by_label("Uren").fill("1.5")
    coordinator.get_by_label("Wat is besproken of geleerd").fill("Leerdoelen")
    coordinator.get_by_role("button", name="Vastleggen").click()
    expect(coordinator.get_by_text("Het begeleidingsgesprek is vastgelegd")).to_be_visible()
    assert_accessible(axe, coordinator)
    coordinator.goto("/handovers/")
    assert_accessible(axe, coordinator)
    coordinator.goto("/concerns/")
    assert_accessible(axe, coordinator)
    coordinator.set_viewport_size({"width": 375, "height": 740})
    coordinator.goto(f"/assignments/{assignment.pk}/")
    fits(coordinator)
    assert_accessible(axe, coordinator)
