"""The demo's past. The services record everything at the moment it happens, so the demo,
made in a few seconds, moves the moments back afterwards: only when something was created or
happened, never what it is (a status, a decision or who took it)."""

from __future__ import annotations

from datetime import datetime, timedelta

from meedoen.engagements.models import Concern, ConcernEvent
from meedoen.matching.models import MatchProposal
from meedoen.requests.models import HelpRequest, RequestTransition
from meedoen.volunteers.models import Application, Enrolment, VolunteerProfile


def applied(application: Application, at: datetime) -> None:
    Application.objects.filter(pk=application.pk).update(created_at=at)
    VolunteerProfile.objects.filter(pk=application.profile_id).update(created_at=at)


def enrolled(application: Application, enrolment: Enrolment, at: datetime) -> None:
    """Signed up and responded at `at`; the coordinator's steps followed over a few days."""
    applied(application, at)
    Application.objects.filter(pk=application.pk, decided_at__isnull=False).update(
        decided_at=at + timedelta(days=3)
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(
        created_at=at, status_changed_at=at + timedelta(days=7)
    )
    for step, change in enumerate(enrolment.status_changes.order_by("pk")):
        type(change).objects.filter(pk=change.pk).update(created_at=at + timedelta(days=step * 7))


def reviewed(profile: VolunteerProfile, at: datetime) -> None:
    """When the volunteer last confirmed motives and availability."""
    VolunteerProfile.objects.filter(pk=profile.pk).update(reviewed_at=at)


def request_history(help_request: HelpRequest, created: datetime, until: datetime) -> datetime:
    """Asked at `created`; its steps spread evenly up to `until`. Returns the last moment."""
    steps = list(help_request.transitions.order_by("pk").values_list("pk", flat=True))
    gap = (until - created) / max(len(steps), 1)
    at = created
    for position, pk in enumerate(steps):
        at = created + gap * position
        RequestTransition.objects.filter(pk=pk).update(created_at=at)
    HelpRequest.objects.filter(pk=help_request.pk).update(
        created_at=created, received_at=created, consent_given_at=created, status_changed_at=at
    )
    MatchProposal.objects.filter(help_request=help_request).update(
        created_at=at - gap, answered_at=at - gap / 2, expires_at=at + timedelta(days=3) - gap
    )
    return at


def concern_raised(concern: Concern, ago: timedelta) -> Concern:
    """A concern raised `ago`: its deadline moves with it (it counts from the raising)."""
    Concern.objects.filter(pk=concern.pk).update(
        created_at=concern.created_at - ago, answer_by=concern.answer_by - ago
    )
    ConcernEvent.objects.filter(concern=concern).update(at=concern.created_at - ago)
    concern.refresh_from_db()
    return concern


def concern_steps(concern: Concern, raised_ago: timedelta) -> None:
    """A concern dealt with in the past: raised `raised_ago`, each next step a day later."""
    events = list(concern.events.order_by("pk"))
    start = concern.created_at - raised_ago
    for position, event in enumerate(events):
        ConcernEvent.objects.filter(pk=event.pk).update(at=start + timedelta(days=position))
    Concern.objects.filter(pk=concern.pk).update(
        created_at=start,
        answer_by=concern.answer_by - raised_ago,
        acknowledged_at=start + timedelta(days=1) if concern.acknowledged_at else None,
        resolved_at=start + timedelta(days=2) if concern.resolved_at else None,
    )
