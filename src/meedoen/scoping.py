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


def scope(queryset, user, *, own=None, organisations=None, with_network: bool = True):
    """The one shape of every `visible_to(user)`: deny by default.

    Nobody signed in sees nothing; administrators see everything; a person whose role is in
    `own` ({role: user -> Q}) sees what that Q selects; a coordinator sees what
    `organisations` (ids -> Q) selects for the organisations they coordinate (with the
    members of their central desk's network when `with_network`); everyone else nothing.
    """
    if not user or not user.is_authenticated:
        return queryset.none()
    if is_admin(user):
        return queryset.all()
    if own and user.role in own:
        return queryset.filter(own[user.role](user))
    if organisations is not None:
        organisation_ids = coordinated_organisation_ids(user, with_network=with_network)
        if organisation_ids:
            return queryset.filter(organisations(organisation_ids))
    return queryset.none()
