"""Guides (report 4.6): invited by their organisation's manager or coordinator, they see the
re-integration and internship volunteers of that organisation only, and log their guidance."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from meedoen.accounts import invitations
from meedoen.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from meedoen.engagements.models import GuidanceSession
from meedoen.engagements.services import EngagementError, guidance
from meedoen.permissions import Role
from meedoen.volunteers import lifecycle
from meedoen.volunteers import services as volunteer_services
from meedoen.volunteers.models import Enrolment
from meedoen.volunteers.tests.factories import EnrolmentFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def guided_volunteer(world, organisation, first_name, *, kind="internship", guide=None):
    """A volunteer on a route (internship or re-integration) at `organisation`: active once
    they have a named guide, an applicant until then."""
    profile = VolunteerProfileFactory(area=world.area, user__first_name=first_name)
    enrolment = EnrolmentFactory(profile=profile, organisation=organisation)
    volunteer_services.update_guidance(
        enrolment.pk,
        volunteer_type=kind,
        sponsor_kind="school" if kind == "internship" else "social_service",
        sponsor_name="Lindeveld College" if kind == "internship" else "Sociale Dienst",
        required_hours=40,
        guide=guide,
    )
    if guide is None:
        return Enrolment.objects.get(pk=enrolment.pk)
    coordinator = MembershipFactory(organisation=organisation, role="coordinator").user
    return volunteer_services.change_status(
        enrolment.pk, lifecycle.ACTIVE, coordinator, "Intake afgerond"
    )


@pytest.fixture
def guides(world):
    """A guide of our organisation and one of the other organisation, each with volunteers."""
    ours = UserFactory(username="guide", first_name="Gerda")
    MembershipFactory(user=ours, organisation=world.organisation, role="guide")
    theirs = UserFactory(username="other-guide")
    MembershipFactory(user=theirs, organisation=world.other_organisation, role="guide")
    return {
        "ours": ours,
        "theirs": theirs,
        "intern": guided_volunteer(world, world.organisation, "Ilse", guide=ours),
        "returner": guided_volunteer(world, world.organisation, "Rachid", kind="reintegration"),
        "elsewhere": guided_volunteer(world, world.other_organisation, "Eva", guide=theirs),
    }


def test_a_manager_and_a_coordinator_invite_guides_a_policy_officer_does_not(world):
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, organisation=world.organisation, role="manager")
    for person in (manager, world.people["coordinator"]):
        assert "guide" in invitations.roles_to_invite(person, world.organisation)
        assert "guide" not in invitations.roles_to_invite(person, world.other_organisation)
    assert "guide" not in invitations.roles_to_invite(world.people["policy"], world.organisation)


def test_an_invited_guide_accepts_and_lands_on_their_start_page(client, world):
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, organisation=world.organisation, role="manager")
    client.force_login(manager)
    response = client.post(
        reverse("accounts:organisation", args=[world.organisation.pk]),
        {"form": "invite", "invite-email": "gids@example.nl", "invite-role": "guide"},
    )
    assert response.status_code == 302
    invitation = world.organisation.invitations.get(email="gids@example.nl")
    assert invitation.role == "guide"
    token = "known-token"
    invitation.digest = invitations._digest(token)
    invitation.save(update_fields=["digest"])
    user, membership = invitations.accept_new(token, username="gids", password=PASSWORD)
    assert (membership.organisation, membership.role) == (world.organisation, "guide")
    assert Role.GUIDE in user.roles and user.is_staff_role
    client.force_login(user)
    assert client.get(reverse("start:index")).url == reverse("start:guide")


def test_a_guide_sees_only_their_organisations_volunteers_on_a_route(client, world, guides):
    client.force_login(guides["ours"])
    page = client.get(reverse("start:guide"))
    assert page.status_code == 200
    text = page.content.decode()
    # Both volunteers on a route at our organisation, the named one and the other.
    assert guides["intern"].profile.user.get_full_name() in text
    assert guides["returner"].profile.user.get_full_name() in text
    assert "U bent de vaste begeleider." in text
    # Not the other organisation's, nor our regular volunteer, nor any help request.
    assert guides["elsewhere"].profile.user.get_full_name() not in text
    assert world.people["volunteer"].get_full_name() not in text
    reads = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, actor=guides["ours"]
    ).values_list("object_pk", flat=True)
    assert set(reads) == {
        str(guides["intern"].profile_id),
        str(guides["returner"].profile_id),
    }
    # The organisation's other pages stay closed to a guide.
    for name in ("volunteers:list", "requests:queue", "engagements:overview", "start:coordinator"):
        assert client.get(reverse(name)).status_code == 403, name
    detail = reverse("api:volunteer-detail", args=[guides["intern"].profile_id])
    assert client.get(detail).status_code == 404


def test_a_guide_logs_guidance_on_their_start_page_and_the_form_keeps_what_was_typed(
    client, world, guides
):
    client.force_login(guides["ours"])
    today = timezone.localdate().isoformat()
    returner = guides["returner"]
    response = client.post(
        reverse("start:guide"),
        {"enrolment": returner.pk, "date": today, "hours": "1.5", "topic": "Sollicitatiebrief"},
    )
    assert response.status_code == 302 and response.url == reverse("start:guide")
    session = GuidanceSession.objects.get(enrolment=returner)
    assert (session.guide, session.hours) == (guides["ours"], Decimal("1.5"))
    # The guide of the other organisation is not offered our volunteer: refused, kept.
    client.force_login(guides["theirs"])
    response = client.post(
        reverse("start:guide"),
        {"enrolment": returner.pk, "date": today, "hours": "1", "topic": "Typed and kept"},
    )
    assert response.status_code == 400 and "Typed and kept" in response.content.decode()
    assert GuidanceSession.objects.filter(enrolment=returner).count() == 1
    with pytest.raises(EngagementError):
        guidance.log_session(
            returner.pk, guides["theirs"], on=timezone.localdate(), hours=Decimal("1"), topic="x"
        )


def test_a_guide_logs_no_guidance_for_a_regular_volunteer_of_their_organisation(world, guides):
    regular = Enrolment.objects.get(profile__user=world.people["volunteer"])
    assert not guidance.may_guide(guides["ours"], regular)
    with pytest.raises(EngagementError):
        guidance.log_session(
            regular.pk, guides["ours"], on=timezone.localdate(), hours=Decimal("1"), topic="x"
        )


def test_a_guide_downloads_the_hours_statement_of_their_organisations_volunteers(
    client, world, guides
):
    client.force_login(guides["ours"])
    ours = reverse("engagements:hours_statement", args=[guides["returner"].pk])
    theirs = reverse("engagements:hours_statement", args=[guides["elsewhere"].pk])
    assert client.get(ours).status_code == 200
    assert client.get(theirs).status_code == 404
