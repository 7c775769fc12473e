"""Matching's parts of other apps' pages: the suggested volunteers on a request's page."""

from __future__ import annotations

from django import template

from meedoen.matching import selectors as facts
from meedoen.requests import workflow
from meedoen.volunteers.models import VolunteerProfile

register = template.Library()


@register.inclusion_tag("matching/_suggestions.html", takes_context=True)
def suggestions_panel(context, help_request, roles):
    """For the coordinator who handles the request, during intake and while it is ready: the
    volunteers who meet every rule, best first; with ?volunteer=N, why that one does or does
    not fit; and the proposals and offers so far."""
    request = context["request"]
    handler = workflow.HANDLER in roles
    suggestions, explained = [], None
    if handler and help_request.status in (workflow.IN_INTAKE, workflow.READY):
        suggestions = facts.suggestion_rows(help_request)
        wanted = request.GET.get("volunteer", "")
        if wanted.isdigit() and len(wanted) <= 15:
            profile = (
                VolunteerProfile.objects.visible_to(request.user)
                .select_related("user")
                .filter(pk=int(wanted))
                .first()
            )
            explained = (profile, facts.explain(help_request, profile.pk) if profile else None)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "help_request": help_request,
        "suggestions": suggestions,
        "explained": explained,
        "proposals": help_request.proposals.select_related("profile__user") if handler else [],
    }
