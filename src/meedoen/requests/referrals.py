"""The life of a referral to a professional organisation: received, then accepted or returned.

Pure: no database. The organisation that receives a referral (a coordinator or a professional
of it) accepts it, naming the professional who takes responsibility, or returns it with a
reason; the services check a step against this table before they apply it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from meedoen.transitions import Lifecycle, TransitionError, step

__all__ = ["REFERRAL", "TransitionError"]

WAITING = "waiting"
ACCEPTED = "accepted"
RETURNED = "returned"

#: Who may act: a coordinator or professional of the receiving organisation.
RECEIVER = "receiver"

STATUSES = {
    WAITING: _("waiting for an answer"),
    ACCEPTED: _("accepted"),
    RETURNED: _("returned"),
}

REFERRAL = Lifecycle.of(
    _("referral"),
    STATUSES,
    starts={WAITING},
    final={ACCEPTED, RETURNED},
    steps=[
        step(
            "accept",
            {WAITING},
            ACCEPTED,
            {RECEIVER},
            False,
            _("Accept"),
            refused=_(
                "Only a coordinator or professional of the receiving organisation can "
                "answer this referral."
            ),
        ),
        step(
            "return",
            {WAITING},
            RETURNED,
            {RECEIVER},
            True,
            _("Return"),
            refused=_(
                "Only a coordinator or professional of the receiving organisation can "
                "answer this referral."
            ),
            reason_missing=_("Say why you return the referral, so that the sender knows."),
        ),
    ],
)

#: What the answer means, in plain words for the person who asked (B1 level).
PLAIN = {
    WAITING: _("%(organisation)s has not answered yet. They will contact you."),
    ACCEPTED: _("%(organisation)s has accepted this part of your question. They will contact you."),
    RETURNED: _(
        "%(organisation)s cannot help with this part of your question. The coordinator "
        "will look for another way with you."
    ),
}
