"""The volunteer's part of the rights of the person (`meedoen.personal_data`): the profile,
enrolments with their history, and applications. Erasure keeps the profile's area, activities
and type and the enrolments' statuses and dates (the figures count them) and clears the rest."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen import availability, personal_data
from meedoen.accounts import audit
from meedoen.i18n import language_name
from meedoen.volunteers.models import (
    Application,
    Enrolment,
    EnrolmentStatusChange,
    VolunteerProfile,
)

LABELS = {
    "volunteer_profile": _("Volunteer profile"),
    "area": _("home area"),
    "activities": _("would like to do"),
    "skills": _("skills"),
    "motives": _("motives"),
    "volunteer_type": _("volunteer type"),
    "availability": _("availability"),
    "hours_per_week": _("hours per week"),
    "max_hours_per_week": _("at most hours per week"),
    "travel_km": _("travel distance (km)"),
    "languages": _("languages"),
    "wants_to_grow": _("wants to grow"),
    "vog_issued_on": _("certificate of conduct (VOG) issued on"),
    "reviewed_at": _("motives and availability last confirmed"),
    "registered": _("registered at"),
    "enrolments": _("Organisations"),
    "organisation": _("organisation"),
    "status": _("status"),
    "since": _("since"),
    "intake_at": _("intake planned at"),
    "intake_note": _("intake note"),
    "paused_until": _("paused until"),
    "sponsor": _("sponsor"),
    "sponsor_name": _("name of the sponsor"),
    "required_hours": _("hours required by the sponsor"),
    "history": _("history"),
    "from": _("from"),
    "to": _("to"),
    "reason": _("reason"),
    "at": _("at"),
    "applications": _("Applications"),
    "vacancy": _("vacancy"),
    "message": _("message"),
    "answer": _("answer to the volunteer"),
    "applied_at": _("applied at"),
    "decided_at": _("decided at"),
}


def _profile(user) -> VolunteerProfile | None:
    return VolunteerProfile.objects.filter(user=user).select_related("area").first()


def export(user) -> dict[str, Any]:
    profile = _profile(user)
    if profile is None:
        return {}
    enrolments = Enrolment.objects.filter(profile=profile).select_related("organisation")
    applications = Application.objects.filter(profile=profile).select_related(
        "vacancy__organisation"
    )
    return {
        "volunteer_profile": {
            "area": profile.area.name,
            "activities": sorted(activity.name for activity in profile.activities.all()),
            "skills": sorted(skill.name for skill in profile.skills.all()),
            "motives": sorted(motive.name for motive in profile.motives.all()),
            "volunteer_type": profile.get_volunteer_type_display(),
            "availability": availability.describe(profile.availability),
            "hours_per_week": profile.hours_per_week,
            "max_hours_per_week": profile.max_hours_per_week,
            "travel_km": profile.travel_km,
            "languages": [language_name(code) for code in profile.language_list],
            "wants_to_grow": profile.wants_to_grow,
            "vog_issued_on": profile.vog_issued_on,
            "reviewed_at": profile.reviewed_at,
            "registered": profile.created_at,
        },
        "enrolments": [
            {
                "organisation": enrolment.organisation.name,
                "status": enrolment.get_status_display(),
                "since": enrolment.status_changed_at,
                "intake_at": enrolment.intake_at,
                "intake_note": enrolment.intake_note,
                "paused_until": enrolment.paused_until,
                "sponsor": enrolment.get_sponsor_kind_display(),
                "sponsor_name": enrolment.sponsor_name,
                "required_hours": enrolment.required_hours,
                "history": [
                    {
                        "from": change.get_from_status_display(),
                        "to": change.get_to_status_display(),
                        "reason": change.reason,
                        "at": change.created_at,
                    }
                    for change in enrolment.status_changes.all()
                ],
            }
            for enrolment in enrolments
        ],
        "applications": [
            {
                "vacancy": application.vacancy.title,
                "organisation": application.vacancy.organisation.name,
                "message": application.message,
                "status": application.get_status_display(),
                "answer": application.answer,
                "applied_at": application.created_at,
                "decided_at": application.decided_at,
            }
            for application in applications
        ],
    }


def erase(user) -> None:
    profile = _profile(user)
    if profile is None:
        return
    now = timezone.now()
    enrolments = Enrolment.objects.filter(profile=profile)
    for enrolment in enrolments.exclude(status=Enrolment.Status.STOPPED):
        EnrolmentStatusChange.objects.create(
            enrolment=enrolment, from_status=enrolment.status, to_status=Enrolment.Status.STOPPED
        )
    enrolments.exclude(status=Enrolment.Status.STOPPED).update(
        status=Enrolment.Status.STOPPED, status_changed_at=now, paused_until=None
    )
    enrolments.update(sponsor_name="", intake_at=None, intake_note="")
    EnrolmentStatusChange.objects.filter(enrolment__profile=profile).update(reason="")
    Application.objects.filter(profile=profile).update(message="", answer="")
    profile.skills.clear()
    profile.motives.clear()
    profile.availability = 0
    profile.languages = ""
    profile.vog_issued_on = None
    profile.save()  # saved, not updated: the matching pools forget this volunteer
    audit.forget_about(VolunteerProfile, [profile.pk])
    audit.forget_about(Enrolment, enrolments.values_list("pk", flat=True))


def last_active(user):
    profile = _profile(user)
    if profile is None:
        return None
    moments = [
        profile.reviewed_at,
        Enrolment.objects.filter(profile=profile).aggregate(at=Max("status_changed_at"))["at"],
        Application.objects.filter(profile=profile).aggregate(at=Max("created_at"))["at"],
    ]
    return max(moment for moment in moments if moment is not None)


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="volunteering",
            title=_("Volunteering"),
            order=10,
            export=export,
            erase=erase,
            labels=LABELS,
            last_active=last_active,
        )
    )
