"""Guidance of re-integration and internship volunteers (report 4.6, recommendation 4): the
guide logs sessions, the organisation sees the hours it spends."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from meedoen.engagements.models import GuidanceSession, HoursEntry
from meedoen.engagements.services import EngagementError, is_coordinator_of
from meedoen.volunteers.models import Enrolment


def may_guide(user, enrolment: Enrolment) -> bool:
    """The volunteer's named guide, a coordinator of their organisation, or a guide of that
    same organisation (for its re-integration and internship volunteers only)."""
    if user is None or not user.is_authenticated:
        return False
    return (
        enrolment.guide_id == user.pk
        or is_coordinator_of(user, enrolment.organisation_id)
        or Enrolment.objects.guided_by(user).filter(pk=enrolment.pk).exists()
    )


@transaction.atomic
def log_session(enrolment_id, actor, *, on, hours: Decimal, topic: str) -> GuidanceSession:
    enrolment = Enrolment.objects.select_related("organisation").get(pk=enrolment_id)
    if not may_guide(actor, enrolment):
        raise EngagementError(
            _("Only a guide of the volunteer's organisation or a coordinator can log guidance.")
        )
    if not enrolment.sponsor_kind:
        raise EngagementError(
            _("Guidance hours are kept for re-integration and internship volunteers.")
        )
    if not topic.strip():
        raise EngagementError(_("Say in a few words what the session was about."))
    return GuidanceSession.objects.create(
        enrolment=enrolment, guide=actor, date=on, hours=hours, topic=topic.strip()
    )


def statement(enrolment: Enrolment) -> dict:
    """The figures of an hours statement: volunteer hours approved and guidance received."""
    worked = HoursEntry.objects.approved().filter(
        assignment__profile_id=enrolment.profile_id,
        assignment__organisation_id=enrolment.organisation_id,
    )
    sessions = list(enrolment.guidance_sessions.order_by("date"))
    return {
        "worked": worked.aggregate(total=Sum("hours"))["total"] or Decimal("0"),
        "first": worked.order_by("date").values_list("date", flat=True).first(),
        "last": worked.order_by("-date").values_list("date", flat=True).first(),
        "sessions": sessions,
        "guided": sum((s.hours for s in sessions), Decimal("0")),
    }


def organisation_overview(organisation_ids) -> list[dict]:
    """Guidance hours per volunteer, for the organisations' cost picture."""
    rows = (
        GuidanceSession.objects.filter(enrolment__organisation_id__in=organisation_ids)
        .values(
            "enrolment_id",
            "enrolment__profile__user__first_name",
            "enrolment__profile__user__last_name",
            "enrolment__sponsor_kind",
            "enrolment__organisation__name",
        )
        .annotate(total=Sum("hours"))
        .order_by("-total")
    )
    return list(rows)
