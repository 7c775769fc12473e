"""One person, two roles: each role sees what belongs to it, and nothing of one leaks into
the other (a coordinator here who volunteers there does not coordinate there)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meedoen.accounts.models import User
from meedoen.accounts.tests.factories import MembershipFactory
from meedoen.catalogue.models import Activity
from meedoen.engagements.models import Concern
from meedoen.engagements.services import assignments, concerns
from meedoen.matching.models import MatchProposal
from meedoen.permissions import Role
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import Enrolment, VolunteerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger_volunteers_here(world):
    """The coordinator of another organisation volunteers at ours."""
    stranger = world.people["stranger"]
    profile = VolunteerProfile.objects.create(user=stranger, area=world.area)
    Enrolment.objects.create(profile=profile, organisation=world.organisation, status="active")
    return User.objects.get(pk=stranger.pk)


def make_request(world, organisation, **fields):
    request = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=organisation,
        source="citizen",
        first_name="Truus",
        **fields,
    )
    request.activities.add(Activity.objects.get(code="visiting"))
    return request


def test_a_coordinator_who_volunteers_elsewhere_does_not_coordinate_there(
    client, world, stranger_volunteers_here
):
    stranger = stranger_volunteers_here
    assert stranger.roles == {Role.COORDINATOR, Role.VOLUNTEER}
    ours = make_request(world, world.organisation)
    theirs = make_request(world, world.other_organisation)
    assert set(HelpRequest.objects.visible_to(stranger)) == {theirs}
    client.force_login(stranger)
    assert client.get(reverse("requests:detail", args=[ours.pk])).status_code == 404
    assert client.get(reverse("requests:detail", args=[theirs.pk])).status_code == 200
    # As volunteer, their own enrolment here is theirs; the other volunteers' are not.
    assert set(Enrolment.objects.visible_to(stranger).filter(organisation=world.organisation)) == {
        stranger.volunteer_profile.enrolments.get()
    }
    # Their start pages: one for each role, and a switch between them in the header.
    coordinator_page = client.get(reverse("start:coordinator"))
    assert coordinator_page.status_code == 200
    assert [r["label"] for r in coordinator_page.context["role_switch"]] == [
        Role.COORDINATOR.label,
        Role.VOLUNTEER.label,
    ]
    assert client.get(reverse("start:volunteer")).status_code == 200
    assert client.get(reverse("start:index")).url == reverse("start:volunteer")


def test_the_switch_remembers_the_role_and_refuses_a_role_not_held(client, world):
    coordinator = world.people["coordinator"]
    client.force_login(coordinator)
    assert client.get(reverse("start:switch", args=["volunteer"])).status_code == 404
    professional = world.people["professional"]
    VolunteerProfile.objects.create(user=professional, area=world.area)
    client.force_login(professional)
    response = client.get(reverse("start:switch", args=["volunteer"]))
    assert response.url == reverse("start:volunteer")
    assert client.get(reverse("start:index")).url == reverse("start:volunteer")
    menu = [item["label"] for item in client.get(reverse("start:volunteer")).context["nav_items"]]
    assert "Vrijwilligerswerk" in menu and "Cliënt doorverwijzen" not in menu


@pytest.fixture
def professional_volunteering(world):
    """Our professional also volunteers with us, and is matched to Kees."""
    professional = world.people["professional"]
    profile = VolunteerProfile.objects.create(user=professional, area=world.area)
    Enrolment.objects.create(profile=profile, organisation=world.organisation, status="active")
    kees = make_request(world, world.organisation, status="matched")
    MatchProposal.objects.create(
        help_request=kees, profile=profile, status=MatchProposal.Status.ACCEPTED
    )
    assignment = assignments.agree(
        kees.pk,
        profile.pk,
        world.people["coordinator"],
        task_ids=[Activity.objects.get(code="visiting").pk],
        frequency="weekly",
        starts_on=timezone.localdate() - timedelta(days=7),
        planned_end=None,
        contact_route="Bel Petra",
    )
    return User.objects.get(pk=professional.pk), assignment


def test_a_professional_sees_their_own_concern_as_a_volunteer_without_the_team_notes(
    client, world, professional_volunteering
):
    professional, assignment = professional_volunteering
    concern = concerns.raise_concern(
        assignment.help_request_id,
        professional,
        assignment_id=assignment.pk,
        category="loneliness",
        urgent=False,
        description="Kees zit veel alleen.",
    )
    coordinator = world.people["coordinator"]
    concerns.acknowledge(concern.pk, coordinator, note="Interne notitie van het team")
    assert not Concern.objects.handled_by(professional).filter(pk=concern.pk).exists()
    client.force_login(professional)
    page = client.get(reverse("engagements:concern", args=[concern.pk]))
    assert page.status_code == 200
    assert "Interne notitie van het team" not in page.content.decode()
    api = client.get(f"/api/v1/concerns/{concern.pk}")
    assert api.status_code == 200
    assert "Interne notitie van het team" not in api.content.decode()
    listed = client.get("/api/v1/concerns").json()["results"]
    assert "Interne notitie van het team" not in str(listed)
    # Acting on it is for those who handle it, not for the one who raised it.
    refused = client.post(
        f"/api/v1/concerns/{concern.pk}/resolve",
        {"outcome": "Gedaan", "reply": "Dank"},
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_a_peer_coordinator_of_a_client_run_organisation_only_coordinates_it(world):
    peer = world.people["volunteer"]
    MembershipFactory(user=peer, organisation=world.other_organisation, role="coordinator")
    peer = User.objects.get(pk=peer.pk)
    ours = make_request(world, world.organisation)
    theirs = make_request(world, world.other_organisation)
    assert peer.roles == {Role.VOLUNTEER, Role.COORDINATOR}
    assert set(HelpRequest.objects.handled_by(peer)) == {theirs}
    assert ours not in HelpRequest.objects.visible_to(peer)
