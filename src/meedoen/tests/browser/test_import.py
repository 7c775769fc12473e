"""An administrator imports a year of history on a phone; one wrong row keeps nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.requests.models import HelpRequest
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_an_administrator_sees_the_wrong_row_and_nothing_is_imported(phone, axe, world):
    sign_in(phone, "admin")
    phone.goto("/import/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Geschiedenis inlezen")
    assert page_width(phone) <= 320
    assert_accessible(axe, phone)

    phone.get_by_role("radio", name="Hulpvragen").check()
    phone.get_by_label("In welke organisatie?").select_option(label="Onze Vrijwilligers (Teststad)")
    content = (
        "Binnengekomen op;Voornaam;Wijk of dorp;Activiteiten\n"
        "3-2-2026;Truus;Centrum;Bezoek en gezelschap\n"
        "4-2-2026;Piet;Atlantis;Bezoek en gezelschap\n"
    )
    phone.get_by_label("Spreadsheet (CSV of XLSX)").set_input_files(
        {"name": "geschiedenis.csv", "mimeType": "text/csv", "buffer": content.encode()}
    )
    phone.get_by_role("button", name="Inlezen").click()

    errors = phone.get_by_role("alert", name="1 rij klopt niet: er is niets ingelezen")
    row = errors.get_by_role("row").filter(has_text="Atlantis")
    expect(row.get_by_role("rowheader")).to_have_text("3")
    expect(row).to_contain_text("Wijk of dorp")
    expect(row).to_contain_text("“Atlantis” is geen wijk of dorp van Teststad in Meedoen.")
    assert not HelpRequest.objects.exists()
    width = page_width(phone)
    assert width <= 320, f"the import page scrolls sideways: {width}px"
    assert_accessible(axe, phone)
