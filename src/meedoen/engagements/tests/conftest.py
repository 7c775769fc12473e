"""An agreed assignment between our volunteer and Truus, and the people around it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from meedoen import availability
from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.catalogue.models import Activity, Skill
from meedoen.engagements.services import assignments
from meedoen.matching.tests.factories import matched_request
from meedoen.organisations.models import Organisation
from meedoen.organisations.tests.factories import (
    OrganisationFactory,
)
from meedoen.volunteers import services as volunteer_services


@pytest.fixture
def emails(world):
    """Everyone gets an address, so that the mail they would receive can be checked."""
    for name, person in world.people.items():
        person.email = f"{name}@example.nl"
        person.save()
    return world


@pytest.fixture
def matched(world):
    """Truus's request, matched through the workflow: our volunteer (who confirmed their
    times and has a VOG) said yes to the coordinator's proposal."""
    profile = world.people["volunteer"].volunteer_profile
    volunteer_services.confirm_review(
        profile.pk,
        motives=[],
        availability=availability.ALL,
        hours_per_week=2,
        max_hours_per_week=6,
    )
    volunteer_services.record_vog(profile.pk, timezone.localdate() - timedelta(days=30))
    profile.skills.add(Skill.objects.get(code="driving"))  # transport needs a driver
    return matched_request(
        profile,
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        first_name="Truus",
        description="Heeft hartfalen",  # a detail the volunteer must never see
        self_reliance=3,
        responsible_professional=world.people["professional"],
        activities=list(Activity.objects.filter(code__in=["visiting", "transport"])),
    )


@pytest.fixture
def assignment(world, matched):
    return assignments.agree(
        matched.pk,
        world.people["volunteer"].volunteer_profile.pk,
        world.people["coordinator"],
        task_ids=list(matched.activities.values_list("pk", flat=True)),
        frequency="weekly",
        starts_on=timezone.localdate() - timedelta(days=30),
        planned_end=None,
        contact_route="Bel Petra (coördinator), 010-1234567",
    )


@pytest.fixture
def manager(world):
    user = UserFactory(
        username="manager",
        email="manager@example.nl",
        municipality=world.municipality,
    )
    MembershipFactory(user=user, organisation=world.organisation, role="manager")
    return user


@pytest.fixture
def homecare(world):
    """A home-care organisation with a professional who receives handovers."""
    organisation = OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg Midden",
        type=Organisation.Type.PROFESSIONALS_ONLY,
        sector=Organisation.Sector.HOME_CARE,
    )
    nurse = UserFactory(
        username="wijkverpleegkundige",
        email="nurse@example.nl",
        municipality=world.municipality,
    )
    MembershipFactory(user=nurse, organisation=organisation, role="professional")
    return organisation, nurse
