"""Before a quiet session ends, the page warns and lets the person stay signed in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.tests.browser.conftest import assert_accessible
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_warning_comes_two_minutes_before_the_end_and_one_key_keeps_the_session(
    page, axe, world
):
    sign_in(page, "volunteer")
    page.clock.install()
    page.goto("/start/")
    start = page.url
    warning = page.get_by_role("dialog", name="U wordt zo uitgelogd")
    expect(warning).to_be_hidden()

    page.clock.fast_forward("27:00")  # 27 of the 30 minutes: no warning yet
    expect(warning).to_be_hidden()
    page.clock.fast_forward("01:30")  # less than two minutes left
    expect(warning).to_be_visible()
    stay = warning.get_by_role("button", name="Ingelogd blijven")
    expect(stay).to_be_focused()
    assert_accessible(axe, page)

    with page.expect_response("**/accounts/session/extend/") as extended:
        page.keyboard.press("Enter")
    assert extended.value.ok
    expect(warning).to_be_hidden()

    # Past the end the page would have had without the extension: still here, still signed in.
    page.clock.fast_forward("10:00")
    expect(warning).to_be_hidden()
    assert page.url == start
    page.reload()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
