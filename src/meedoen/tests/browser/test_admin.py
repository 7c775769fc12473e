"""The administrator's admin in Dutch: its index, a list and a form speak Dutch, including
the libraries' models, and pass axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.catalogue.models import Activity
from meedoen.tests.browser.conftest import assert_accessible
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_speaks_dutch_and_passes_axe(page, axe, world):
    sign_in(page, "admin")
    page.goto("/admin/")
    body = page.locator("body")
    expect(body).to_contain_text("Inlogpogingen")
    expect(body).to_contain_text("TOTP-apparaten")
    for english in ("Access attempts", "TOTP devices", "MODEL NAME", "Otp_Totp", "Scheduled tasks"):
        expect(body).not_to_contain_text(english, ignore_case=True)
    assert_accessible(axe, page)

    page.goto("/admin/axes/accessattempt/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("inlogpoging")
    assert_accessible(axe, page)

    page.goto("/admin/catalogue/activity/")
    assert_accessible(axe, page)

    activity = (
        Activity.objects.filter(performance_fields__isnull=False).first()
        or Activity.objects.first()
    )
    page.goto(f"/admin/catalogue/activity/{activity.pk}/change/")
    expect(body).to_contain_text("Kies Wmo-prestatievelden")
    expect(body).not_to_contain_text("Choose")
    assert_accessible(axe, page)
