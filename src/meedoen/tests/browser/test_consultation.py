"""A policy officer opens a consultation, a volunteer answers it on a 320 px phone, and the
policy officer reads the answers per group; a manager drafts a cooperation agreement and names
a contact point for volunteers. axe finds nothing on any of these pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.cooperation.models import Consultation
from meedoen.cooperation.tests.factories import AgreementFactory, ConsultationAnswerFactory
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_start_pages import sign_in
from meedoen.volunteers.tests.factories import EnrolmentFactory, VolunteerProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_policy_officer_asks_a_volunteer_answers_on_a_phone_and_the_answers_are_grouped(
    page, phone, axe, world
):
    sign_in(page, world.people["policy"].username)
    page.goto("/consultations/")
    assert_accessible(axe, page)
    page.get_by_role("link", name="Open een raadpleging").first.click()
    assert_accessible(axe, page)
    page.get_by_role("button", name="Open de raadpleging").click()
    expect(page.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
    assert_accessible(axe, page)
    page.get_by_label("Titel").fill("Ontmoetingsplek")
    page.get_by_label(re.compile(r"^Vraag")).fill("Zullen we een ontmoetingsplek openen?")
    page.get_by_label("De vraag bevat een voorstel").check()
    page.get_by_label("Sluitingsdatum").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_label("de vrijwilligers").check()
    page.get_by_role("button", name="Open de raadpleging").click()
    expect(page.get_by_role("heading", name="Ontmoetingsplek", level=1)).to_be_visible()
    assert_accessible(axe, page)
    consultation = Consultation.objects.get()
    # Others of the municipality answered already: with ours, the group is large enough.
    for _ in range(settings.SMALL_COUNT - 1):
        profile = VolunteerProfileFactory(area=world.area)
        EnrolmentFactory.active(profile=profile, organisation=world.organisation)
        ConsultationAnswerFactory(consultation=consultation, respondent=profile.user)

    sign_in(phone, world.people["volunteer"].username)
    phone.get_by_role("link", name="Ontmoetingsplek").click()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(phone.get_by_role("textbox", name=re.compile(r"^Uw antwoord"))).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible(axe, phone)
    phone.get_by_role("textbox", name=re.compile(r"^Uw antwoord")).fill("Graag, in het dorpshuis")
    phone.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(phone.get_by_text("Uw antwoord is bewaard")).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    page.reload()
    expect(page.get_by_text("Graag, in het dorpshuis")).to_be_visible()
    expect(page.get_by_text(f"{settings.SMALL_COUNT} antwoorden", exact=True)).to_be_visible()
    assert world.people["volunteer"].first_name not in page.inner_text("main")
    assert_accessible(axe, page)


def test_a_manager_drafts_an_agreement_and_names_a_contact_point(page, axe, world):
    manager = UserFactory(username="manager-browser", first_name="Ruud")
    MembershipFactory(user=manager, organisation=world.organisation, role="manager")
    AgreementFactory(organisation=world.organisation, title="Bezoek aan cliënten")
    sign_in(page, manager.username)
    page.goto("/agreements/")
    assert_accessible(axe, page)
    page.get_by_role("link", name="Bezoek aan cliënten").click()
    expect(page.get_by_text("Concept:")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_role("button", name="Bevestig voor Onze Vrijwilligers").click()
    expect(page.get_by_text("wacht nog op de andere partij")).to_be_visible()
    page.get_by_role("link", name="Verander de afspraak").click()
    page.get_by_label("Naam van de afspraak").fill("")
    page.get_by_role("button", name="Bewaar de veranderingen").click()
    expect(page.get_by_label("Naam van de afspraak")).to_have_attribute("aria-invalid", "true")
    assert_accessible(axe, page)
    page.get_by_label("Naam van de afspraak").fill("Bezoek aan cliënten thuis")
    page.get_by_role("button", name="Bewaar de veranderingen").click()
    expect(page.get_by_role("heading", name="Bezoek aan cliënten thuis", level=1)).to_be_visible()
    page.goto("/agreements/new/")
    page.get_by_role("button", name="Bewaar het concept").click()
    expect(page.get_by_label("Naam van de afspraak")).to_have_attribute("aria-invalid", "true")
    assert_accessible(axe, page)
    page.goto("/contact-points/")
    expect(page.get_by_role("heading", name="Onze Vrijwilligers")).to_be_visible()
    assert_accessible(axe, page)


def test_three_organisations_answer_and_each_reads_what_the_municipality_did_with_it(
    page, phone, axe, world
):
    """The municipality asks its organisations; three managers answer, each for their own
    organisation; after the closing date the policy officer shares what was done with the
    answers, and each of the three reads it where they answered."""
    from meedoen.organisations.models import Membership
    from meedoen.organisations.tests.factories import OrganisationFactory

    managers = []
    for number, name in enumerate(("Buurtkracht", "Zorg Thuis Oost", "Mantelzorgpunt"), 1):
        organisation = OrganisationFactory(municipality=world.municipality, name=name)
        manager = UserFactory(username=f"leiding{number}", municipality=world.municipality)
        MembershipFactory(user=manager, organisation=organisation, role=Membership.Role.MANAGER)
        managers.append((manager, organisation))

    sign_in(page, world.people["policy"].username)
    page.goto("/consultations/")
    page.get_by_role("link", name="Open een raadpleging").first.click()
    page.get_by_label("Titel").fill("Wmo-beleidsplan")
    page.get_by_label(re.compile(r"^Vraag")).fill("Wat moet er in het nieuwe Wmo-beleidsplan?")
    page.get_by_label("Sluitingsdatum").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_label(re.compile(r"de organisaties")).check()
    page.get_by_role("button", name="Open de raadpleging").click()
    expect(page.get_by_role("heading", name="Wmo-beleidsplan", level=1)).to_be_visible()
    consultation = Consultation.objects.get()

    for manager, organisation in managers:
        phone.context.clear_cookies()
        sign_in(phone, manager.username)
        phone.goto(f"/consultations/{consultation.pk}/answer/")
        phone.get_by_role("textbox", name=re.compile(r"^Uw antwoord")).fill(
            f"Meer steun voor vrijwilligers, zegt {organisation.name}"
        )
        phone.get_by_role("button", name="Verstuur mijn antwoord").click()
        expect(phone.get_by_text("Uw antwoord is bewaard")).to_be_visible()
        assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    assert set(consultation.answers.values_list("organisation__name", flat=True)) == {
        organisation.name for _m, organisation in managers
    }

    # The closing date passes; the municipality says what it did with the answers.
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1)
    )
    page.reload()
    page.get_by_label("Wat we met de antwoorden hebben gedaan").fill(
        "Het plan krijgt een vast budget voor de steunpunten van vrijwilligers."
    )
    page.get_by_role("button", name="Deel het met wie antwoordde").click()
    assert_accessible(axe, page)

    for manager, _organisation in managers:
        phone.context.clear_cookies()
        sign_in(phone, manager.username)
        phone.goto(f"/consultations/{consultation.pk}/answer/")
        expect(
            phone.get_by_text("Het plan krijgt een vast budget voor de steunpunten")
        ).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
