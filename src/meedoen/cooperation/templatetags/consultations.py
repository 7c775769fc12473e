"""The start pages' part of consultations: the questions put to this person that are still
open, and what became of the ones they answered."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from meedoen.cooperation import consultations

register = template.Library()


@register.inclusion_tag("cooperation/consultations/_for_you.html", takes_context=True)
def consultations_for_you(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    today = timezone.localdate()
    answered = set(
        consultations.answered_by(user).filter(closes_on__gte=today).values_list("pk", flat=True)
    )
    return {
        "open": [(c, c.pk in answered) for c in consultations.open_for(user, today)[:10]],
        "outcomes": list(
            consultations.answered_by(user)
            .filter(closes_on__lt=today, responded_at__isnull=False)
            .order_by("-responded_at", "-pk")[:5]
        ),
    }
