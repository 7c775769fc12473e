"""Who sees which help request and volunteer file: out of scope is invisible."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meedoen.accounts.tests.factories import UserFactory
from meedoen.catalogue.models import Activity
from meedoen.insights.selectors import SMALL_COUNT, area_overview
from meedoen.organisations.models import Area
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import Enrolment, VolunteerProfile


def make_request(world, **fields):
    defaults = {
        "municipality": world.municipality,
        "area": world.area,
        "source": "citizen",
        "first_name": "Truus",
    }
    request = HelpRequest.objects.create(**{**defaults, **fields})
    request.activities.add(Activity.objects.get(code="visiting"))
    return request


@pytest.fixture
def requests(world):
    people = world.people
    return {
        "ours": make_request(world, organisation=world.organisation, requester=people["citizen"]),
        "referred": make_request(
            world,
            organisation=world.organisation,
            source="professional",
            referred_by=people["professional"],
        ),
        "other": make_request(
            world, organisation=world.other_organisation, requester=people["carer"], source="carer"
        ),
        "desk": make_request(world, organisation=world.desk),
    }


EXPECTED = {
    "citizen": {"ours"},
    "carer": {"other"},
    "volunteer": set(),
    "professional": {"referred"},
    "coordinator": {"ours", "referred"},
    "stranger": {"other"},
    "desk": {"ours", "referred", "desk"},
    "policy": set(),
    "admin": {"ours", "referred", "other", "desk"},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_only_the_requests_in_its_scope(world, requests, role):
    visible = set(HelpRequest.objects.visible_to(world.people[role]))
    assert visible == {requests[key] for key in EXPECTED[role]}


def test_inactive_membership_gives_no_access(world, requests):
    membership = world.people["coordinator"].memberships.get()
    membership.is_active = False
    membership.save()
    assert not HelpRequest.objects.visible_to(world.people["coordinator"]).exists()


def test_volunteer_files_are_seen_by_own_coordinators_and_the_desk_only(world):
    volunteer = world.people["volunteer"]
    profile = volunteer.volunteer_profile
    outsider = UserFactory(username="outsider")
    other_profile = VolunteerProfile.objects.create(user=outsider, area=world.area)
    Enrolment.objects.create(profile=other_profile, organisation=world.other_organisation)
    people = world.people
    assert set(VolunteerProfile.objects.visible_to(volunteer)) == {profile}
    assert set(VolunteerProfile.objects.visible_to(people["coordinator"])) == {profile}
    assert set(VolunteerProfile.objects.visible_to(people["desk"])) == {profile}
    assert set(VolunteerProfile.objects.visible_to(people["stranger"])) == {other_profile}
    for role in ("citizen", "carer", "professional", "policy"):
        assert not VolunteerProfile.objects.visible_to(people[role]).exists()


def test_start_pages_show_only_what_is_in_scope(client, world, requests):
    client.force_login(world.people["citizen"])
    page = client.get(reverse("start:citizen")).content.decode()
    assert requests["ours"].reference in page
    assert requests["other"].reference not in page
    client.force_login(world.people["professional"])
    page = client.get(reverse("start:professional")).content.decode()
    assert requests["referred"].reference in page
    assert requests["ours"].reference not in page


def test_policy_officers_see_totals_with_small_counts_suppressed(client, world):
    for _ in range(SMALL_COUNT):
        make_request(world, area=world.area)
    make_request(world, area=world.other_area)
    rows = {row["area"]: row for row in area_overview(world.municipality)}
    assert rows[world.other_area]["requests"] is None  # one request: not shown as 1
    # With only two areas, the other count would give the one away (the total is shown on
    # the figures page): it is hidden too.
    assert rows[world.area]["requests"] is None
    make_request(world, area=world.area)
    assert {row["area"]: row for row in area_overview(world.municipality)}[world.area][
        "requests"
    ] is None
    client.force_login(world.people["policy"])
    page = client.get(reverse("start:policy")).content.decode()
    assert f"minder dan {SMALL_COUNT}" in page
    assert "Truus" not in page
    assert Area.objects.count() == 2
