"""A coordinator records on a phone that the visits moved from professionals to volunteers;
the change appears on the substitution monitor, which the policy officer reads beside the
demand dossier of a village. Axe finds nothing on these pages; none scrolls sideways at 320
pixels."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from meedoen.tests.browser.conftest import assert_accessible, open_menu, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _record(phone, done_by: str, since, reason: str) -> None:
    phone.locator("#id_activity").select_option(label="Bezoek en gezelschap")
    phone.get_by_label(done_by, exact=True).check()
    phone.locator("#id_since").fill(since.isoformat())
    phone.locator("#id_reason").fill(reason)
    phone.get_by_role("button", name="Verandering vastleggen").click()
    expect(phone.get_by_text("Vastgelegd:")).to_be_visible()


def test_a_move_to_volunteers_is_recorded_and_shows_on_the_monitor(phone, axe, world):
    today = timezone.localdate()
    sign_in(phone, world.people["coordinator"].username)
    phone.get_by_role(
        "link", name="Taakverdeling: wie doet wat, beroepskrachten of vrijwilligers"
    ).click()
    expect(
        phone.get_by_role("heading", name="Taakverdeling van Onze Vrijwilligers")
    ).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    _record(phone, "beroepskrachten", today - timedelta(days=60), "De welzijnswerker doet het")
    _record(phone, "vrijwilligers", today, "Uren welzijnswerker verminderd")
    changes = phone.get_by_role("table", name="Veranderingen in wie een activiteit doet")
    expect(changes).to_contain_text("Uren welzijnswerker verminderd")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    phone.goto("/start/coordinator/")
    open_menu(phone)
    phone.get_by_role("link", name="Substitutiemonitor").click()
    expect(phone.get_by_role("heading", name="Substitutiemonitor", level=1)).to_be_visible()
    with translation.override("nl"):
        month = date_format(today, "F Y")
    row = phone.get_by_role("row", name=month)
    # After the two sides, the seventh kind: the task division moved to volunteers, once
    # this month.
    expect(row.get_by_role("cell").nth(8)).to_have_text("1")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    # The policy officer reads the monitor and a village's demand dossier.
    phone.context.clear_cookies()
    sign_in(phone, world.people["policy"].username)
    phone.goto("/monitor/")
    expect(phone.get_by_role("rowheader", name="Onze Vrijwilligers")).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
    phone.goto("/start/policy/")
    phone.get_by_role("main").get_by_role("link", name="Vraagdossiers").click()
    assert_accessible(axe, phone)
    phone.get_by_role("link", name="Dorp").click()
    expect(phone.get_by_role("heading", name="Vraagdossier: Dorp", level=1)).to_be_visible()
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
