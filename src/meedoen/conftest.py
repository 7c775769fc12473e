"""Shared fixtures: named people for every role, in two organisations and a network."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from meedoen.accounts.models import Role
from meedoen.organisations.tests.factories import (
    AreaFactory,
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from meedoen.volunteers.models import Enrolment, VolunteerProfile

PASSWORD = "a-long-test-password-1"  # noqa: S105


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts without what an earlier one left in the cache (area centres)."""
    from django.core.cache import cache

    cache.clear()


@dataclass
class World:
    municipality: object
    area: object
    other_area: object
    organisation: object
    other_organisation: object
    desk: object
    network: object
    people: dict


@pytest.fixture
def world(db) -> World:
    """One municipality; our organisation in a central desk's network; another outside it."""
    municipality = MunicipalityFactory(name="Teststad", code="GM0001")
    area = AreaFactory(municipality=municipality, name="Centrum")
    other_area = AreaFactory(municipality=municipality, name="Dorp", kind="village")
    organisation = OrganisationFactory(municipality=municipality, name="Onze Vrijwilligers")
    other = OrganisationFactory(municipality=municipality, name="Andere Vrijwilligers")
    network = NetworkFactory(desk__municipality=municipality, desk__name="Centrale Balie")
    network.members.add(organisation)

    def person(username, role, organisation=None, membership_role=None):
        user = UserFactory(username=username, role=role, municipality=municipality)
        if organisation is not None:
            MembershipFactory(user=user, organisation=organisation, role=membership_role)
        return user

    people = {
        "citizen": person("citizen", Role.CITIZEN),
        "carer": person("carer", Role.CARER),
        "volunteer": person("volunteer", Role.VOLUNTEER),
        "professional": person("professional", Role.PROFESSIONAL, organisation, "professional"),
        "coordinator": person("coordinator", Role.COORDINATOR, organisation, "coordinator"),
        "stranger": person("stranger", Role.COORDINATOR, other, "coordinator"),
        "desk": person("desk", Role.COORDINATOR, network.desk, "coordinator"),
        "policy": person("policy", Role.POLICY_OFFICER),
        "admin": person("admin", Role.ADMIN),
    }
    people["admin"].is_superuser = True
    people["admin"].save()
    profile = VolunteerProfile.objects.create(user=people["volunteer"], area=area)
    Enrolment.objects.create(profile=profile, organisation=organisation, status="active")
    return World(municipality, area, other_area, organisation, other, network.desk, network, people)
