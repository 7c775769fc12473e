"""Who may do what: the roles a person holds, the check on every page, the one scoping shape.

A role belongs to a person's place in an organisation or a municipality, not to the person:
the account (``accounts.User.roles``) derives its roles from memberships, municipal
appointments, a volunteer profile and the requests it made. One person may hold several
roles; each role sees only what belongs to it (a coordinator of one organisation who
volunteers at another does not coordinate there).

This module is the kernel: it knows no app. It reads a user through three attributes every
account has: ``roles`` (a frozenset of `Role` values), ``is_superuser`` and
``coordinated_organisation_ids(with_network=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("citizen")
    CARER = "carer", _("informal carer")
    VOLUNTEER = "volunteer", _("volunteer")
    PROFESSIONAL = "professional", _("professional")
    COORDINATOR = "coordinator", _("coordinator")
    MANAGER = "manager", _("manager")
    GUIDE = "guide", _("guide")
    POLICY_OFFICER = "policy_officer", _("policy officer")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("data protection officer")
    ADMIN = "admin", _("administrator")


#: Roles that work with other people's files: they sign in with two factors.
STAFF_ROLES = frozenset(
    {
        Role.PROFESSIONAL,
        Role.COORDINATOR,
        Role.MANAGER,
        Role.GUIDE,
        Role.POLICY_OFFICER,
        Role.DATA_PROTECTION_OFFICER,
        Role.ADMIN,
    }
)

#: The order in which a person's roles are offered; the first is where they land.
ROLE_ORDER = (
    Role.COORDINATOR,
    Role.MANAGER,
    Role.PROFESSIONAL,
    Role.GUIDE,
    Role.POLICY_OFFICER,
    Role.DATA_PROTECTION_OFFICER,
    Role.VOLUNTEER,
    Role.CARER,
    Role.CITIZEN,
    Role.ADMIN,
)

SESSION_KEY = "meedoen_role"


def is_admin(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def holds(user: Any, *roles: str) -> bool:
    """Whether this person holds one of `roles` somewhere (administrators hold every role)."""
    if user is None or not user.is_authenticated:
        return False
    return is_admin(user) or bool(user.roles & set(roles))


def ordered(roles: Iterable[str]) -> list[str]:
    held = set(roles)
    return [role for role in ROLE_ORDER if role in held]


def current_role(request: Any) -> str | None:
    """The role a person is working in now: the one they chose, else their first."""
    user = request.user
    if not user.is_authenticated:
        return None
    roles = ordered(user.roles)
    chosen = request.session.get(SESSION_KEY)
    if chosen in roles:
        return str(chosen)
    return roles[0] if roles else None


def work_as(request: Any, role: str) -> None:
    """Remember the role a person is working in (the header's switch, a page of that role)."""
    if role in request.user.roles and request.session.get(SESSION_KEY) != role:
        request.session[SESSION_KEY] = str(role)


def role_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only people holding one of these roles (and administrators) may open the page; others
    get 403. The page then counts as worked in that role, so the menu follows it."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        @login_required
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if not holds(user, *roles):
                raise PermissionDenied
            if current_role(request) not in roles:
                for role in ordered(user.roles):
                    if role in roles:
                        work_as(request, role)
                        break
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def scope(
    queryset: models.QuerySet[Any],
    user: Any,
    *,
    own: dict[str, Callable[[Any], Q]] | None = None,
    organisations: Callable[[set[int]], Q] | None = None,
    with_network: bool = True,
) -> models.QuerySet[Any]:
    """The one shape of every `visible_to(user)`: deny by default.

    Nobody signed in sees nothing; administrators see everything. Everyone else sees the union
    of what each of their roles may see: for each role they hold in `own` ({role: user -> Q}),
    what that Q selects; as coordinator, what `organisations` (ids -> Q) selects for the
    organisations they coordinate (with the members of their central desk's network when
    `with_network`). A role the person does not hold adds nothing.
    """
    if user is None or not user.is_authenticated:
        return queryset.none()
    if is_admin(user):
        return queryset.all()
    condition = Q(pk__in=[])
    if own:  # the roles are read only when a role of one's own can add something
        held = user.roles
        for role, select in own.items():
            if role in held:
                condition |= select(user)
    if organisations is not None:
        organisation_ids = user.coordinated_organisation_ids(with_network=with_network)
        if organisation_ids:
            condition |= organisations(organisation_ids)
    return queryset.filter(condition)
