"""Everything an organisation received to take on, in one inbox: the parts of requests split
off to it as formal care (requests' referrals), the handovers from volunteers to its
professionals (engagements), and the requests a central desk routed to it. It lives here,
above requests, because it reads both apps; each item is answered on its own page (accept,
naming who takes responsibility, or return with a reason the sender sees)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from meedoen.accounts.audit import record_reads
from meedoen.engagements.models import Handover
from meedoen.organisations.models import Membership
from meedoen.permissions import Role, role_required
from meedoen.requests import selectors as request_selectors
from meedoen.requests import services as request_services
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest, ProfessionalReferral


def received_by(user) -> dict[str, list]:
    """What this person's organisations received: `referrals` (split off a request),
    `handovers` (to its professionals) and `routed` (by a central desk to an organisation
    they coordinate), newest first, at most 100 of each; nothing for anyone else."""
    referrals = list(
        ProfessionalReferral.objects.received_by(user)
        .select_related("help_request__organisation", "organisation", "responsible_professional")
        .prefetch_related("activities")
        .order_by("-created_at")[:100]
    )
    receiving = user.organisation_ids(Membership.Role.COORDINATOR, Membership.Role.PROFESSIONAL)
    handovers = list(
        Handover.objects.handled_by(user)
        .filter(to_organisation_id__in=receiving)
        .select_related("from_organisation", "to_organisation", "help_request")
        .order_by("-created_at")[:100]
    )
    routed = list(
        request_selectors.handled_by(user)
        .filter(
            status=workflow.ROUTED,
            organisation_id__in=user.coordinated_organisation_ids(with_network=False),
        )
        .select_related("organisation", "area")
        .prefetch_related("activities")
        .order_by("-created_at")[:100]
    )
    return {"referrals": referrals, "handovers": handovers, "routed": routed}


def request_ids(found: dict[str, list]) -> list[int]:
    """The help requests the items name: each read is recorded."""
    return (
        [r.help_request_id for r in found["referrals"]]
        + [h.help_request_id for h in found["handovers"]]
        + [r.pk for r in found["routed"]]
    )


@role_required(Role.COORDINATOR, Role.PROFESSIONAL)
def received(request):
    found = received_by(request.user)
    referrals, handovers = found["referrals"], found["handovers"]
    for referral in referrals:
        if referral.is_waiting:
            referral.due = request_services.referral_due(referral)
    record_reads(request, HelpRequest, request_ids(found))
    return render(
        request,
        "engagements/received.html",
        {
            "referrals_waiting": [r for r in referrals if r.is_waiting],
            "referrals_answered": [r for r in referrals if not r.is_waiting][:50],
            "handovers_waiting": [h for h in handovers if h.status == Handover.Status.OFFERED],
            "handovers_answered": [h for h in handovers if h.status != Handover.Status.OFFERED][
                :50
            ],
            "routed": found["routed"],
            "now": timezone.now(),
        },
    )
