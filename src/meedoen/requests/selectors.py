"""Reads of help requests, scoped to the user who asks."""

from __future__ import annotations

from django.db.models import Count, Q

from meedoen.requests.models import HelpRequest


def _listed(queryset):
    return queryset.select_related("area", "organisation").prefetch_related("activities")


def asked_by(user):
    """The requests this person asked themselves or as an informal carer."""
    return _listed(HelpRequest.objects.visible_to(user).filter(requester=user))


def referred_by(user):
    """The requests this professional referred or holds responsibility for."""
    return _listed(
        HelpRequest.objects.visible_to(user).filter(
            Q(referred_by=user) | Q(responsible_professional=user)
        )
    )


def handled_by(user):
    """The requests this person handles as coordinator."""
    return _listed(HelpRequest.objects.handled_by(user))


def status_counts(queryset) -> dict[str, int]:
    return dict(queryset.values_list("status").annotate(n=Count("id")).order_by())
