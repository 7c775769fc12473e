"""Periodic jobs of the request desk, run by the worker (registered in apps.py)."""

from __future__ import annotations

from meedoen import jobs
from meedoen.organisations.models import Municipality
from meedoen.requests import services


@jobs.single("anonymise-requests")
def anonymise_requests() -> int:
    """Nightly: one job per municipality, each anonymising what passed its retention."""
    ids = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    for municipality_id in ids:
        jobs.enqueue(
            "meedoen.requests.jobs.anonymise_municipality",
            municipality_id,
            group="anonymise-requests",
        )
    return len(ids)


def anonymise_municipality(municipality_id: int) -> int:
    """One municipality's ended requests past its retention period (idempotent)."""
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        return 0
    return services.anonymise_expired(municipality)


@jobs.single("flag-overdue-referrals")
def flag_overdue_referrals() -> int:
    """Hourly: referrals not answered in time are reported to the sender and the desk."""
    return services.flag_overdue_referrals()
