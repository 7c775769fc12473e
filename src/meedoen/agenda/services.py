"""The private calendar link: made (its secret shown once), found by its secret, revoked.

Like the API tokens (`accounts.tokens`), only a digest of the secret is kept. Making a new
link stops the one before; revoking stops it at once; a deactivated or erased account's link
answers nothing (erasure removes it, `agenda.personal`). Making and revoking are written to
the audit log (the digest never).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from meedoen.agenda.models import CalendarFeed
from meedoen.limits import Door

#: How often the moment of last use is written (not on every poll of a calendar program).
LAST_USED_EVERY = timedelta(hours=1)
#: Calendar programs ask every quarter of an hour or so: a working link at most this often.
FEED = Door("calendar-feed", limit=60, per=timedelta(hours=1))
#: Links that do not work (unknown, revoked), per address: nobody tries secrets in bulk.
FEED_MISSES = Door("calendar-feed-misses", limit=30, per=timedelta(hours=1))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def working(user):
    """The person's link that works, if any."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


@transaction.atomic
def make_link(user, *, language: str) -> tuple[CalendarFeed, str]:
    """A new link for `user` (the one before stops); returns it with its secret, which is
    kept nowhere."""
    for earlier in CalendarFeed.objects.select_for_update().filter(
        user=user, revoked_at__isnull=True
    ):
        _revoke(earlier)
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        user=user,
        prefix=secret[:8],
        digest=digest(secret),
        language="en" if language.startswith("en") else "nl",
    )
    return feed, secret


@transaction.atomic
def revoke(user) -> bool:
    """Stop the person's link; False when there was none that worked."""
    stopped = False
    for feed in CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        _revoke(feed)
        stopped = True
    return stopped


def _revoke(feed: CalendarFeed) -> None:
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])  # a save, so the audit log records it


def find(secret: str) -> CalendarFeed | None:
    """The link this secret opens, if it still works; its last use noted now and then."""
    now = timezone.now()
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(digest=digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    if feed.last_used_at is None or now - feed.last_used_at > LAST_USED_EVERY:
        # An update, not a save: a calendar's polls are not changes for the audit log.
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed
