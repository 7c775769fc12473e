"""A person's notifications and e-mail preferences in their data export, gone with erasure."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy

from meedoen import personal_data
from meedoen.notifications.models import Kind, MailPreferences, Notification


def export(user: Any) -> dict[str, Any]:
    preferences = MailPreferences.objects.filter(person=user).first()
    return {
        "notifications": [
            {
                "kind": str(Kind(n.kind).label),
                "text": n.text,
                "at": n.created_at,
                "read_at": n.read_at,
            }
            for n in Notification.objects.filter(person=user).order_by("created_at", "pk")
        ],
        "mail_preferences": (
            {str(Kind(k).label): preferences.choice(k) for k in Kind.values} if preferences else {}
        ),
    }


def erase(user: Any) -> None:
    Notification.objects.filter(person=user).delete()
    MailPreferences.objects.filter(person=user).delete()


def last_active(user: Any) -> Any:
    return Notification.objects.filter(person=user).aggregate(last=Max("read_at"))["last"]


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="notifications",
            title=gettext_lazy("Notifications"),
            order=15,
            export=export,
            erase=erase,
            labels={
                "notifications": gettext_lazy("Notifications"),
                "mail_preferences": gettext_lazy("E-mail preferences"),
                "kind": gettext_lazy("kind"),
                "text": gettext_lazy("text"),
                "at": gettext_lazy("at"),
                "read_at": gettext_lazy("read at"),
            },
            last_active=last_active,
        )
    )
