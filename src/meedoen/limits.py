"""Rate limits on the doors anyone can knock on: the public request form, volunteer sign-up.

Each attempt is counted in the database, in a fixed window per door and sender (the sender's
address, as `meedoen.addresses.client_address` trusts it, kept only inside a one-way
fingerprint). Counting is one conditional UPDATE (`count < limit`): the database lets
concurrent attempts pass one after another, so no burst gets more than the limit through,
whichever process serves it. Old windows are removed every hour.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from meedoen.models import Attempts


@dataclass(frozen=True)
class Door:
    name: str
    limit: int
    per: timedelta


PUBLIC_FORM = Door("public-form", limit=5, per=timedelta(hours=1))
SIGN_UP = Door("sign-up", limit=5, per=timedelta(hours=1))


def _key(door: Door, sender: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hashlib.sha256(secret + f"\0{door.name}\0{sender}".encode()).hexdigest()


def _window(door: Door, now: datetime) -> datetime:
    seconds = int(door.per.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)


def attempt(door: Door, sender: str, *, now: datetime | None = None) -> bool:
    """Count one attempt at `door` by `sender`: False when the limit of this window was
    already reached (the attempt is then not counted)."""
    key, start = _key(door, sender or "unknown"), _window(door, now or timezone.now())
    counted = Attempts.objects.filter(key=key, window_start=start, count__lt=door.limit)
    with transaction.atomic():
        if counted.update(count=F("count") + 1):
            return True
        if Attempts.objects.filter(key=key, window_start=start).exists():
            return False  # the limit is reached
        try:
            with transaction.atomic():
                Attempts.objects.create(key=key, window_start=start, count=0)
        except IntegrityError:
            pass  # a concurrent attempt opened the window first
        return bool(counted.update(count=F("count") + 1))


def forget_old(now: datetime | None = None) -> int:
    """Remove the counts of windows that started more than a day ago."""
    cutoff = (now or timezone.now()) - timedelta(days=1)
    deleted, _ = Attempts.objects.filter(window_start__lt=cutoff).delete()
    return deleted
