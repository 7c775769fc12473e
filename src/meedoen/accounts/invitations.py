"""Invitations: how people come into a role in an organisation without the administrator.

A policy officer invites the first manager or coordinator of an organisation of their
municipality; an organisation's manager or coordinator invites coordinators, professionals
and guides (who coach its re-integration and internship volunteers) of their own
organisation. The invitation is a single-use link sent by e-mail: only a digest of its token
is kept (as for API tokens), it expires after `LIFETIME_DAYS`, and
whoever may invite into it may withdraw it. Accepting it gives exactly the membership it
names (organisation and role), to a signed-in account with the invited address or to a new
account made on the spot. Each inviter sends at most `limits.INVITATIONS` an hour. Someone
who already has an account with the address also finds the invitation among their
notifications (its link then sits there too: it works only for that signed-in account) and
gets the e-mail as they chose for invitations.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from meedoen import limits, notation, notify
from meedoen.accounts.models import Invitation, User
from meedoen.errors import DomainError
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_person
from meedoen.organisations.models import Membership, Organisation
from meedoen.permissions import is_admin

LIFETIME_DAYS = 14

Roles = Membership.Role
#: The roles a policy officer invites into an organisation of their municipality.
BY_MUNICIPALITY = frozenset({Roles.MANAGER, Roles.COORDINATOR})
#: The roles an organisation's manager or coordinator invites into their own organisation.
BY_ORGANISATION = frozenset({Roles.COORDINATOR, Roles.PROFESSIONAL, Roles.GUIDE})


class InvitationRefused(DomainError):
    pass


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def roles_to_invite(user: Any, organisation: Organisation) -> list[str]:
    """The roles this person may invite into `organisation` (none: not theirs)."""
    if user is None or not user.is_authenticated:
        return []
    roles: set[str] = set()
    if is_admin(user):
        roles |= BY_MUNICIPALITY | BY_ORGANISATION
    if organisation.municipality_id in user.policy_municipality_ids():
        roles |= BY_MUNICIPALITY
    if organisation.pk in user.organisation_ids(Roles.COORDINATOR, Roles.MANAGER):
        roles |= BY_ORGANISATION
    return [str(role) for role in Roles if role in roles]


def may_invite(user: Any, organisation: Organisation, role: str) -> bool:
    return role in roles_to_invite(user, organisation)


def invite(
    by: User,
    organisation: Organisation,
    role: str,
    email: str,
    *,
    link_for: Callable[[str], str],
    language: str = "nl",
) -> tuple[Invitation, str]:
    """Invite `email` into `role` at `organisation`; the mail with the link (`link_for(token)`)
    is queued with the invitation. Returns the invitation and its token (kept nowhere)."""
    if not may_invite(by, organisation, role):
        raise InvitationRefused(_("You cannot invite anyone into this role here."))
    if not limits.attempt(limits.INVITATIONS, f"user:{by.pk}"):
        raise InvitationRefused(
            _("You have sent many invitations in a short time. Try again in an hour.")
        )
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organisation=organisation,
            role=role,
            email=email.strip(),
            language=language,
            digest=_digest(token),
            invited_by=by,
            expires_at=timezone.now() + timedelta(days=LIFETIME_DAYS),
        )

        def mail() -> tuple[str, str]:
            subject = str(_("Invitation to Meedoen"))
            body = str(
                _(
                    "%(inviter)s invites you to work in Meedoen as %(role)s of "
                    "%(organisation)s.\n\n"
                    "Open this link to accept the invitation. It works once, until %(until)s:\n"
                    "%(link)s\n\n"
                    "Did you not expect this invitation? Then you can ignore this message."
                )
                % {
                    "inviter": by.get_full_name() or by.username,
                    "role": invitation.get_role_display(),
                    "organisation": organisation.name,
                    "until": notation.day(invitation.expires_at),
                    "link": link_for(token),
                }
            )
            return subject, body

        account = existing_account(invitation)
        if account is None:  # a new person: the e-mail is all they can get
            with translation.override(language):
                subject, body = mail()
            notify.send([invitation.email], subject, body, language=language)
        else:
            # Someone with an account finds it among their notifications too, and gets the
            # e-mail as they chose for invitations. The link works only for this account.
            notify_person(
                [account],
                Kind.INVITATION,
                lambda: (
                    _("You are invited to work in Meedoen as %(role)s of %(organisation)s.")
                    % {"role": invitation.get_role_display(), "organisation": organisation.name}
                ),
                reverse("accounts:invitation", args=[token]),
                mail=mail,
            )
    return invitation, token


def withdraw(by: User, invitation: Invitation) -> None:
    if not may_invite(by, invitation.organisation, invitation.role):
        raise InvitationRefused(_("You cannot withdraw this invitation."))
    if invitation.accepted_at is None and invitation.withdrawn_at is None:
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])


def find(token: str) -> Invitation | None:
    """The invitation this token belongs to, whatever its state (None: no such link)."""
    if not token:
        return None
    return Invitation.objects.select_related("organisation").filter(digest=_digest(token)).first()


def existing_account(invitation: Invitation) -> User | None:
    """The active account that already has the invited address, if any."""
    return User.objects.filter(email__iexact=invitation.email, is_active=True).first()


def _claim(token: str) -> Invitation:
    """The invitation of `token`, locked and still open; else refused (used, withdrawn,
    expired or unknown)."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organisation")
        .filter(digest=_digest(token))
        .first()
    )
    if invitation is None:
        raise InvitationRefused(_("This invitation link does not work."))
    if invitation.accepted_at is not None:
        raise InvitationRefused(_("This invitation has already been used."))
    if invitation.withdrawn_at is not None:
        raise InvitationRefused(_("This invitation has been withdrawn."))
    if invitation.expires_at <= timezone.now():
        raise InvitationRefused(_("This invitation has expired."))
    return invitation


def _join(invitation: Invitation, user: User) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    if not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    user.__dict__.pop("_roles", None)
    user.__dict__.pop("_membership_rows", None)
    return membership


@transaction.atomic
def accept(token: str, user: User) -> Membership:
    """A signed-in person accepts: only the account with the invited address."""
    invitation = _claim(token)
    if (user.email or "").strip().lower() != invitation.email.strip().lower():
        raise InvitationRefused(
            _("This invitation is for another e-mail address. Sign out and open the link again.")
        )
    return _join(invitation, user)


@transaction.atomic
def accept_new(
    token: str, *, username: str, password: str, first_name: str = "", last_name: str = ""
) -> tuple[User, Membership]:
    """A new person accepts: an account with the invited address, the chosen username and
    password, in the organisation's municipality."""
    invitation = _claim(token)
    if existing_account(invitation) is not None:
        raise InvitationRefused(_("This e-mail address has an account. Sign in to accept."))
    if User.objects.filter(username__iexact=username).exists():
        raise InvitationRefused(_("This username is taken. Choose another."))
    user = User(
        username=username,
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
        municipality_id=invitation.organisation.municipality_id,
    )
    user.set_password(password)
    user.save()
    return user, _join(invitation, user)
