"""The header: the menu of the role a person works in now, and a switch between their roles."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from meedoen.permissions import Role, current_role, ordered

START_PAGES = {
    Role.CITIZEN: "start:citizen",
    Role.CARER: "start:citizen",
    Role.VOLUNTEER: "start:volunteer",
    Role.PROFESSIONAL: "start:professional",
    Role.COORDINATOR: "start:coordinator",
    Role.MANAGER: "start:manager",  # what reaches a manager: escalated concerns
    Role.GUIDE: "start:guide",  # the re-integration and internship volunteers they guide
    Role.POLICY_OFFICER: "start:policy",
    # The data protection officer's work is the audit log of their municipality.
    Role.DATA_PROTECTION_OFFICER: "accounts:audit",
    Role.ADMIN: "admin:index",
}


def _menu(user, role) -> list[dict]:
    items = []
    start = START_PAGES.get(role)
    if start and role not in (Role.ADMIN, Role.DATA_PROTECTION_OFFICER):
        items.append({"label": _("My start page"), "url": reverse(start)})
    if role in (Role.CITIZEN, Role.CARER):
        items.append({"label": _("Ask for help"), "url": reverse("requests:ask")})
    elif role == Role.VOLUNTEER:
        items.append({"label": _("Volunteer work"), "url": reverse("volunteers:board")})
        items.append({"label": _("Questions for you"), "url": reverse("matching:proposals")})
        items.append({"label": _("My assignments"), "url": reverse("engagements:mine")})
    elif role == Role.PROFESSIONAL:
        items.append({"label": _("Refer a client"), "url": reverse("requests:refer")})
        items.append({"label": _("Everything received"), "url": reverse("engagements:received")})
        items.append({"label": _("Concerns"), "url": reverse("engagements:concerns")})
        items.append({"label": _("Handovers"), "url": reverse("engagements:handovers")})
    elif role == Role.MANAGER:
        items.append({"label": _("Concerns"), "url": reverse("engagements:concerns")})
    elif role == Role.GUIDE:
        items.append({"label": _("Guidance"), "url": reverse("engagements:guidance")})
    elif role == Role.COORDINATOR:
        items.append({"label": _("Intake queue"), "url": reverse("requests:queue")})
        items.append({"label": _("Volunteers"), "url": reverse("volunteers:list")})
        items.append({"label": _("Our vacancies"), "url": reverse("volunteers:manage")})
        items.append({"label": _("Global matching"), "url": reverse("matching:runs")})
        items.append({"label": _("Engagement"), "url": reverse("engagements:overview")})
        items.append({"label": _("Everything received"), "url": reverse("engagements:received")})
        if user.memberships.filter(
            role="coordinator", is_active=True, organisation__is_central_desk=True
        ).exists():
            items.append({"label": _("Central desk"), "url": reverse("requests:desk")})
    if role in (Role.POLICY_OFFICER, Role.COORDINATOR, Role.MANAGER):
        items.append({"label": _("Figures"), "url": reverse("insights:dashboard")})
    if role in (Role.POLICY_OFFICER, Role.MANAGER):
        items.append({"label": _("Consultations"), "url": reverse("consultations:index")})
    if role == Role.POLICY_OFFICER:
        items.append({"label": _("Organisations"), "url": reverse("accounts:organisations")})
        items.append({"label": _("Substitution monitor"), "url": reverse("monitor:monitor")})
        items.append({"label": _("Demand dossiers"), "url": reverse("monitor:dossiers")})
    if role in (Role.COORDINATOR, Role.MANAGER):
        # "Onze organisatie": the own page of the organisation they coordinate or manage (the
        # coordinator's start page links each one where there are several).
        held = sorted(user.organisation_ids(role))
        if held:
            items.append(
                {
                    "label": _("Our organisation"),
                    "url": reverse("accounts:organisation", args=[held[0]]),
                }
            )
    if role in (Role.COORDINATOR, Role.MANAGER, Role.POLICY_OFFICER):
        items.append({"label": _("Cooperation"), "url": reverse("cooperation:index")})
    if role in (Role.DATA_PROTECTION_OFFICER, Role.ADMIN):
        items.append({"label": _("Audit log"), "url": reverse("accounts:audit")})
    if user.is_staff and user.is_active:
        items.append({"label": _("Administration"), "url": reverse("admin:index")})
    if user.is_superuser and user.is_active:
        items.append(
            {"label": _("Processing register"), "url": reverse("accounts:processing_register")}
        )
        items.append({"label": _("Import history"), "url": reverse("imports:start")})
    return items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "nav_items": [
                {"label": _("Ask for help"), "url": reverse("requests:ask")},
                {"label": _("Volunteer work"), "url": reverse("volunteers:board")},
            ]
        }
    role = current_role(request)
    items = _menu(user, role)
    for item in items:
        item["current"] = item["url"] == request.path
    # The switch: one entry per role with its own start page (citizen and carer share one).
    roles, seen = [], set()
    for held in ordered(user.roles):
        page = START_PAGES.get(held)
        if page in seen or (held == Role.ADMIN and len(user.roles) > 1):
            continue
        seen.add(page)
        roles.append(
            {
                "label": Role(held).label,
                "url": reverse("start:switch", args=[held]),
                "current": held == role,
            }
        )
    return {"nav_items": items, "role_switch": roles if len(roles) > 1 else []}
