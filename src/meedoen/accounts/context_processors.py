from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from meedoen.accounts.models import Role

START_PAGES = {
    Role.CITIZEN: "accounts:start_citizen",
    Role.CARER: "accounts:start_citizen",
    Role.VOLUNTEER: "accounts:start_volunteer",
    Role.PROFESSIONAL: "accounts:start_professional",
    Role.COORDINATOR: "accounts:start_coordinator",
    Role.POLICY_OFFICER: "accounts:start_policy",
}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "nav_items": [
                {"label": _("Ask for help"), "url": reverse("requests:ask")},
                {"label": _("Volunteer work"), "url": reverse("volunteers:board")},
            ]
        }
    items = []
    start = START_PAGES.get(user.role)
    if start:
        items.append({"label": _("My start page"), "url": reverse(start)})
    if user.role in (Role.CITIZEN, Role.CARER):
        items.append({"label": _("Ask for help"), "url": reverse("requests:ask")})
    if user.role == Role.VOLUNTEER:
        items.append({"label": _("Volunteer work"), "url": reverse("volunteers:board")})
        items.append({"label": _("Questions for you"), "url": reverse("matching:proposals")})
        items.append({"label": _("My assignments"), "url": reverse("engagements:mine")})
    if user.role == Role.PROFESSIONAL:
        items.append({"label": _("Refer a client"), "url": reverse("requests:refer")})
        items.append({"label": _("Concerns"), "url": reverse("engagements:concerns")})
        items.append({"label": _("Handovers"), "url": reverse("engagements:handovers")})
    if user.role == Role.COORDINATOR and not user.organisation_ids("coordinator"):
        # A manager: what reaches them is escalated concerns.
        if user.organisation_ids("manager"):
            items.append({"label": _("Concerns"), "url": reverse("engagements:concerns")})
    elif user.role == Role.COORDINATOR:
        items.append({"label": _("Intake queue"), "url": reverse("requests:queue")})
        items.append({"label": _("Volunteers"), "url": reverse("volunteers:list")})
        items.append({"label": _("Our vacancies"), "url": reverse("volunteers:manage")})
        items.append({"label": _("Global matching"), "url": reverse("matching:runs")})
        items.append({"label": _("Engagement"), "url": reverse("engagements:overview")})
        if user.memberships.filter(
            role="coordinator", is_active=True, organisation__is_central_desk=True
        ).exists():
            items.append({"label": _("Central desk"), "url": reverse("requests:desk")})
    if user.is_staff and user.is_active:
        items.append({"label": _("Administration"), "url": reverse("admin:index")})
    for item in items:
        item["current"] = item["url"] == request.path
    return {"nav_items": items}
