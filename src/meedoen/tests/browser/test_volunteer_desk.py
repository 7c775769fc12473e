"""The volunteer desk in a real browser: sign up, respond, intake, guidance, the boundary."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.accounts.models import User
from meedoen.catalogue.models import Activity
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_start_pages import sign_in
from meedoen.volunteers.models import Enrolment, Vacancy, VolunteerProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def vacancies(world):
    ours = Vacancy.objects.create(
        organisation=world.organisation,
        title="Maatje in Centrum",
        description="Eén keer per week op bezoek.",
        area=world.area,
        hours_per_week=2,
        contact_name="Petra",
    )
    ours.activities.set([Activity.objects.get(code="visiting")])
    elsewhere = Vacancy.objects.create(
        organisation=world.organisation,
        title="Klusser in Dorp",
        description="Klusjes.",
        area=world.other_area,
        hours_per_week=3,
        contact_name="Petra",
    )
    elsewhere.activities.set([Activity.objects.get(code="odd-jobs")])
    return ours


def test_person_registers_finds_a_vacancy_applies_and_is_taken_on(
    browser, live_server, axe, world, vacancies
):
    person = browser.new_context(base_url=live_server.url).new_page()
    person.goto("/vacancies/")
    assert_accessible(axe, person)
    person.get_by_label("Wijk of kern").select_option(label=str(world.area))
    person.get_by_label("Activiteit").select_option(label="Bezoek en gezelschap")
    person.get_by_role("button", name="Zoeken").click()
    expect(person.get_by_role("link", name="Maatje in Centrum")).to_be_visible()
    expect(person.get_by_role("link", name="Klusser in Dorp")).to_have_count(0)
    person.get_by_role("link", name="Maatje in Centrum").click()
    person.get_by_role("link", name="Aanmelden als vrijwilliger").click()
    person.wait_for_url("**/volunteer/register/**")
    assert_accessible(axe, person)

    person.get_by_label("Voornaam").fill("Fenna")
    person.get_by_label("Achternaam").fill("de Wit")
    person.get_by_label("E-mailadres").fill("fenna@example.nl")
    person.get_by_label("Gebruikersnaam").fill("fenna")
    person.get_by_label("Wachtwoord").fill("een-lang-eigen-wachtwoord")
    person.get_by_label("Waar woont u?").select_option(label=str(world.area))
    person.get_by_label("Bezoek en gezelschap").check()
    person.get_by_label("dinsdagmiddag").check()
    person.get_by_role("button", name="Aanmelden").click()
    person.wait_for_url("**/vacancies/*/")
    expect(person.get_by_role("heading", level=1)).to_have_text("Maatje in Centrum")
    person.get_by_label("Een kort bericht").fill("Ik heb dinsdagmiddag tijd.")
    person.get_by_role("button", name="Reageren op deze vacature").click()
    expect(person.get_by_text("Dank u wel voor uw reactie")).to_be_visible()

    coordinator = browser.new_context(base_url=live_server.url).new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto(f"/vacancies/{vacancies.pk}/applications/")
    expect(coordinator.get_by_text("Ik heb dinsdagmiddag tijd.")).to_be_visible()
    assert_accessible(axe, coordinator)
    coordinator.get_by_label("Besluit").select_option("invite")
    coordinator.get_by_label("Intake op (datum en tijd)").fill("2026-12-03T10:00")
    coordinator.get_by_label("Bericht aan de vrijwilliger").fill("Welkom, tot donderdag!")
    coordinator.get_by_role("button", name="Besluit opslaan").click()
    expect(coordinator.get_by_text("Het besluit is opgeslagen")).to_be_visible()
    coordinator.get_by_role("link", name="vrijwilligersdossier").click()
    expect(coordinator.get_by_text("intake gepland").first).to_be_visible()
    assert_accessible(axe, coordinator)
    coordinator.get_by_label("Nieuwe status").select_option("active")
    coordinator.get_by_label("Reden", exact=False).first.fill("Intake gehad, klikt goed")
    coordinator.get_by_role("button", name="Status wijzigen").click()
    expect(coordinator.get_by_text("De status is gewijzigd")).to_be_visible()
    enrolment = Enrolment.objects.get(profile__user__username="fenna")
    assert enrolment.status == "active"

    person.goto("/start/volunteer/")
    expect(person.get_by_text(f"{world.organisation.name}: actief")).to_be_visible()
    person.context.close()
    coordinator.context.close()


def test_reintegration_volunteer_cannot_start_without_a_guide(page, axe, world):
    profile = VolunteerProfile.objects.create(
        user=User.objects.create(username="rik", first_name="Rik", last_name="Bos"),
        area=world.area,
        volunteer_type="reintegration",
    )
    enrolment = Enrolment.objects.create(
        profile=profile, organisation=world.organisation, status="intake_planned"
    )
    sign_in(page, "coordinator")
    page.goto(f"/volunteers/{enrolment.pk}/")
    expect(page.get_by_text("geen begeleider")).to_be_visible()
    page.get_by_label("Nieuwe status").select_option("active")
    page.get_by_label("Reden", exact=False).first.fill("Intake afgerond")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_role("alert")).to_contain_text("vaste begeleider")
    assert_accessible(axe, page)
    enrolment.refresh_from_db()
    assert enrolment.status == "intake_planned"


def test_vacancy_for_help_with_showering_is_refused_with_the_reason(page, axe, world):
    sign_in(page, "coordinator")
    page.goto("/vacancies/new/")
    assert_accessible(axe, page)
    page.get_by_label("Titel").fill("Hulp bij douchen")
    page.get_by_label("Wat u gaat doen").fill("Bewoners helpen met douchen")
    page.get_by_label("Hulp bij wassen en douchen").check()
    page.get_by_role("textbox", name="Contactpersoon (verplicht)").fill("Petra")
    page.get_by_role("button", name="Vacature plaatsen").click()
    refusal = page.locator("#refusal")
    expect(refusal).to_contain_text("formele zorg")
    expect(refusal).to_contain_text("Hulp bij wassen en douchen")
    expect(page.get_by_label("Titel")).to_have_value("Hulp bij douchen")
    assert_accessible(axe, page)
    assert not Vacancy.objects.exists()


def test_vacancy_board_works_on_a_320_pixel_phone(phone, axe, world, vacancies):
    phone.goto("/vacancies/")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.get_by_role("link", name="Maatje in Centrum").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Maatje in Centrum")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
