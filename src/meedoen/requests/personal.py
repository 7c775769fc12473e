"""The requester's part of the rights of the person (`meedoen.personal_data`): the help
requests a person asked (for themselves or as an informal carer), with their steps and the
notes they wrote. Erasure anonymises them as retention does (`services.anonymise`): the
request stays for the figures (area, activities, dates, outcome), its words go."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meedoen import notation, notify, personal_data
from meedoen.accounts import audit
from meedoen.requests import services, workflow
from meedoen.requests.models import HelpRequest

LABELS = {
    "help_requests": gettext_lazy("Help requests"),
    "reference": gettext_lazy("reference"),
    "asked_by": gettext_lazy("asked by"),
    "status": gettext_lazy("status"),
    "area": gettext_lazy("area"),
    "organisation": gettext_lazy("organisation"),
    "activities": gettext_lazy("activities"),
    "first_name": gettext_lazy("first name of the person helped"),
    "requester_name": gettext_lazy("name of the person asking"),
    "contact_phone": gettext_lazy("telephone"),
    "contact_email": gettext_lazy("e-mail"),
    "description": gettext_lazy("what help is wanted"),
    "urgency": gettext_lazy("urgency"),
    "language": gettext_lazy("language for messages"),
    "submitted": gettext_lazy("submitted at"),
    "steps": gettext_lazy("steps"),
    "from": gettext_lazy("from"),
    "to": gettext_lazy("to"),
    "reason": gettext_lazy("reason"),
    "at": gettext_lazy("at"),
    "notes": gettext_lazy("your notes"),
    "text": gettext_lazy("text"),
}


def _asked(user):
    return HelpRequest.objects.filter(requester=user)


def export(user) -> dict[str, Any]:
    rows = []
    for help_request in (
        _asked(user)
        .select_related("area", "organisation")
        .prefetch_related("activities", "transitions", "notes")
    ):
        rows.append(
            {
                "reference": help_request.reference,
                "asked_by": help_request.get_source_display(),
                "status": help_request.get_status_display(),
                "area": help_request.area.name if help_request.area_id else "",
                "organisation": (
                    help_request.organisation.name if help_request.organisation_id else ""
                ),
                "activities": sorted(a.name for a in help_request.activities.all()),
                "first_name": help_request.first_name,
                "requester_name": help_request.requester_name,
                "contact_phone": help_request.contact_phone,
                "contact_email": help_request.contact_email,
                "description": help_request.description,
                "urgency": help_request.get_urgency_display(),
                "language": help_request.get_language_display(),
                "submitted": help_request.created_at,
                "steps": [
                    {
                        "from": step.get_from_status_display() if step.from_status else "",
                        "to": step.get_to_status_display(),
                        "reason": step.reason,
                        "at": step.created_at,
                    }
                    for step in help_request.transitions.all()
                ],
                "notes": [
                    {"text": note.text, "at": note.created_at}
                    for note in help_request.notes.all()
                    if note.from_requester
                ],
            }
        )
    return {"help_requests": rows}


def blockers(user) -> list[str]:
    return [
        _(
            "Your help request of %(date)s is still open: withdraw it first, or ask the "
            "coordinator to close it."
        )
        % {"date": notation.day(help_request.created_at)}
        for help_request in _asked(user).filter(status__in=workflow.OPEN).order_by("created_at")
    ]


def erase(user) -> None:
    asked = _asked(user)
    ids = list(asked.values_list("pk", flat=True))
    if not ids:
        return
    notify.forget(asked.values_list("contact_email", flat=True))
    services.anonymise(ids)
    audit.forget_about(HelpRequest, ids)


def last_active(user):
    return _asked(user).aggregate(at=Max("status_changed_at"))["at"]


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="help",
            title=gettext_lazy("Help you asked for"),
            order=10,
            export=export,
            erase=erase,
            labels=LABELS,
            blockers=blockers,
            last_active=last_active,
        )
    )
