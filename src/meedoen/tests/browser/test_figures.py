"""A policy officer on a 320 px phone looks at the figures of one village over the last month,
reads a chart's table, downloads its CSV; the page fits the phone and axe finds nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_policy_officer_filters_by_village_and_period_and_downloads_a_figure(phone, axe, world):
    now = timezone.now()
    for days in range(6):
        HelpRequestFactory(
            organisation=world.organisation,
            area=world.other_area,
            received_at=now - timedelta(days=days),
        )
    # Long ago, and in the other area: neither counts below.
    HelpRequestFactory(
        organisation=world.organisation,
        area=world.other_area,
        received_at=now - timedelta(days=90),
    )
    HelpRequestFactory(organisation=world.organisation, area=world.area)

    sign_in(phone, world.people["policy"].username)
    phone.goto("/figures/")
    phone.get_by_label("Wijk of dorp").select_option(label="Dorp")
    today = timezone.localdate()
    phone.get_by_label("Van").fill(str(today - timedelta(days=30)))
    phone.get_by_label("Tot en met").fill(str(today))
    phone.get_by_role("button", name="Cijfers tonen").click()

    expect(phone.get_by_label("Wijk of dorp")).to_have_value(str(world.other_area.pk))
    table = phone.get_by_role("table", name="Hulpvragen naar hoe ze binnenkwamen")
    direct = table.get_by_role("row", name="direct gevraagd")
    expect(direct).to_contain_text("6")
    expect(table.get_by_role("row", name="Totaal")).to_contain_text("6")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    with phone.expect_download() as download:
        phone.get_by_role(
            "link", name="Download “Hulpvragen naar hoe ze binnenkwamen” (CSV)"
        ).click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines == [
        "Binnengekomen;Hulpvragen",
        "direct gevraagd;6",
        "verwezen door een beroepskracht;0",
        "via de centrale balie;0",
        "totaal;6",
    ]
