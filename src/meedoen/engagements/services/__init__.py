"""Every write of engagements, each in one transaction, side effects on commit."""

from __future__ import annotations

from meedoen.errors import DomainError
from meedoen.notify import send_after_commit as tell_later
from meedoen.permissions import is_admin
from meedoen.transitions import Lifecycle, Step, TransitionError

__all__ = ["EngagementError", "is_coordinator_of", "take", "tell_later"]


class EngagementError(DomainError):
    """Not possible; the message is for the person who tried, in their language."""


def take(lifecycle: Lifecycle, name: str, status: str, actors, reason: str = "") -> Step:
    """The step, if its table allows it for these actors; otherwise refused with the reason."""
    try:
        return lifecycle.check(name, status, actors, reason)
    except TransitionError as exc:
        raise EngagementError(str(exc)) from exc


def is_coordinator_of(user, organisation_id) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return is_admin(user) or organisation_id in user.organisation_ids("coordinator")
