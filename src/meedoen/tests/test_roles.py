"""A person's roles come from where they take part, not from a field on the account."""

from __future__ import annotations

import pytest

from meedoen.accounts.models import User
from meedoen.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityMembershipFactory,
    UserFactory,
)
from meedoen.organisations.tests.factories import MunicipalityFactory, OrganisationFactory
from meedoen.permissions import Role

pytestmark = pytest.mark.django_db


def fresh(user) -> User:
    """The person as the next request sees them (roles are remembered per request)."""
    return User.objects.get(pk=user.pk)


def test_a_person_with_no_place_anywhere_is_a_citizen_who_may_ask_for_help():
    assert UserFactory().roles == {Role.CITIZEN}


def test_memberships_give_the_roles_of_each_organisation():
    person = UserFactory()
    MembershipFactory(user=person, role="coordinator")
    MembershipFactory(user=person, role="manager")
    MembershipFactory(user=person, role="professional", organisation=OrganisationFactory())
    assert fresh(person).roles == {Role.COORDINATOR, Role.MANAGER, Role.PROFESSIONAL}
    assert fresh(person).is_staff_role


def test_an_ended_membership_gives_no_role():
    person = UserFactory()
    membership = MembershipFactory(user=person, role="coordinator")
    membership.is_active = False
    membership.save()
    assert fresh(person).roles == {Role.CITIZEN}
    assert not fresh(person).is_staff_role


def test_a_municipal_appointment_makes_a_policy_officer_of_that_municipality_only():
    person = UserFactory()
    here = MunicipalityFactory()
    MunicipalityFactory()
    MunicipalityMembershipFactory(user=person, municipality=here)
    assert fresh(person).roles == {Role.POLICY_OFFICER}
    assert fresh(person).policy_municipality_ids() == {here.pk}


def test_a_volunteer_profile_makes_a_volunteer_beside_other_roles(world):
    professional = world.people["professional"]
    from meedoen.volunteers.models import VolunteerProfile

    VolunteerProfile.objects.create(user=professional, area=world.area)
    assert fresh(professional).roles == {Role.PROFESSIONAL, Role.VOLUNTEER}


def test_requests_asked_make_a_citizen_or_an_informal_carer(world):
    from meedoen.requests.models import HelpRequest

    carer = world.people["carer"]
    HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        source="carer",
        first_name="Truus",
        requester=carer,
    )
    assert fresh(carer).roles == {Role.CARER}


def test_an_administrator_is_an_administrator_only_by_django_s_own_flag():
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert fresh(admin).roles == {Role.ADMIN}
    staff_without_rights = UserFactory(is_staff=True)
    assert fresh(staff_without_rights).roles == {Role.CITIZEN}
