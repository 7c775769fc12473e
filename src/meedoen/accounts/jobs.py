"""Retention of people: who has done nothing in Meedoen for the municipality's period
(`Municipality.inactive_months`) and has no open work is erased, through the same service as
an erasure on request (`rights.erase_person`). Run nightly by the worker, one job per
municipality; each person in their own transaction, so the job may stop and start again."""

from __future__ import annotations

import calendar
import logging
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from meedoen import jobs, personal_data
from meedoen.accounts import rights
from meedoen.accounts.models import User
from meedoen.organisations.models import Municipality

logger = logging.getLogger(__name__)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def candidates(municipality):
    """Accounts of this municipality's volunteers and requesters that hold no staff place
    (staff accounts end with their memberships, not by retention)."""
    return (
        User.objects.filter(is_active=True, is_superuser=False, is_staff=False)
        .filter(
            Q(volunteer_profile__area__municipality=municipality)
            | Q(help_requests__municipality=municipality)
            | Q(municipality=municipality)
        )
        .exclude(memberships__is_active=True)
        .exclude(municipality_memberships__is_active=True)
        .distinct()
        .order_by("pk")
    )


def erase_inactive(municipality, now=None) -> int:
    """Erase the people of `municipality` inactive since before its retention period and
    without open work; returns how many."""
    now = now or timezone.now()
    cutoff = months_before(now, municipality.inactive_months)
    erased = 0
    for user in candidates(municipality).filter(date_joined__lt=cutoff).iterator():
        last = personal_data.last_active(user)
        if last is not None and last >= cutoff:
            continue
        if personal_data.blockers(user):
            continue
        rights.erase_person(user.pk, None)
        erased += 1
    return erased


@jobs.single("erase-inactive-people")
def erase_inactive_people() -> int:
    """Nightly: one job per municipality."""
    ids = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    for municipality_id in ids:
        jobs.enqueue(
            "meedoen.accounts.jobs.erase_inactive_municipality",
            municipality_id,
            group="erase-inactive-people",
        )
    return len(ids)


def erase_inactive_municipality(municipality_id: int) -> int:
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        return 0
    erased = erase_inactive(municipality)
    if erased:
        logger.info("Erased %d inactive people in municipality %d", erased, municipality_id)
    return erased
