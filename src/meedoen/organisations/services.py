"""Organisations set up by the people of a municipality, without the administrator.

A policy officer adds organisations of their municipality; the coordinator of a central desk
adds organisations of the desk's municipality and keeps its network's members. An
organisation's coordinator or manager keeps its own details up to date (the boundary policy
only within the limits the model allows). Every write is one transaction; the audit log
records it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen import notation
from meedoen.catalogue import policy
from meedoen.errors import DomainError
from meedoen.organisations.models import (
    Area,
    Membership,
    Municipality,
    Network,
    Organisation,
    SubstitutionSignal,
    TaskDivision,
)
from meedoen.permissions import is_admin

#: The fields an organisation's coordinator or manager keeps up to date.
OWN_DETAILS = ("type", "sector", "email", "phone", "volunteer_care_level")
#: The fields given when an organisation is added.
NEW_DETAILS = ("name", "type", "sector", "email", "phone")


class OrganisationRefused(DomainError):
    pass


def adding_municipality_ids(user: Any) -> set[int]:
    """Municipalities in which this person may add organisations: as policy officer, and as
    coordinator of a central desk (its municipality)."""
    if user is None or not user.is_authenticated:
        return set()
    ids = set(user.policy_municipality_ids())
    ids |= set(
        Organisation.objects.filter(pk__in=desk_ids(user)).values_list("municipality_id", flat=True)
    )
    return ids


def desk_ids(user: Any) -> set[int]:
    """The central desks this person coordinates."""
    return set(
        Organisation.objects.filter(
            pk__in=user.organisation_ids(Membership.Role.COORDINATOR), is_central_desk=True
        ).values_list("pk", flat=True)
    )


def managed_ids(user: Any) -> set[int]:
    """Organisations whose own page this person keeps: as coordinator or manager."""
    if user is None or not user.is_authenticated:
        return set()
    return user.organisation_ids(Membership.Role.COORDINATOR, Membership.Role.MANAGER)


def listed_for(user: Any):
    """The organisations on this person's "Organisaties" page: those of the municipalities
    where they may add organisations (all for an administrator)."""
    if is_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(municipality_id__in=adding_municipality_ids(user))


def kept_by(user: Any):
    """The organisations whose own page this person may open: those they coordinate or
    manage, and those of the municipalities where they add organisations."""
    if is_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        pk__in=managed_ids(user) | set(listed_for(user).values_list("pk", flat=True))
    )


def may_edit(user: Any, organisation: Organisation) -> bool:
    """Its own coordinator or manager, and the policy officer of its municipality, keep an
    organisation's details (the central desk sees them)."""
    return (
        is_admin(user)
        or organisation.pk in managed_ids(user)
        or organisation.municipality_id in user.policy_municipality_ids()
    )


def _areas(municipality_id: int, areas: Iterable[Area]) -> list[Area]:
    chosen = list(areas)
    if any(area.municipality_id != municipality_id for area in chosen):
        raise OrganisationRefused(_("Choose areas of the organisation's own municipality."))
    return chosen


@transaction.atomic
def add_organisation(
    by: Any,
    *,
    municipality_id: int,
    details: dict[str, Any],
    areas: Iterable[Area] = (),
    in_network: bool = False,
) -> Organisation:
    """A new organisation in `municipality_id`, added by a policy officer of it or the
    coordinator of its central desk (who may put it into the desk's network)."""
    if not is_admin(by) and municipality_id not in adding_municipality_ids(by):
        raise OrganisationRefused(_("You cannot add organisations in this municipality."))
    if Organisation.objects.filter(
        municipality_id=municipality_id, name__iexact=details["name"].strip()
    ).exists():
        raise OrganisationRefused(_("This municipality already has an organisation by this name."))
    organisation = Organisation(
        municipality_id=municipality_id,
        **{field: details[field] for field in NEW_DETAILS if field in details},
    )
    organisation.name = organisation.name.strip()
    organisation.full_clean(exclude=["areas"])
    organisation.save()
    organisation.areas.set(_areas(municipality_id, areas))
    if in_network:
        for network in Network.objects.filter(
            desk_id__in=desk_ids(by), desk__municipality_id=municipality_id
        ):
            network.members.add(organisation)
    return organisation


@transaction.atomic
def update_organisation(
    by: Any, organisation: Organisation, *, details: dict[str, Any], areas: Iterable[Area]
) -> Organisation:
    """The organisation's own details, kept by its coordinator or manager (or whoever may add
    organisations in its municipality)."""
    if not may_edit(by, organisation):
        raise OrganisationRefused(_("You cannot change this organisation."))
    for field in OWN_DETAILS:
        if field in details:
            setattr(organisation, field, details[field])
    organisation.full_clean(exclude=["areas"])
    organisation.save()
    organisation.areas.set(_areas(organisation.municipality_id, areas))
    return organisation


@transaction.atomic
def set_boundary_limit(by: Any, municipality: Municipality, level: int) -> list[Organisation]:
    """Set the widest care level the municipality's organisations may open to trained
    volunteers. Organisations whose policy went further are brought back to the limit, one
    by one so the audit log records each; they are returned, to be named to the officer."""
    if not keeps_municipality(by, municipality.pk):
        raise OrganisationRefused(_("Only the municipality's policy officer sets this limit."))
    municipality.widest_volunteer_care_level = int(level)
    municipality.full_clean()
    municipality.save(update_fields=["widest_volunteer_care_level"])
    lowered = list(
        Organisation.objects.select_for_update()
        .filter(municipality=municipality, volunteer_care_level__gt=int(level))
        .order_by("name")
    )
    for organisation in lowered:
        organisation.volunteer_care_level = int(level)
        organisation.save(update_fields=["volunteer_care_level"])
    return lowered


