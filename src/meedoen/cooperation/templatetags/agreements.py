"""The start pages' part of cooperation agreements: drafts that wait for this person's side,
and agreements whose date to look at them again has passed."""

from __future__ import annotations

from typing import Any

from django import template

from meedoen.cooperation import agreements

register = template.Library()


@register.inclusion_tag("cooperation/agreements/_reminders.html", takes_context=True)
def agreement_reminders(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    return {
        "waiting": list(agreements.waiting_for(user).select_related("organisation")[:10]),
        "due": list(agreements.review_due_for(user).select_related("organisation")[:10]),
    }
