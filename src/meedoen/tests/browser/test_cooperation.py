"""A manager runs a cooperation assessment: starts it, invites three people by e-mail, who
answer on a phone with their private link, closes it and reads the result with its
recommendations, in Dutch and in English. Axe finds nothing on any of its pages, and no page
is wider than a 320 px screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.cooperation import framework as fw
from meedoen.cooperation.tests.factories import agreeing_with
from meedoen.models import OutgoingMail
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link_sent_to(email: str) -> str:
    mail = OutgoingMail.objects.filter(recipients=[email]).latest("pk")
    found = re.search(r"https?://\S+/cooperation/\d+/answer/\S+/", mail.body)
    assert found, mail.body
    return found.group(0)


def _answer(phone, axe, link: str, model: fw.Model, check: bool) -> None:
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Hoe werken we samen")
    expect(phone.get_by_role("group", name="Rol van de vrijwilliger")).to_be_visible()
    if check:
        assert page_width(phone) <= 320
        assert_accessible(axe, phone)
        # Sent half-filled: the summary links to what is missing, what was chosen stays.
        phone.locator("input[name=volunteer_1][value='4']").check()
        phone.get_by_role("button", name="Mijn antwoorden opslaan").click()
        expect(phone.get_by_role("heading", name="Er klopt iets niet bij")).to_be_visible()
        expect(phone.locator("input[name=volunteer_1][value='4']")).to_be_checked()
        assert page_width(phone) <= 320
        assert_accessible(axe, phone)
    for key, value in agreeing_with(model).items():
        phone.locator(f"input[name={key}][value='{value}']").check()
    phone.get_by_role("button", name="Mijn antwoorden opslaan").click()
    expect(phone.get_by_text("Uw antwoorden zijn bewaard")).to_be_visible()


def test_a_manager_runs_an_assessment_and_reads_the_result(page, phone, axe, world):
    manager = UserFactory(username="manager", municipality=world.municipality)
    MembershipFactory(user=manager, organisation=world.organisation, role="manager")

    sign_in(page, "manager")
    page.get_by_role("link", name="Peilingen van de samenwerking").first.click()
    expect(
        page.get_by_role("heading", name="Peilingen van de samenwerking", level=1)
    ).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_role("link", name="Een peiling beginnen").click()
    page.get_by_role("button", name="De peiling beginnen").click()
    expect(page.get_by_role("heading", name="Er klopt iets niet bij")).to_be_visible()
    assert_accessible(axe, page)
    page.locator("#id_title").fill("Vrijwilligers en thuiszorg")
    page.get_by_label("Binnen één organisatie").check()
    page.get_by_role("button", name="De peiling beginnen").click()
    expect(page.get_by_role("heading", name="Vrijwilligers en thuiszorg", level=1)).to_be_visible()
    assert_accessible(axe, page)

    people = ["anna@example.nl", "bram@example.nl", "chris@example.nl"]
    for email in people:
        page.locator("#id_link-perspective").select_option("volunteers")
        page.locator("#id_link-email").fill(email)
        page.get_by_role("button", name="Uitnodiging versturen").click()
        expect(page.get_by_role("rowheader", name=email)).to_be_visible()

    for index, email in enumerate(people):
        model = fw.Model.RESOURCES if index < 2 else fw.Model.DIALOGUE
        _answer(phone, axe, _link_sent_to(email), model, check=index == 0)

    page.reload()
    page.get_by_role("button", name="De peiling afsluiten").click()
    expect(page.get_by_text("De peiling is afgesloten")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_role("link", name="Bekijk de uitkomst").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Uitkomst")
    expect(
        page.get_by_role("table", name=re.compile("Aandeel van elk model, in het geheel"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Aanbeveling")).to_be_visible()
    expect(page.get_by_text("(rapport 5.4)").first).to_be_visible()
    expect(page.get_by_text("Verpleeghuis met vrijwilligers (Slotervaart)").first).to_be_visible()
    assert_accessible(axe, page)

    # Every page of it on a phone, and the result in English.
    result = page.url
    sign_in(phone, "manager")
    for path in ("/cooperation/", "/cooperation/start/", result.replace("result/", ""), result):
        phone.goto(path)
        assert page_width(phone) <= 320, path
        assert_accessible(axe, phone)
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Taal wijzigen").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Recommendation")).to_be_visible()
    expect(page.get_by_text("Volunteers as resources").first).to_be_visible()
    expect(page.get_by_text("(report 5.4)").first).to_be_visible()
    assert_accessible(axe, page)
