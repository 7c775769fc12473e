"""Shared pieces of `visible_to(user)` scoping."""

from __future__ import annotations

from meedoen.accounts.models import Role


def is_admin(user) -> bool:
    return bool(user.is_superuser or user.role == Role.ADMIN)


def coordinated_organisation_ids(user, *, with_network: bool) -> set[int]:
    """Organisations a coordinator coordinates; with the members of networks whose desk it is."""
    if user.role != Role.COORDINATOR:
        return set()
    own = user.organisation_ids("coordinator")
    if not with_network or not own:
        return own
    from meedoen.organisations.models import Network

    members = Network.members.through.objects.filter(network__desk_id__in=own).values_list(
        "organisation_id", flat=True
    )
    return own | set(members)
