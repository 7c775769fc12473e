"""The header's count of unread notifications, for every page of a signed-in person."""

from __future__ import annotations

from meedoen.notifications.models import Notification


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.visible_to(user).unread().count()}
