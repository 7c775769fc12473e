"""The data protection officer searches the audit log on a phone: who read this request?"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.tests.browser.conftest import assert_accessible, open_menu, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_data_protection_officer_finds_who_read_a_request_on_a_phone(phone, axe, world):
    request = HelpRequestFactory(organisation=world.organisation, area=world.area)
    reader = Client()
    reader.force_login(world.people["coordinator"])
    assert reader.get(reverse("api:help-request-detail", args=[request.pk])).status_code == 200

    sign_in(phone, "dpo")
    phone.wait_for_url("**/audit/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Auditlog")
    assert_accessible(axe, phone)

    phone.get_by_label("Soort dossier").select_option("request")
    phone.get_by_label("Dossier", exact=True).fill(request.reference)
    phone.get_by_label("Wat er gebeurde").select_option("read")
    phone.get_by_role("button", name="Zoeken").click()
    expect(phone.get_by_role("status")).to_contain_text("1 regel gevonden")
    row = phone.get_by_role("row").filter(has_text=request.reference)
    expect(row).to_contain_text(world.people["coordinator"].get_full_name())
    expect(row).to_contain_text("Gelezen")
    width = page_width(phone)
    assert width <= 320, f"the audit log scrolls sideways: {width}px"
    assert_accessible(axe, phone)

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Deze regels downloaden (CSV)").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and request.reference in lines[1]

    open_menu(phone)
    phone.get_by_label("Taal").select_option("en")
    phone.get_by_role("button", name="Taal wijzigen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Audit log")
    expect(phone.get_by_role("status")).to_contain_text("1 entry found")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)
