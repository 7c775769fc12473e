"""Every write of engagements, each in one transaction, side effects on commit."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from meedoen.transitions import Lifecycle, Step, TransitionError


class EngagementError(Exception):
    """Not possible; the message is for the person who tried, in their language."""


def take(lifecycle: Lifecycle, name: str, status: str, actors, reason: str = "") -> Step:
    """The step, if its table allows it for these actors; otherwise refused with the reason."""
    try:
        return lifecycle.check(name, status, actors, reason)
    except TransitionError as exc:
        raise EngagementError(str(exc)) from exc


def tell_later(recipients, subject, body, language: str | None = None) -> None:
    """Send an e-mail once the transaction has committed (never for a rolled-back write)."""
    emails = sorted({r for r in recipients if r})
    if not emails:
        return

    def send():
        with translation.override(language or translation.get_language()):
            send_mail(str(subject), str(body), None, emails)

    transaction.on_commit(send)


def is_coordinator_of(user, organisation_id) -> bool:
    from meedoen.scoping import is_admin

    if user is None or not user.is_authenticated:
        return False
    return is_admin(user) or (
        user.role == "coordinator" and organisation_id in user.organisation_ids("coordinator")
    )
