"""Matching's part of the rights of the person (`meedoen.personal_data`): the proposals a
volunteer received or offered, with the reasons they gave. Erasure clears the reasons and
withdraws the proposals still waiting for an answer."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen import personal_data
from meedoen.matching.models import MatchProposal
from meedoen.requests.models import RequestTransition

LABELS = {
    "proposals": _("Proposals"),
    "area": _("area"),
    "activities": _("activities"),
    "status": _("status"),
    "reason": _("reason"),
    "at": _("at"),
    "answered_at": _("answered at"),
}

WAITING = (MatchProposal.Status.OFFERED, MatchProposal.Status.PROPOSED)


def _proposals(user):
    return MatchProposal.objects.filter(profile__user=user)


def export(user) -> dict[str, Any]:
    return {
        "proposals": [
            {
                "area": proposal.help_request.area.name if proposal.help_request.area_id else "",
                "activities": sorted(a.name for a in proposal.help_request.activities.all()),
                "status": proposal.get_status_display(),
                "reason": proposal.reason,
                "at": proposal.created_at,
                "answered_at": proposal.answered_at,
            }
            for proposal in _proposals(user)
            .select_related("help_request__area")
            .prefetch_related("help_request__activities")
            .order_by("created_at")
        ]
    }


def erase(user) -> None:
    proposals = _proposals(user)
    proposals.filter(status__in=WAITING).update(
        status=MatchProposal.Status.WITHDRAWN, answered_at=timezone.now()
    )
    proposals.update(reason="")
    if user.first_name:
        # Before history stopped naming people, the request's step to "matched" named who
        # said yes.
        RequestTransition.objects.filter(
            name="match",
            help_request__proposals__profile__user=user,
            reason__contains=user.first_name,
        ).update(reason="")


def last_active(user):
    return _proposals(user).aggregate(at=Max("answered_at"))["at"]


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="matching",
            title=_("Matching"),
            order=20,
            export=export,
            erase=erase,
            labels=LABELS,
            last_active=last_active,
        )
    )
