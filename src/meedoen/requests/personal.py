"""The requester's part of the rights of the person (`meedoen.personal_data`): the help
requests a person asked (for themselves or as an informal carer), with their steps and the
notes they wrote. Erasure anonymises them as retention does (`services.anonymise`): the
request stays for the figures (area, activities, dates, outcome), its words go."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from meedoen import notify, personal_data
from meedoen.accounts import audit
from meedoen.requests import services, workflow
from meedoen.requests.models import HelpRequest

LABELS = {
    "help_requests": _lazy("Help requests"),
    "reference": _lazy("reference"),
    "asked_by": _lazy("asked by"),
    "status": _lazy("status"),
    "area": _lazy("area"),
    "organisation": _lazy("organisation"),
    "activities": _lazy("activities"),
    "first_name": _lazy("first name of the person helped"),
    "requester_name": _lazy("name of the person asking"),
    "contact_phone": _lazy("telephone"),
    "contact_email": _lazy("e-mail"),
    "description": _lazy("what help is wanted"),
    "urgency": _lazy("urgency"),
    "language": _lazy("language for messages"),
    "submitted": _lazy("submitted at"),
    "steps": _lazy("steps"),
    "from": _lazy("from"),
    "to": _lazy("to"),
    "reason": _lazy("reason"),
    "at": _lazy("at"),
    "notes": _lazy("your notes"),
    "text": _lazy("text"),
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
        % {"date": date_format(help_request.created_at, "j F Y")}
        for help_request in _asked(user).filter(status__in=workflow.OPEN).order_by("created_at")
    ]


def erase(user) -> None:
    asked = _asked(user)
    ids = list(asked.values_list("pk", flat=True))
    if not ids:
        return
    notify.forget(asked.values_list("contact_email", flat=True))
    services.anonymise(ids)
    audit.forget_changes(HelpRequest, ids)


def last_active(user):
    return _asked(user).aggregate(at=Max("status_changed_at"))["at"]


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="help",
            title=_lazy("Help you asked for"),
            order=10,
            export=export,
            erase=erase,
            labels=LABELS,
            blockers=blockers,
            last_active=last_active,
        )
    )
