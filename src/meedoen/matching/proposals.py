"""The life of a match proposal, as a table. Pure: no database.

A volunteer offers to help (offered) or a coordinator asks them (proposed). The volunteer
answers a proposal: yes, or no with a reason. Meedoen lets an unanswered proposal expire, and
withdraws the open ones for a request once a volunteer said yes (or an offer once the
coordinator asked that volunteer).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from meedoen.transitions import Lifecycle, step

VOLUNTEER = "volunteer"  # the volunteer the proposal is for
SYSTEM = "system"  # Meedoen itself: a scheduled job, or the consequence of another step

OFFERED = "offered"
PROPOSED = "proposed"
ACCEPTED = "accepted"
DECLINED = "declined"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"

PROPOSAL = Lifecycle.of(
    _("match proposal"),
    {
        OFFERED: _("offered by the volunteer"),
        PROPOSED: _("proposed to the volunteer"),
        ACCEPTED: _("accepted"),
        DECLINED: _("declined"),
        EXPIRED: _("expired"),
        WITHDRAWN: _("withdrawn"),
    },
    starts={OFFERED, PROPOSED},
    final={ACCEPTED, DECLINED, EXPIRED, WITHDRAWN},
    steps=[
        step(
            "accept",
            {PROPOSED},
            ACCEPTED,
            {VOLUNTEER},
            False,
            _("Yes, I will help"),
            refused=_("This proposal is for someone else."),
        ),
        # The reason helps the coordinator with the next match.
        step(
            "decline",
            {PROPOSED},
            DECLINED,
            {VOLUNTEER},
            True,
            _("No, not this time"),
            refused=_("This proposal is for someone else."),
            reason_missing=_("Tell the coordinator briefly why not; that helps the next match."),
        ),
        step("expire", {PROPOSED}, EXPIRED, {SYSTEM}, False, _("expired")),
        step("withdraw", {OFFERED, PROPOSED}, WITHDRAWN, {SYSTEM}, False, _("withdrawn")),
    ],
)

#: Proposals that still wait for something: one per volunteer and request at most.
OPEN = PROPOSAL.open
#: Proposals that wait for the volunteer's answer.
WAITING_FOR_VOLUNTEER = PROPOSAL.waiting_for({VOLUNTEER})
