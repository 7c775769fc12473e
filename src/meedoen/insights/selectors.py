"""Figures for the municipality: aggregates only, small counts suppressed."""

from __future__ import annotations

from django.db.models import Count

from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import VolunteerProfile

#: Counts below this are shown as "fewer than" to policy officers, so no person can be singled out.
SMALL_COUNT = 5


def suppress(count: int) -> int | None:
    """None stands for a count of 1 to SMALL_COUNT - 1."""
    return None if 0 < count < SMALL_COUNT else count


def area_overview(municipality) -> list[dict]:
    """Requests and volunteers per area of a municipality, small counts suppressed."""
    requests = dict(
        HelpRequest.objects.filter(municipality=municipality)
        .values_list("area_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    volunteers = dict(
        VolunteerProfile.objects.filter(area__municipality=municipality)
        .values_list("area_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        {
            "area": area,
            "requests": suppress(requests.get(area.pk, 0)),
            "volunteers": suppress(volunteers.get(area.pk, 0)),
        }
        for area in municipality.areas.all()
    ]
