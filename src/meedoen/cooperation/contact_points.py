"""Contact points for volunteers: an organisation that employs professionals names the member
volunteers can turn to (report 5.4: through growth in scale, institutions in care and support
have become hard for volunteers to reach; the report recommends contact points for volunteers).
Volunteers see only the first name, the role and how to reach the person."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from meedoen.errors import DomainError
from meedoen.organisations.models import ContactPoint, Membership, Organisation
from meedoen.permissions import is_admin
from meedoen.volunteers.models import Enrolment

LEADERS = (Membership.Role.MANAGER, Membership.Role.COORDINATOR)


class ContactPointRefused(DomainError):
    pass


def institutions_of(user: Any) -> list[Organisation]:
    """The organisations this person leads (manager or coordinator) that employ
    professionals: by their type, or by having professionals among their members."""
    if user is None or not user.is_authenticated:
        return []
    led = user.organisation_ids(*LEADERS)
    return list(
        Organisation.objects.filter(pk__in=led)
        .filter(
            Q(type__in=Organisation.PROFESSIONAL_TYPES)
            | Q(memberships__role=Membership.Role.PROFESSIONAL, memberships__is_active=True)
        )
        .distinct()
        .order_by("name")
    )


def members(organisation: Organisation) -> QuerySet[Any]:
    """Who may be named: the organisation's active members."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("first_name", "pk")
    )


@transaction.atomic
def name(
    by: Any, organisation: Organisation, *, person: Any, role: str, reach: str
) -> ContactPoint:
    """Name (or change) the organisation's contact point for volunteers."""
    if not (is_admin(by) or organisation in institutions_of(by)):
        raise ContactPointRefused(
            _("Only a manager or coordinator of an organisation with professionals can do this.")
        )
    if not members(organisation).filter(pk=person.pk).exists():
        raise ContactPointRefused(_("Choose a member of the organisation."))
    if not role.strip() or not reach.strip():
        raise ContactPointRefused(_("Fill in the role and how volunteers reach this person."))
    point, _created = ContactPoint.objects.update_or_create(
        organisation=organisation,
        defaults={"person": person, "role": role.strip(), "reach": reach.strip()},
    )
    return point


# --- Finding a contact point ------------------------------------------------------------------


def findable_by(user: Any) -> QuerySet[ContactPoint]:
    """The contact points a volunteer or a member of an organisation may look up: those of the
    organisations in the municipalities where they volunteer or work (a policy officer: their
    municipality's). Nobody else finds any."""
    if user is None or not user.is_authenticated:
        return ContactPoint.objects.none()
    found = ContactPoint.objects.select_related("organisation", "person")
    if is_admin(user):
        return found
    volunteering = Enrolment.objects.filter(
        profile__user_id=user.pk, status=Enrolment.Status.ACTIVE
    ).values("organisation__municipality_id")
    working = Organisation.objects.filter(pk__in=user.organisation_ids()).values("municipality_id")
    return found.filter(
        Q(organisation__municipality_id__in=volunteering)
        | Q(organisation__municipality_id__in=working)
        | Q(organisation__municipality_id__in=user.policy_municipality_ids())
    )


def search(
    points: QuerySet[ContactPoint], text: str = "", area: int | None = None
) -> list[ContactPoint]:
    """One search: every word must appear in the organisation's name, an area it serves, or
    the contact point's role (its topic, such as "dementia" or "home care"). `area` keeps the
    organisations that serve that area."""
    if area is not None:
        points = points.filter(organisation__areas__pk=area)
    for word in text.split()[:8]:
        points = points.filter(
            Q(organisation__name__icontains=word)
            | Q(organisation__areas__name__icontains=word)
            | Q(role__icontains=word)
        )
    ids = points.values("pk")
    return list(
        ContactPoint.objects.filter(pk__in=ids)
        .select_related("organisation", "person")
        .prefetch_related("organisation__areas")
        .order_by("organisation__name", "pk")
    )
