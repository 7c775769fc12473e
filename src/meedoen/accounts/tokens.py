"""API tokens: made for a named purpose, shown once, kept only as a digest, ending by
themselves.

A staff member (professional, coordinator, policy officer, administrator) gets a token only
once they have confirmed two-factor authentication where Meedoen requires it: the token stands
in for a signed-in, verified session. A token ends when it expires (90 days by default), when
it is revoked, and when its owner's password changes or the account is deactivated.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework import authentication, exceptions

from meedoen.accounts.models import ApiToken, User
from meedoen.durability import without_waiting_for_the_disk
from meedoen.errors import DomainError

LIFETIME_DAYS = 90
#: How often the moment of last use is written (not on every call).
LAST_USED_EVERY = timedelta(hours=1)


class TokenRefused(DomainError):
    pass


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user: User, name: str, *, days: int = LIFETIME_DAYS) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its key, which is not kept anywhere."""
    if not user.is_active:
        raise TokenRefused(_("This account is not active."))
    if (
        settings.TWO_FACTOR_REQUIRED
        and user.is_staff_role
        and not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    ):
        raise TokenRefused(
            _("Set up two-factor authentication first: a token stands in for a verified sign-in.")
        )
    if not 1 <= days <= 366:
        raise TokenRefused(_("A token is valid for 1 to 366 days."))
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or "API",
        prefix=key[:8],
        digest=_digest(key),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, key


def revoke(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def valid(key: str) -> ApiToken | None:
    """The token this key opens, if it is still valid."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(key), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        with without_waiting_for_the_disk():  # a lost moment of use harms nobody
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>` with a key from `issue` (DRF parses the header)."""

    def authenticate_credentials(self, key):
        token = valid(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        return (token.user, token)


def _end_tokens_on_new_password(sender, instance: User, **kwargs) -> None:
    """A changed password or a deactivated account ends the account's tokens."""
    fields = kwargs.get("update_fields")
    if instance.pk is None or (fields is not None and not {"password", "is_active"} & set(fields)):
        return  # a new account, or a save of other fields (last_login at every sign-in)
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before and (
        before["password"] != instance.password or before["is_active"] > instance.is_active
    ):
        ApiToken.objects.filter(user_id=instance.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def connect() -> None:
    pre_save.connect(_end_tokens_on_new_password, sender=User, dispatch_uid="end-tokens")
