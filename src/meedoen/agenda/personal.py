"""The agenda's part of the rights of the person (`meedoen.personal_data`): the calendar
links a person made (when, until when, last used; never the secret, which Meedoen does not
keep). Erasure removes them, so the person's feed stops."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from meedoen import personal_data
from meedoen.accounts import audit
from meedoen.agenda.models import CalendarFeed

LABELS = {
    "calendar_links": gettext_lazy("Calendar links"),
    "starts_with": gettext_lazy("starts with"),
    "created": gettext_lazy("made on"),
    "last_used": gettext_lazy("last used"),
    "revoked": gettext_lazy("revoked on"),
}


def export(user: Any) -> dict[str, Any]:
    return {
        "calendar_links": [
            {
                "starts_with": feed.prefix,
                "created": feed.created_at,
                "last_used": feed.last_used_at,
                "revoked": feed.revoked_at,
            }
            for feed in CalendarFeed.objects.filter(user=user)
        ]
    }


def erase(user: Any) -> None:
    feeds = list(CalendarFeed.objects.filter(user=user).values_list("pk", flat=True))
    CalendarFeed.objects.filter(pk__in=feeds).delete()
    audit.forget_about(CalendarFeed, feeds)


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="agenda",
            title=gettext_lazy("Agenda"),
            order=35,
            export=export,
            erase=erase,
            labels=LABELS,
        )
    )
