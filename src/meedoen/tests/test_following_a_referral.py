"""A professional follows their referral: where it stands, the volunteer's first name, the
contact route agreed, and the concerns and handovers about that client only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meedoen import availability
from meedoen.engagements.tests.factories import ConcernFactory, HandoverFactory, active_request
from meedoen.volunteers import services as volunteer_services

pytestmark = pytest.mark.django_db


def referred_and_supported(world, first_name="Truus", **fields):
    """A request our professional referred, with our volunteer agreed and started."""
    profile = world.people["volunteer"].volunteer_profile
    volunteer_services.confirm_review(
        profile.pk,
        motives=[],
        availability=availability.ALL,
        hours_per_week=2,
        max_hours_per_week=6,
    )
    volunteer_services.record_vog(profile.pk, timezone.localdate() - timedelta(days=30))
    return active_request(
        volunteer=profile,
        organisation=world.organisation,
        area=world.area,
        first_name=first_name,
        source="professional",
        referred_by=world.people["professional"],
        **fields,
    )


def test_a_professional_follows_their_referral_to_the_support(client, world):
    referred = referred_and_supported(world)
    assignment = referred.assignments.get()
    ConcernFactory(assignment=assignment, category="loneliness")
    handover = HandoverFactory(assignment=assignment, by=world.people["coordinator"])
    # A concern about another client of the same volunteer does not show.
    other = active_request(
        volunteer=world.people["volunteer"].volunteer_profile,
        organisation=world.organisation,
        area=world.area,
        first_name="Kees",
    )
    ConcernFactory(assignment=other.assignments.get(), category="safety")

    client.force_login(world.people["professional"])
    page = client.get(reverse("requests:mine", args=[referred.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert world.people["volunteer"].first_name in text
    assert world.people["volunteer"].last_name not in text
    assert assignment.contact_route in text
    assert "eenzaamheid" in text.lower()
    assert "veiligheid" not in text.lower()
    assert f"overdracht aan {handover.to_organisation.name}" in text
    # Only the responsible professional opens the assignment itself; they only referred.
    assert reverse("engagements:assignment", args=[assignment.pk]) not in text
    assert "Wat er tot nu toe is gebeurd" in text and str(referred.plain_status) in text
    # The request of a client they did not refer is not there for them.
    assert client.get(reverse("requests:mine", args=[other.pk])).status_code == 404
