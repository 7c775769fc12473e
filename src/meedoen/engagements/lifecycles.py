"""The lifecycles of engagement: assignments, hours, concerns and handovers, each a table.

Pure: no database. The services check every step here before they apply it, and record it
with who and when (a concern keeps a full history, with the reason); the pages offer the
steps the table allows the person looking.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from meedoen.transitions import Lifecycle, step

# Who may act. The services decide who someone is for one object.
COORDINATOR = "coordinator"  # a coordinator of the organisation (or an administrator)
VOLUNTEER = "volunteer"  # the volunteer of the assignment
RESPONDER = "responder"  # someone a concern has reached at its level or below
RECEIVER = "receiver"  # the receiving side of a handover
SYSTEM = "system"  # Meedoen itself: a scheduled job, or the consequence of another step

# --- assignments ------------------------------------------------------------------------

ACTIVE = "active"
ENDED = "ended"

ASSIGNMENT = Lifecycle.of(
    _("assignment"),
    {ACTIVE: _("active"), ENDED: _("ended")},
    starts={ACTIVE},
    final={ENDED},
    steps=[
        # The reason is why it ends; an accepted handover that ends it is the system's step.
        step(
            "end",
            {ACTIVE},
            ENDED,
            {COORDINATOR, SYSTEM},
            True,
            _("End the assignment"),
            refused=_("Only the coordinator can end an assignment."),
            reason_missing=_("Choose why the assignment ends."),
        ),
    ],
)

# --- hours ------------------------------------------------------------------------------

SUBMITTED = "submitted"
APPROVED = "approved"
QUERIED = "queried"

HOURS = Lifecycle.of(
    _("hours"),
    {
        SUBMITTED: _("waiting for approval"),
        APPROVED: _("approved"),
        QUERIED: _("question from the coordinator"),
    },
    starts={SUBMITTED},
    final={APPROVED},
    steps=[
        step(
            "approve",
            {SUBMITTED, QUERIED},
            APPROVED,
            {COORDINATOR},
            False,
            _("Approve"),
            refused=_("Only the coordinator can approve hours."),
        ),
        # The reason is the question for the volunteer.
        step(
            "query",
            {SUBMITTED, QUERIED},
            QUERIED,
            {COORDINATOR},
            True,
            _("Ask"),
            refused=_("Only the coordinator can ask about hours."),
            reason_missing=_("Write your question for the volunteer."),
        ),
        step(
            "correct",
            {QUERIED},
            SUBMITTED,
            {VOLUNTEER},
            False,
            _("Send again"),
            refused=_("These are not your hours."),
        ),
    ],
)

#: Hours the coordinator still has to look at (a question waits for the volunteer).
HOURS_WAITING = frozenset({SUBMITTED})

# --- concerns ---------------------------------------------------------------------------

OPEN = "open"
ACKNOWLEDGED = "acknowledged"
RESOLVED = "resolved"

CONCERN = Lifecycle.of(
    _("concern"),
    {
        OPEN: _("waiting for acknowledgement"),
        ACKNOWLEDGED: _("acknowledged"),
        RESOLVED: _("resolved"),
    },
    starts={OPEN},
    final={RESOLVED},
    steps=[
        # Not acknowledged in time: up one level, still open (see escalation.py).
        step("escalate", {OPEN}, OPEN, {SYSTEM}, False, _("escalated")),
        step(
            "acknowledge",
            {OPEN},
            ACKNOWLEDGED,
            {RESPONDER},
            False,
            _("Acknowledge"),
            refused=_("This concern has not been passed to you."),
        ),
        # Only what someone has acknowledged is resolved: the history then always shows who
        # took the concern on and when, before what was done. The reason is what was done.
        step(
            "resolve",
            {ACKNOWLEDGED},
            RESOLVED,
            {RESPONDER},
            True,
            _("Resolve"),
            refused=_("This concern has not been passed to you."),
            reason_missing=_(
                "Write what was done, and what the volunteer who reported it hears back."
            ),
        ),
    ],
)

#: What the status means for the volunteer who raised the concern.
CONCERN_PLAIN = {
    OPEN: _("Your concern has been passed on. You will hear what was done."),
    ACKNOWLEDGED: _("Someone is looking at your concern. You will hear what was done."),
    RESOLVED: _("Your concern has been dealt with"),
}

# --- handovers --------------------------------------------------------------------------

OFFERED = "offered"
ACCEPTED = "accepted"
DECLINED = "declined"

HANDOVER = Lifecycle.of(
    _("handover"),
    {OFFERED: _("waiting for the receiver"), ACCEPTED: _("accepted"), DECLINED: _("declined")},
    starts={OFFERED},
    final={ACCEPTED, DECLINED},
    steps=[
        step(
            "accept",
            {OFFERED},
            ACCEPTED,
            {RECEIVER},
            False,
            _("Accept the handover"),
            refused=_("This handover is for another organisation."),
        ),
        step(
            "decline",
            {OFFERED},
            DECLINED,
            {RECEIVER},
            True,
            _("Decline"),
            refused=_("This handover is for another organisation."),
            reason_missing=_("Say why you cannot take this over, so that others can act."),
        ),
    ],
)
