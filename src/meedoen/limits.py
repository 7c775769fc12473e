"""Rate limits on the doors anyone can knock on: the public request form, volunteer sign-up.

Each attempt is counted in the database, in a fixed window per door and sender (the sender's
address, as `meedoen.addresses.client_address` trusts it, or an account; kept only inside a
one-way fingerprint). Counting is one statement, an upsert whose update has a condition
(`INSERT ... ON CONFLICT DO UPDATE SET count = count + 1 WHERE count < limit`), the same on
SQLite and PostgreSQL: the database lets concurrent attempts pass one after another, so no
burst gets more than the limit through, whichever process serves it. The API's rate limits
(`meedoen.api.throttles`) count with the same statement. Old windows are removed every hour.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from django.conf import settings
from django.db import connection
from django.utils import timezone

from meedoen.durability import without_waiting_for_the_disk
from meedoen.models import Attempts


@dataclass(frozen=True)
class Door:
    name: str
    limit: int
    per: timedelta


PUBLIC_FORM = Door("public-form", limit=5, per=timedelta(hours=1))
SIGN_UP = Door("sign-up", limit=5, per=timedelta(hours=1))
#: Requests for a password-reset link: per address, and per e-mail address asked about.
PASSWORD_RESET = Door("password-reset", limit=5, per=timedelta(hours=1))
PASSWORD_RESET_EMAIL = Door("password-reset-email", limit=3, per=timedelta(hours=1))
#: Invitations to an organisation, per inviting account.
INVITATIONS = Door("invitations", limit=30, per=timedelta(hours=1))
#: Invitations to answer a cooperation assessment, per inviting account (a round may ask
#: every volunteer of an organisation).
ASSESSMENT_INVITATIONS = Door("assessment-invitations", limit=200, per=timedelta(hours=1))


def _key(door: Door, sender: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hashlib.sha256(secret + f"\0{door.name}\0{sender}".encode()).hexdigest()


def _window(door: Door, now: datetime) -> datetime:
    seconds = int(door.per.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)


@cache
def _upsert_sql() -> str:
    table = Attempts._meta.db_table
    quote = connection.ops.quote_name
    key, start, count = (
        quote(Attempts._meta.get_field(f).column) for f in ("key", "window_start", "count")
    )
    # Only the model's table and column names go into the text, quoted; values are bound.
    return (
        f"INSERT INTO {quote(table)} ({key}, {start}, {count}) VALUES (%s, %s, 1)"  # noqa: S608
        f" ON CONFLICT ({key}, {start}) DO UPDATE SET {count} = {quote(table)}.{count} + 1"
        f" WHERE {quote(table)}.{count} < %s RETURNING {count}"
    )


def attempt(door: Door, sender: str, *, now: datetime | None = None) -> bool:
    """Count one attempt at `door` by `sender`: False when the limit of this window was
    already reached (the attempt is then not counted). One statement, whose commit does not wait
    for the disk (`meedoen.durability`)."""
    key, start = _key(door, sender or "unknown"), _window(door, now or timezone.now())
    params = [key, connection.ops.adapt_datetimefield_value(start), door.limit]
    # A count lost in a crash lets one more attempt through: not worth waiting for the disk
    # on every API request.
    with without_waiting_for_the_disk(), connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), params)
        return cursor.fetchone() is not None


def retry_after(door: Door, now: datetime | None = None) -> int:
    """Seconds until the current window of `door` ends (when a refused sender may try again)."""
    now = now or timezone.now()
    end = _window(door, now) + door.per
    return max(1, int((end - now).total_seconds() + 0.999))


def forget_old(now: datetime | None = None) -> int:
    """Remove the counts of windows that started more than a day ago."""
    cutoff = (now or timezone.now()) - timedelta(days=1)
    deleted, _ = Attempts.objects.filter(window_start__lt=cutoff).delete()
    return deleted
