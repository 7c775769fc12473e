"""Rate limits on the API: per account for signed-in and token clients, per address for
anonymous ones, at the rates of `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`.

They count with `meedoen.limits` (one upsert in the database per request), not with DRF's
throttles, which keep their history in a per-process cache and read-modify-write it, so
several app servers, or requests at once, would each let the full rate through. The windows
are fixed (a minute from the full minute), not sliding. A refused request gets 429 as
application/problem+json with Retry-After: the seconds until the window ends.
"""

from __future__ import annotations

from datetime import timedelta

from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from meedoen import limits
from meedoen.addresses import client_address

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def door(scope: str) -> limits.Door:
    """The door of `scope` at its configured rate ("60/minute")."""
    number, period = api_settings.DEFAULT_THROTTLE_RATES[scope].split("/")
    seconds = _PERIODS[period.strip()[0]]
    return limits.Door(f"api-{scope}", limit=int(number), per=timedelta(seconds=seconds))


class _CountedThrottle(BaseThrottle):
    scope = ""

    def sender(self, request) -> str | None:
        """Who is counted, or None when this throttle does not apply to the request."""
        raise NotImplementedError

    def allow_request(self, request, view) -> bool:
        sender = self.sender(request)
        if sender is None:
            return True
        self._door = door(self.scope)
        return limits.attempt(self._door, sender)

    def wait(self) -> float | None:
        return limits.retry_after(self._door)


class UserThrottle(_CountedThrottle):
    """Signed in (session or token): counted per account."""

    scope = "user"

    def sender(self, request) -> str | None:
        user = request.user
        if user is None or not user.is_authenticated:
            return None
        return f"user:{user.pk}"


class AnonThrottle(_CountedThrottle):
    """Not signed in: counted per address."""

    scope = "anon"

    def sender(self, request) -> str | None:
        user = request.user
        if user is not None and user.is_authenticated:
            return None
        return f"address:{client_address(request)}"
