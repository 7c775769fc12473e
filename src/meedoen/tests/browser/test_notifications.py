"""A coordinator proposes a volunteer; the volunteer sees the count in the header, opens the
notification and says yes; the coordinator is told. Axe on the notification list (also at
320 px), the e-mail preferences and a conversation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedoen.accounts.tests.factories import (
    PASSWORD,
    MembershipFactory,
    UserFactory,
    coordinator_of,
)
from meedoen.engagements import conversations
from meedoen.engagements.tests.factories import AssignmentFactory
from meedoen.requests.tests.factories import ProfessionalReferralFactory
from meedoen.tests.browser.conftest import assert_accessible, page_width
from meedoen.tests.browser.test_matching import ready_request  # noqa: F401 (a fixture)
from meedoen.tests.browser.test_start_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_proposal_and_its_answer_reach_each_side_as_notifications(
    browser,
    live_server,
    axe,
    world,
    ready_request,  # noqa: F811
):
    coordinator = browser.new_context(base_url=live_server.url).new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto(f"/requests/{ready_request.pk}/")
    first_name = world.people["volunteer"].first_name
    coordinator.get_by_role("button", name=f"{first_name} voorstellen").click()
    expect(coordinator.get_by_text("De vrijwilliger is gevraagd")).to_be_visible()

    volunteer = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}
    ).new_page()
    sign_in(volunteer, "volunteer")
    # On a phone the menu button carries the count; the menu holds the link.
    menu = volunteer.get_by_role("button", name="Menu (1 ongelezen melding)")
    expect(menu).to_be_visible()
    menu.click()
    count = volunteer.get_by_role("link", name="Meldingen (1 ongelezen melding)")
    expect(count).to_be_visible()
    count.click()
    expect(volunteer.get_by_role("heading", name="Meldingen", level=1)).to_be_visible()
    assert page_width(volunteer) <= 320
    assert_accessible(axe, volunteer)
    volunteer.get_by_role("link", name="We vragen of u iemand in Centrum wilt helpen.").click()
    expect(volunteer.get_by_role("heading", name="Truus in Centrum zoekt hulp bij")).to_be_visible()
    # Read: the count is gone (the link sits in the folded menu on a phone).
    expect(volunteer.get_by_role("button", name="Menu", exact=True)).to_be_visible()
    volunteer.get_by_role("button", name="Ja, ik help graag").click()
    expect(volunteer.get_by_text("De coördinator neemt contact met u op")).to_be_visible()

    volunteer.goto("/my-data/notifications/")
    assert_accessible(axe, volunteer)
    volunteer.get_by_role("group", name="Een vraag of u wilt helpen").get_by_label(
        "nooit (alleen in Meedoen)"
    ).check()
    volunteer.get_by_role("button", name="Opslaan").click()
    expect(volunteer.get_by_text("Uw e-mailvoorkeuren zijn bewaard.")).to_be_visible()

    coordinator.goto("/start/coordinator/")
    told = coordinator.get_by_role(
        "link", name="Een vrijwilliger zegt ja: hij of zij helpt Truus in Centrum."
    ).first
    expect(told).to_be_visible()
    told.click()
    expect(coordinator.get_by_text("Status: gekoppeld")).to_be_visible()
    coordinator.context.close()
    volunteer.context.close()


def test_a_conversation_on_an_assignment_is_accessible(page, axe, world):
    assignment = AssignmentFactory()
    conversations.post(assignment.profile.user, "assignment", assignment.pk, "Kan het dinsdag?")
    coordinator = coordinator_of(assignment.organisation)
    coordinator.set_password(PASSWORD)
    coordinator.save()
    sign_in(page, coordinator.username)
    page.goto(f"/assignments/{assignment.pk}/conversation/")
    expect(page.get_by_text("Kan het dinsdag?")).to_be_visible()
    page.get_by_label("Uw bericht").fill("Ja hoor, ik laat het weten.")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    expect(page.get_by_text("Ja hoor, ik laat het weten.")).to_be_visible()
    assert_accessible(axe, page)


def test_a_received_referral_shows_its_conversation_and_writing_stays_there(page, axe, world):
    referral = ProfessionalReferralFactory()
    sender = coordinator_of(referral.help_request.organisation)
    conversations.post(sender, "referral", referral.pk, "Is er al een indicatie?")
    professional = UserFactory(username="wijkprof")
    professional.set_password(PASSWORD)
    professional.save()
    MembershipFactory(user=professional, organisation=referral.organisation, role="professional")
    sign_in(page, professional.username)
    page.goto(f"/referrals/{referral.pk}/")
    expect(page.get_by_text("Is er al een indicatie?")).to_be_visible()
    page.get_by_label("Uw bericht").fill("Nog niet, volgende week.")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    assert page.url.endswith(f"/referrals/{referral.pk}/#conversation")
    expect(page.get_by_text("Nog niet, volgende week.")).to_be_visible()
    assert_accessible(axe, page)
