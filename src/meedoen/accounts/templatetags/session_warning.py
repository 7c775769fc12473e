"""The warning before an idle session ends, on every page of a signed-in person."""

from django import template
from django.conf import settings

register = template.Library()

#: How long before the end the warning appears (WCAG 2.2.1: at least 20 seconds to act).
WARN_SECONDS = 120


@register.inclusion_tag("accounts/session_warning.html", takes_context=True)
def session_warning(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    warn = min(WARN_SECONDS, settings.SESSION_COOKIE_AGE // 2)
    return {
        "request": request,
        "show": bool(user and user.is_authenticated),
        "seconds": settings.SESSION_COOKIE_AGE,
        "warn": warn,
        "minutes": max(1, warn // 60),
        "csrf_token": context.get("csrf_token"),
    }
