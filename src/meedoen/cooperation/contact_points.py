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
