"""A coordinator takes on a volunteer who already volunteers there, without a vacancy."""

from __future__ import annotations

import pytest

from meedoen.catalogue.models import VolunteerType
from meedoen.volunteers import lifecycle, services
from meedoen.volunteers.tests.factories import VolunteerProfileFactory


def test_a_volunteer_is_taken_on_the_lifecycle_way_and_only_once(world):
    profile = VolunteerProfileFactory(area=world.area)
    coordinator = world.people["coordinator"]
    enrolment = services.take_on(
        profile.pk, world.organisation, coordinator, reason="Van de papieren lijst"
    )
    assert enrolment.status == lifecycle.ACTIVE
    change = enrolment.status_changes.get()
    assert (change.from_status, change.to_status, change.actor) == (
        lifecycle.APPLICANT,
        lifecycle.ACTIVE,
        coordinator,
    )
    with pytest.raises(services.VolunteerError, match="al actief bij Onze Vrijwilligers"):
        services.take_on(profile.pk, world.organisation, coordinator, reason="Nog eens")


def test_a_reintegration_volunteer_needs_a_guide_first(world):
    profile = VolunteerProfileFactory(area=world.area, volunteer_type=VolunteerType.REINTEGRATION)
    with pytest.raises(services.VolunteerError, match="vaste begeleider"):
        services.take_on(
            profile.pk, world.organisation, world.people["coordinator"], reason="Overgenomen"
        )
