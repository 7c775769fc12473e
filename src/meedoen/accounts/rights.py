"""The account's part of the rights of the person: its export, its correction, its erasure,
and the one service that erases a person in every app (through `meedoen.personal_data`)."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedoen import notify, personal_data
from meedoen.accounts import audit
from meedoen.accounts.models import ApiToken, User
from meedoen.errors import DomainError
from meedoen.organisations.models import Membership, MunicipalityMembership
from meedoen.permissions import Role, ordered

LABELS = {
    "username": gettext_lazy("user name"),
    "first_name": gettext_lazy("first name"),
    "last_name": gettext_lazy("last name"),
    "email": gettext_lazy("e-mail"),
    "phone": gettext_lazy("telephone"),
    "municipality": gettext_lazy("municipality"),
    "roles": gettext_lazy("roles"),
    "joined": gettext_lazy("account made on"),
    "last_login": gettext_lazy("last signed in"),
    "memberships": gettext_lazy("memberships"),
    "organisation": gettext_lazy("organisation"),
    "role": gettext_lazy("role"),
    "active": gettext_lazy("active"),
    "since": gettext_lazy("since"),
    "api_tokens": gettext_lazy("API tokens"),
    "name": gettext_lazy("name"),
    "created": gettext_lazy("made on"),
    "expires": gettext_lazy("valid until"),
    "revoked": gettext_lazy("revoked on"),
    "last_used": gettext_lazy("last used"),
    "account": gettext_lazy("account"),
}


class RightsError(DomainError):
    pass


def export(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": user.phone,
        "municipality": str(user.municipality) if user.municipality_id else "",
        "roles": [str(Role(role).label) for role in ordered(user.roles)],
        "joined": user.date_joined,
        "last_login": user.last_login,
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "role": membership.get_role_display(),
                "active": membership.is_active,
                "since": membership.since,
            }
            for membership in Membership.objects.filter(user=user).select_related("organisation")
        ]
        + [
            {
                "organisation": membership.municipality.name,
                "role": membership.get_role_display(),
                "active": membership.is_active,
                "since": membership.since,
            }
            for membership in MunicipalityMembership.objects.filter(user=user).select_related(
                "municipality"
            )
        ],
        "api_tokens": [
            {
                "name": token.name,
                "created": token.created_at,
                "expires": token.expires_at,
                "revoked": token.revoked_at,
                "last_used": token.last_used_at,
            }
            for token in ApiToken.objects.filter(user=user)
        ],
    }


def _sessions_of(user: User) -> list[str]:
    keys = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            keys.append(session.session_key)
    return keys


def erase(user: User) -> None:
    """The account itself: deactivated and stripped of everything that names the person."""
    notify.forget([user.email])
    ApiToken.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    Session.objects.filter(session_key__in=_sessions_of(user)).delete()
    names = [name for name in (user.username, user.email) if name]
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__in=names).delete()
    Membership.objects.filter(user=user).update(is_active=False)
    MunicipalityMembership.objects.filter(user=user).update(is_active=False)
    user.username = f"erased-{user.pk}"
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    audit.forget_about(User, [user.pk])
    audit.forget_about(
        Membership, Membership.objects.filter(user=user).values_list("pk", flat=True)
    )
    audit.forget_actor(user)


def last_active(user: User):
    return user.last_login or user.date_joined


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="account",
            title=gettext_lazy("Account"),
            order=0,
            export=export,
            erase=erase,
            labels=LABELS,
            last_active=last_active,
        )
    )


# --- services the pages call ------------------------------------------------------------


def correct(
    user_id: int, *, first_name: str, last_name: str, email: str, phone: str | None = None
) -> User:
    """The person corrects their own name, e-mail address and (when given) telephone."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if not user.is_active:
            raise RightsError(_("This account has been erased."))
        user.first_name, user.last_name, user.email = first_name, last_name, email
        fields = ["first_name", "last_name", "email"]
        if phone is not None:
            user.phone = phone
            fields.append("phone")
        user.save(update_fields=fields)
    return user


def erase_person(user_id: int, actor) -> None:
    """Erase a person in every app, in one transaction (refused while they have open work).
    `actor` is who asked: the person or a coordinator on their behalf."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if user.is_erased:
            raise RightsError(_("This account has already been erased."))
        if user.is_superuser:
            raise RightsError(
                _("An administrator's account is not erased here: another administrator ends it.")
            )
        personal_data.erase(user)
        audit.record_erasure(user)
