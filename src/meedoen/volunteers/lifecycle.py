"""A volunteer's life at an organisation, and the checks around it. Pure: no database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _

from meedoen.errors import DomainError

APPLICANT = "applicant"
INTAKE_PLANNED = "intake_planned"
ACTIVE = "active"
PAUSED = "paused"
STOPPED = "stopped"

#: Allowed status changes: from -> the statuses it may go to.
TRANSITIONS: dict[str, frozenset[str]] = {
    APPLICANT: frozenset({INTAKE_PLANNED, ACTIVE, STOPPED}),
    INTAKE_PLANNED: frozenset({ACTIVE, APPLICANT, STOPPED}),
    ACTIVE: frozenset({PAUSED, STOPPED}),
    PAUSED: frozenset({ACTIVE, STOPPED}),
    STOPPED: frozenset({APPLICANT}),
}

#: Volunteer types that come with a sponsor, required hours and a named guide (report 4.6).
GUIDED_TYPES = frozenset({"reintegration", "internship"})


class LifecycleError(DomainError):
    """A change that is not allowed; the message is for the coordinator."""


def check_change(current: str, target: str, reason: str) -> None:
    if target == current:
        raise LifecycleError(_("The volunteer already has this status."))
    if target not in TRANSITIONS.get(current, frozenset()):
        raise LifecycleError(
            _("A volunteer cannot go from “%(current)s” to “%(target)s”.")
            % {"current": STATUS_NAMES[current](), "target": STATUS_NAMES[target]()}
        )
    if not reason.strip():
        raise LifecycleError(_("Give a reason for the change, for the history."))


def activation_problems(*, volunteer_type: str, has_guide: bool) -> list[str]:
    """Why a volunteer cannot become active yet (empty: they can)."""
    if volunteer_type in GUIDED_TYPES and not has_guide:
        return [
            _(
                "Re-integration and internship volunteers need a named guide before they "
                "start. Choose a guide first."
            )
        ]
    return []


def vog_status(issued_on: date | None, today: date, renewal_years: int) -> str:
    """'missing', 'valid', or 'expired' (older than the organisation's renewal period)."""
    if issued_on is None:
        return "missing"
    try:
        renew_on = issued_on.replace(year=issued_on.year + renewal_years)
    except ValueError:  # 29 February
        renew_on = issued_on.replace(year=issued_on.year + renewal_years, day=28)
    return "expired" if today >= renew_on else "valid"


def review_due(reviewed_at: datetime, now: datetime, months: int) -> bool:
    """Motives shift: ask again when the last confirmation is older than the period."""
    return now - reviewed_at >= timedelta(days=round(months * 30.44))


STATUS_NAMES = {
    APPLICANT: lambda: _("applicant"),
    INTAKE_PLANNED: lambda: _("intake planned"),
    ACTIVE: lambda: _("active"),
    PAUSED: lambda: _("paused"),
    STOPPED: lambda: _("stopped"),
}
