"""Object rules as named predicates, read as the domain says them."""

from __future__ import annotations

import rules

from meedoen.accounts.models import Role


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


@rules.predicate
def is_policy_officer(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.POLICY_OFFICER)


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.COORDINATOR)


@rules.predicate
def is_coordinator_of_organisation(user, organisation) -> bool:
    if organisation is None or not is_coordinator(user):
        return False
    return organisation.pk in user.organisation_ids("coordinator")


@rules.predicate
def is_desk_coordinator_of_network(user, organisation) -> bool:
    """Coordinates the central desk of a network the organisation is a member of."""
    if organisation is None or not is_coordinator(user):
        return False
    return organisation.networks.filter(desk_id__in=user.organisation_ids("coordinator")).exists()


rules.add_rule("manage_organisation", is_administrator | is_coordinator_of_organisation)
rules.add_rule(
    "route_for_organisation",
    is_administrator | is_coordinator_of_organisation | is_desk_coordinator_of_network,
)
rules.add_rule("see_aggregates", is_administrator | is_policy_officer | is_coordinator)