def keeps_municipality(user: Any, municipality_id: int | None) -> bool:
    """The municipality's policy officer keeps its areas and limits (an administrator too)."""
    return is_admin(user) or municipality_id in user.policy_municipality_ids()


AREA_DETAILS = (
    "name",
    "kind",
    "latitude",
    "longitude",
    "postcodes",
    "population",
    "population_year",
)


@transaction.atomic
def keep_area(by: Any, area: Area, details: dict[str, Any]) -> Area:
    """Add an area to the municipality, or change one: its name, kind, centre, postcodes and
    inhabitants (for the figures per 1,000 inhabitants)."""
    if not keeps_municipality(by, area.municipality_id):
        raise OrganisationRefused(_("Only the municipality's policy officer keeps its areas."))
    for field in AREA_DETAILS:
        if field in details:
            setattr(area, field, details[field])
    area.name = area.name.strip()
    if (
        Area.objects.filter(municipality_id=area.municipality_id, name__iexact=area.name)
        .exclude(pk=area.pk)
        .exists()
    ):
        raise OrganisationRefused(_("This municipality already has an area by this name."))
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def set_network_member(by: Any, network: Network, organisation: Organisation, member: bool):
    """The desk's coordinator adds an organisation of its municipality to its network, or
    takes it out."""
    if not is_admin(by) and network.desk_id not in desk_ids(by):
        raise OrganisationRefused(_("Only the central desk's coordinator keeps its network."))
    if organisation.municipality_id != network.desk.municipality_id or organisation.pk == (
        network.desk_id
    ):
        raise OrganisationRefused(_("Only organisations of the desk's municipality can join."))
    if member:
        network.members.add(organisation)
    else:
        network.members.remove(organisation)


@transaction.atomic
def end_membership(by: Any, membership: Membership, *, may_end: bool) -> None:
    """End a person's role in an organisation (the membership stays, inactive, for the
    history). `may_end` is decided by who may invite into that role (`accounts`)."""
    if not may_end:
        raise OrganisationRefused(_("You cannot end this role."))
    if membership.user_id == getattr(by, "pk", None):
        raise OrganisationRefused(_("You cannot end your own role here."))
    membership.is_active = False
    membership.save(update_fields=["is_active"])


# --- the task-division register -----------------------------------------------------------


class TaskDivisionRefused(DomainError):
    pass


def keeps_task_division(user: Any, organisation: Organisation) -> bool:
    """Its own coordinators and managers keep an organisation's task division."""
    return is_admin(user) or organisation.pk in managed_ids(user)


def _shift(previous: str, done_by: str) -> str:
    if not previous:
        return TaskDivision.Shift.NONE
    before = TaskDivision.VOLUNTEER_SHARE[TaskDivision.DoneBy(previous)]
    after = TaskDivision.VOLUNTEER_SHARE[TaskDivision.DoneBy(done_by)]
    if after > before:
        return TaskDivision.Shift.TO_VOLUNTEERS
    return TaskDivision.Shift.TO_PROFESSIONALS


def record_task_division(
    by: Any,
    organisation: Organisation,
    *,
    activity: Any,
    done_by: str,
    since: date,
    reason: str,
) -> TaskDivision:
    """A new entry in the organisation's register: who does this activity from `since` on,
    and why. Earlier entries stay as they are: together they are the activity's history.

    Volunteers cannot be given what the organisation's boundary policy keeps for
    professionals; such an attempt is refused and counted as a substitution signal."""
    if not keeps_task_division(by, organisation):
        raise TaskDivisionRefused(
            _("Only a coordinator or manager of the organisation keeps its task division.")
        )
    reason = reason.strip()
    if not reason:
        raise TaskDivisionRefused(_("Say in a few words why."))
    if done_by not in TaskDivision.DoneBy.values:
        raise TaskDivisionRefused(_("Choose who does the activity."))
    if since > timezone.localdate():
        raise TaskDivisionRefused(_("Record a change once it has happened: the date is ahead."))
    if done_by != TaskDivision.DoneBy.PROFESSIONALS:
        decision = policy.decide(organisation.boundary_policy, activity.level, None)
        if not decision.volunteer_allowed:
            with transaction.atomic():
                SubstitutionSignal.objects.create(
                    organisation=organisation,
                    activity=activity,
                    kind=SubstitutionSignal.Kind.TASK_DIVISION_REFUSED,
                    reference=str(_("Task division"))[:40],
                )
            raise TaskDivisionRefused(
                _("%(activity)s stays with professionals: %(reason)s")
                % {"activity": activity.name, "reason": decision.reasons[0]}
            )
    with transaction.atomic():
        # One change at a time per organisation: the entry before this one is certain.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        current = (
            TaskDivision.objects.filter(organisation=organisation, activity=activity)
            .order_by("-since", "-recorded_at", "-pk")
            .first()
        )
        previous = current.done_by if current else ""
        if current is not None:
            if since < current.since:
                raise TaskDivisionRefused(
                    _("The register already has an entry from %(date)s: a change cannot be older.")
                    % {"date": notation.day(current.since)}
                )
            if current.done_by == done_by:
                raise TaskDivisionRefused(
                    _("%(activity)s is already done by %(done_by)s.")
                    % {"activity": activity.name, "done_by": current.get_done_by_display()}
                )
        return TaskDivision.objects.create(
            organisation=organisation,
            activity=activity,
            done_by=done_by,
            previous=previous,
            shift=_shift(previous, done_by),
            since=since,
            reason=reason,
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
        )
