"""The request desk in a real browser: ask, follow, refer, split, route, accept and return."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.catalogue.models import Activity
from meedoen.organisations.models import Organisation
from meedoen.organisations.tests.factories import OrganisationFactory
from meedoen.requests import services
from meedoen.requests.models import HelpRequest
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.tests.browser.conftest import assert_accessible, in_dutch, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_citizen_asks_for_help_and_follows_it_with_the_private_link(page, axe, world):
    world.area.postcodes = "5611"
    world.area.save()
    page.goto("/")
    page.get_by_role("link", name="Hulp vragen").first.click()
    page.wait_for_url("**/ask-for-help/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp vragen")
    assert_accessible(axe, page)

    # Sending an empty form explains what is missing, next to the fields.
    page.get_by_role("button", name="Mijn vraag versturen").click()
    expect(page.locator("#id_area_error")).to_have_text(
        "Vul uw postcode in of kies uw wijk of dorp."
    )
    assert_accessible(axe, page)

    page.get_by_label("Iemand die langskomt voor een praatje").check()
    page.get_by_label("Voornaam van degene die hulp nodig heeft").fill("Truus")
    page.get_by_label("Postcode").fill("5611 AB")
    page.get_by_label("woensdag").check()
    page.get_by_label("Telefoonnummer").fill("0612345678")
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_role("button", name="Mijn vraag versturen").click()

    expect(page.get_by_text("Dank u wel, we hebben uw vraag ontvangen.")).to_be_visible()
    help_request = HelpRequest.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uw vraag: iemand die langskomt voor een praatje"
    )
    assert_accessible(axe, page)
    private_link = page.url.split("?")[0]

    page.goto(private_link)
    expect(page.locator("#plain-status")).to_contain_text("We hebben uw vraag ontvangen")
    page.get_by_label("Wat wilt u toevoegen?").fill("Liefst na de lunch")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("We hebben uw informatie toegevoegd")).to_be_visible()
    page.get_by_role("button", name="Mijn vraag intrekken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Weet u zeker")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Ja, mijn vraag intrekken").click()
    expect(page.locator("#plain-status")).to_contain_text("U hebt deze vraag ingetrokken")
    help_request.refresh_from_db()
    assert help_request.status == "withdrawn"


def test_the_request_form_fits_a_phone(phone, axe, world):
    phone.goto("/ask-for-help/")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)


def test_professional_refers_a_client_with_self_reliance_two_who_waits(page, axe, world):
    sign_in(page, "professional")
    page.get_by_role("link", name="Cliënt verwijzen").first.click()
    page.wait_for_url("**/refer/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Een cliënt verwijzen")
    assert_accessible(axe, page)
    page.get_by_label("Verwijzen naar").select_option(label=world.organisation.name)
    page.get_by_label("Bezoek en gezelschap").check()
    page.get_by_label("Voornaam van de cliënt").fill("Kees")
    page.get_by_label("Wijk of dorp").select_option(label=str(world.area))
    page.get_by_label("Zelfredzaamheid").select_option("2")
    page.get_by_label("De cliënt stemt in met deze verwijzing").check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_text("is verstuurd")).to_be_visible()
    help_request = HelpRequest.objects.get()
    expect(page.get_by_role("cell", name=help_request.reference)).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    sign_in(page, "coordinator")
    page.goto("/requests/")
    assert_accessible(axe, page)
    page.get_by_role("button", name=f"Intake starten: {help_request.reference}").click()
    page.get_by_role("link", name=f"{help_request.reference} openen").click()
    expect(page.get_by_text("koppel een regiehouder")).to_be_visible()
    page.get_by_role("button", name="Klaar om te koppelen").click()
    expect(page.get_by_role("alert")).to_contain_text("regiehouder")
    assert_accessible(axe, page)
    help_request.refresh_from_db()
    assert help_request.status == "in_intake"


def test_coordinator_splits_company_and_washing(page, axe, world):
    homecare = OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg Teststad",
        type=Organisation.Type.PROFESSIONALS_ONLY,
        sector="home_care",
    )
    help_request = HelpRequestFactory.in_intake(
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        source="carer",
        first_name="Jo",
        self_reliance=4,
        activities=[Activity.objects.get(code="visiting"), Activity.objects.get(code="washing")],
    )
    sign_in(page, "coordinator")
    page.goto(f"/requests/{help_request.pk}/")
    expect(page.get_by_role("row", name="Hulp bij wassen en douchen")).to_contain_text(
        "nee: alleen beroepskrachten"
    )
    assert_accessible(axe, page)
    page.get_by_label("Professionele organisatie").select_option(label=homecare.name)
    page.get_by_role("button", name="Splitsen en doorverwijzen").click()
    expect(page.get_by_text("De formele zorg is doorverwezen")).to_be_visible()
    expect(page.locator("#referrals-heading + ul")).to_contain_text("Thuiszorg Teststad")
    page.get_by_role("button", name="Klaar om te koppelen").click()
    expect(page.get_by_text("klaar om te koppelen").first).to_be_visible()
    help_request.refresh_from_db()
    assert help_request.status == "ready"
    assert [a.code for a in help_request.activities.all()] == ["visiting"]


def test_desk_routes_member_returns_desk_routes_elsewhere(browser, live_server, axe, world):
    second = OrganisationFactory(municipality=world.municipality, name="Maatjes Teststad")
    world.network.members.add(second)
    help_request = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.desk,
        source="citizen",
        first_name="Piet",
    )
    desk = browser.new_context(base_url=live_server.url).new_page()
    member = browser.new_context(base_url=live_server.url).new_page()
    sign_in(desk, "desk")
    desk.goto(f"/requests/{help_request.pk}/")
    desk.get_by_role("combobox", name="Aangesloten organisatie").select_option(
        label=world.organisation.name
    )
    desk.get_by_role("button", name="Doorzetten", exact=True).click()
    expect(desk.get_by_text("is doorgezet naar")).to_be_visible()

    sign_in(member, "coordinator")
    member.goto(f"/requests/{help_request.pk}/")
    member.get_by_label("Reden voor “Teruggeven aan het centrale punt”").fill(
        "Geen vrijwilliger in deze wijk"
    )
    member.get_by_role("button", name="Teruggeven aan het centrale punt").click()
    expect(member.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()

    desk.goto("/desk/")
    expect(desk.get_by_role("row", name=help_request.reference)).to_contain_text("teruggegeven")
    assert_accessible(axe, desk)
    desk.goto(f"/requests/{help_request.pk}/")
    expect(desk.get_by_text("Geen vrijwilliger in deze wijk")).to_be_visible()
    desk.get_by_role("combobox", name="Aangesloten organisatie").select_option(label=second.name)
    desk.get_by_role("button", name="Doorzetten", exact=True).click()
    help_request.refresh_from_db()
    assert (help_request.status, help_request.organisation) == ("routed", second)
    desk.context.close()
    member.context.close()


def test_split_off_care_is_accepted_by_home_care_and_the_asker_and_desk_see_it(
    browser, live_server, axe, world
):
    homecare = OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg Teststad",
        type=Organisation.Type.PROFESSIONALS_ONLY,
        sector="home_care",
        email="",
    )
    nurse = UserFactory(username="sanne", first_name="Sanne", last_name="Bos")
    MembershipFactory(user=nurse, organisation=homecare, role="professional")
    help_request = HelpRequestFactory.in_intake(
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        requester=world.people["citizen"],
        source="citizen",
        first_name="Jo",
        activities=[Activity.objects.get(code="visiting"), Activity.objects.get(code="washing")],
    )

    def new_page():
        return browser.new_context(base_url=live_server.url).new_page()

    coordinator = new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto(f"/requests/{help_request.pk}/")
    coordinator.get_by_label("Professionele organisatie").select_option(label=homecare.name)
    coordinator.get_by_role("button", name="Splitsen en doorverwijzen").click()
    expect(coordinator.get_by_text("De formele zorg is doorverwezen")).to_be_visible()

    receiver = new_page()
    sign_in(receiver, "sanne")
    receiver.goto("/received/")
    assert_accessible(axe, receiver)
    receiver.get_by_role("link", name=f"Verwijzing: Jo ({help_request.reference})").click()
    expect(receiver.get_by_role("heading", level=1)).to_have_text(
        "Verwijzing van Jo, hulp bij wassen en douchen"
    )
    assert_accessible(axe, receiver)
    receiver.get_by_label("Regiehouder").select_option(label="Sanne Bos")
    receiver.get_by_role("button", name="Verwijzing aannemen").click()
    expect(receiver.locator("#referral-status")).to_contain_text("Aangenomen")

    asker = new_page()
    sign_in(asker, "citizen")
    asker.goto("/start/citizen/")
    asker.get_by_role("link", name=in_dutch(lambda: help_request.own_title)).click()
    expect(asker.locator("[data-referral-status]")).to_contain_text(
        "Thuiszorg Teststad heeft dit deel van uw vraag aangenomen"
    )
    assert_accessible(axe, asker)
    asker.get_by_label("Wat wilt u toevoegen?").fill("Ik ben maandag thuis")
    asker.get_by_role("button", name="Versturen").click()
    expect(asker.get_by_text("Ik ben maandag thuis")).to_be_visible()

    desk = new_page()
    sign_in(desk, "desk")
    desk.goto(f"/requests/{help_request.pk}/")
    expect(desk.locator("#referrals-heading + ul")).to_contain_text(
        "aangenomen (Sanne van Thuiszorg Teststad)"
    )
    for p in (coordinator, receiver, asker, desk):
        p.context.close()


def test_a_member_accepts_a_routed_request_and_names_a_professional_on_a_phone(phone, axe, world):
    help_request = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.desk,
        source="citizen",
        first_name="Piet",
    )
    services.route(help_request.pk, world.organisation, world.people["desk"])
    professional = world.people["professional"]
    sign_in(phone, "coordinator")
    phone.goto(f"/requests/{help_request.pk}/")
    field = phone.get_by_label("Regiehouder (niet verplicht)")
    field.select_option(label=professional.get_full_name() or professional.username)
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.get_by_role("button", name="Accepteren en intake starten").click()
    expect(phone.get_by_text("Gedaan: de hulpvraag is nu")).to_be_visible()
    help_request.refresh_from_db()
    assert help_request.status == "in_intake"
    assert help_request.responsible_professional == professional
