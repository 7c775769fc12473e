"""Whose figures a person sees, and whether small counts are hidden from them.

- A policy officer: their municipality (or one organisation in it); small counts hidden.
- A coordinator: the organisations they coordinate; a central desk's coordinator also the
  members of its network. They already open every request and volunteer file of the
  organisations they coordinate themselves, so those figures are not hidden from them; figures
  that take in the members of their network are, since a desk only routes.
- A manager: the organisations they manage; small counts hidden (a manager does not open the
  files).
- An administrator: every municipality, as a policy officer sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

from meedoen.organisations.models import Membership, Municipality, Organisation
from meedoen.permissions import Role, is_admin

#: The roles that have the dashboard, in the order one is chosen when a person holds several.
DASHBOARD_ROLES = (Role.POLICY_OFFICER, Role.COORDINATOR, Role.MANAGER)


@dataclass(frozen=True)
class Scope:
    municipality: Municipality
    #: None: the whole municipality; else only these organisations' figures.
    organisation_ids: frozenset[int] | None
    #: Whether small counts are hidden.
    suppressed: bool
    role: str


def dashboard_role(user, preferred: str | None = None) -> str | None:
    """The role in which this person reads the figures: the one they work in when it has a
    dashboard, else their first that has one."""
    if preferred in DASHBOARD_ROLES and (preferred in user.roles or is_admin(user)):
        return preferred
    for role in DASHBOARD_ROLES:
        if role in user.roles:
            return role
    return Role.POLICY_OFFICER if is_admin(user) else None


def _organisation_ids(user, role: str) -> tuple[set[int], set[int]]:
    """(all organisations whose figures they see, those they coordinate themselves)."""
    if role == Role.COORDINATOR:
        own = user.coordinated_organisation_ids(with_network=False)
        return user.coordinated_organisation_ids(with_network=True), own
    if role == Role.MANAGER:
        return user.organisation_ids(Membership.Role.MANAGER), set()
    return set(), set()


def municipalities(user, role: str):
    if role == Role.POLICY_OFFICER:
        if is_admin(user):
            return Municipality.objects.all()
        return Municipality.objects.filter(pk__in=user.policy_municipality_ids())
    seen, _own = _organisation_ids(user, role)
    return Municipality.objects.filter(organisations__pk__in=seen).distinct()


def organisations(user, role: str, municipality: Municipality | None):
    """The organisations a person may narrow the figures to."""
    queryset = Organisation.objects.all()
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    if role != Role.POLICY_OFFICER:
        seen, _own = _organisation_ids(user, role)
        queryset = queryset.filter(pk__in=seen)
    elif not is_admin(user):
        queryset = queryset.filter(municipality_id__in=user.policy_municipality_ids())
    return queryset.order_by("name")


def resolve(
    user, role: str, municipality: Municipality, organisation: Organisation | None
) -> Scope:
    """The scope of the figures; the form has already limited both choices to what the person
    may pick (`municipalities`, `organisations`)."""
    if role == Role.POLICY_OFFICER:
        ids = frozenset({organisation.pk}) if organisation else None
        return Scope(municipality, ids, suppressed=True, role=role)
    seen, own = _organisation_ids(user, role)
    in_municipality = set(
        Organisation.objects.filter(municipality=municipality, pk__in=seen).values_list(
            "pk", flat=True
        )
    )
    chosen = {organisation.pk} if organisation else in_municipality
    return Scope(
        municipality,
        frozenset(chosen & in_municipality),
        suppressed=not (chosen <= own),
        role=role,
    )
