"""The life of a help request: an explicit table of transitions, checked in one place.

Pure: no database. The services apply a transition only after `check` has allowed it, and
record every transition with who, when and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meedoen.errors import DomainError

SUBMITTED = "submitted"
IN_INTAKE = "in_intake"
ROUTED = "routed"
RETURNED = "returned"
READY = "ready"
MATCHED = "matched"
ACTIVE = "active"
CLOSED = "closed"
REFERRED = "referred"
WITHDRAWN = "withdrawn"
DECLINED = "declined"

#: The request no longer waits for anything.
FINAL = frozenset({CLOSED, REFERRED, WITHDRAWN, DECLINED})
OPEN = frozenset({SUBMITTED, IN_INTAKE, ROUTED, RETURNED, READY, MATCHED, ACTIVE})

# Who may act: the person who asked (or the referring professional), the coordinator of the
# handling organisation, the coordinator of the central desk of its network, or the system.
REQUESTER = "requester"
HANDLER = "handler"
DESK = "desk"
SYSTEM = "system"


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    reason_required: bool
    label: Promise


def _t(
    name: str,
    sources: Iterable[str],
    target: str,
    actors: Iterable[str],
    reason_required: bool,
    label: Promise,
) -> Transition:
    return Transition(name, frozenset(sources), target, frozenset(actors), reason_required, label)


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t(
            "start_intake",
            {SUBMITTED, RETURNED},
            IN_INTAKE,
            {HANDLER, DESK},
            False,
            _("Start intake"),
        ),
        _t(
            "route",
            {SUBMITTED, IN_INTAKE, RETURNED},
            ROUTED,
            {DESK},
            False,
            _("Route to a member organisation"),
        ),
        _t("accept", {ROUTED}, IN_INTAKE, {HANDLER}, False, _("Accept and start intake")),
        _t("return", {ROUTED}, RETURNED, {HANDLER}, True, _("Return to the central desk")),
        _t("ready", {IN_INTAKE}, READY, {HANDLER}, False, _("Ready for matching")),
        _t("back_to_intake", {READY}, IN_INTAKE, {HANDLER}, True, _("Back to intake")),
        _t(
            "refer",
            {SUBMITTED, IN_INTAKE},
            REFERRED,
            {HANDLER},
            True,
            _("Refer entirely to a professional"),
        ),
        _t(
            "decline",
            {SUBMITTED, IN_INTAKE, RETURNED},
            DECLINED,
            {HANDLER, DESK},
            True,
            _("Decline"),
        ),
        _t(
            "withdraw",
            {SUBMITTED, IN_INTAKE, ROUTED, RETURNED, READY, MATCHED},
            WITHDRAWN,
            {REQUESTER, HANDLER},
            False,
            _("Withdraw"),
        ),
        _t("match", {READY}, MATCHED, {HANDLER, SYSTEM}, False, _("Volunteer matched")),
        _t("unmatch", {MATCHED}, READY, {HANDLER, SYSTEM}, True, _("Match fell through")),
        _t("start", {MATCHED}, ACTIVE, {HANDLER, SYSTEM}, False, _("Support started")),
        _t("close", {MATCHED, ACTIVE}, CLOSED, {HANDLER}, True, _("Close")),
    ]
}


class TransitionError(DomainError):
    """A transition that is not allowed; the message says why, for the person who tried."""


def check(name: str, status: str, actors: Iterable[str], reason: str = "") -> Transition:
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionError(_("There is no step called “%(name)s”.") % {"name": name})
    if status not in transition.sources:
        raise TransitionError(
            _("“%(step)s” is not possible while the request is %(status)s.")
            % {"step": transition.label, "status": STATUS_LABELS.get(status, status)}
        )
    if not transition.actors & set(actors):
        raise TransitionError(
            _("You may not take the step “%(step)s”.") % {"step": transition.label}
        )
    if transition.reason_required and not reason.strip():
        raise TransitionError(
            _("“%(step)s” needs a reason, so that everyone involved knows why.")
            % {"step": transition.label}
        )
    return transition


def available(status: str, actors: Iterable[str]) -> list[Transition]:
    """The steps these actors may take from this status, in table order."""
    actors = set(actors)
    return [t for t in TRANSITIONS.values() if status in t.sources and t.actors & actors]


STATUS_LABELS: dict[str, Promise] = {
    SUBMITTED: _("submitted"),
    IN_INTAKE: _("in intake"),
    ROUTED: _("routed to a member organisation"),
    RETURNED: _("returned to the desk"),
    READY: _("ready for matching"),
    MATCHED: _("matched"),
    ACTIVE: _("active"),
    CLOSED: _("closed"),
    REFERRED: _("referred to a professional"),
    WITHDRAWN: _("withdrawn"),
    DECLINED: _("declined"),
}

#: What the status means, in plain words for the person who asked (B1 level).
PLAIN_STATUS: dict[str, Promise] = {
    SUBMITTED: _("We have received your question. A coordinator will contact you soon."),
    IN_INTAKE: _("A coordinator is looking at your question and will contact you."),
    ROUTED: _("Your question has been passed on to an organisation near you."),
    RETURNED: _("We are looking for the right organisation for your question."),
    READY: _("We are looking for a volunteer who fits."),
    MATCHED: _("We have found a volunteer. You will hear from us about the first meeting."),
    ACTIVE: _("A volunteer is helping you."),
    CLOSED: _("The help has ended."),
    REFERRED: _("Your question has been passed on to a professional organisation."),
    WITHDRAWN: _("You have withdrawn this question."),
    DECLINED: _("We cannot help with this question. The coordinator has told you why."),
}


def readiness_problems(
    *,
    has_activities: bool,
    closed_activities: list[str],
    self_reliance: int | None,
    has_responsible_professional: bool,
) -> list[str]:
    """Why a request cannot be ready for matching yet (an empty list: it can)."""
    problems: list[str] = []
    if not has_activities:
        problems.append(str(_("Choose at least one activity a volunteer may do.")))
    if closed_activities:
        problems.append(
            str(
                _(
                    "These activities are not volunteer work under the organisation's policy: "
                    "%(activities)s. Split them off and refer them to a professional first."
                )
                % {"activities": ", ".join(closed_activities)}
            )
        )
    if self_reliance is None:
        problems.append(str(_("Assess the person's self-reliance (1 to 5) first.")))
    elif self_reliance <= 2 and not has_responsible_professional:
        problems.append(
            str(
                _(
                    "Self-reliance is %(level)s: link a responsible professional before a "
                    "volunteer can be matched."
                )
                % {"level": self_reliance}
            )
        )
    return problems


#: No request in Meedoen came in before this day: an earlier date is a typing error.
EARLIEST_RECEIVED = date(2000, 1, 1)


def received_on_problem(day: date, today: date) -> str | None:
    """Why a request cannot have come in on `day` (None: it can): not in the future, and
    not before 2000."""
    if day > today:
        return str(_("The date the request came in cannot be in the future."))
    if day < EARLIEST_RECEIVED:
        return str(
            _("The date the request came in cannot be before %(day)s.") % {"day": "1-1-2000"}
        )
    return None
