"""Lock-out after failed sign-ins, at two limits.

django-axes counts failures per lock-out parameter (`AXES_LOCKOUT_PARAMETERS`) but compares
each with one limit. Meedoen counts a username from an address (AXES_FAILURE_LIMIT, low: a
person mistyping their own password) and an address on its own, over every username
(LOGIN_ADDRESS_FAILURE_LIMIT, higher: many people may share an office's address), so that one
password tried over many usernames from one address is stopped too. A successful sign-in
clears only that username's own failures from that address (axes would clear every row that
matches any parameter, the whole address included): the failures against other usernames
stay, so one valid account of their own does not let a sprayer start again. The failure
that reaches a limit is itself answered with the lock-out page.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def _address_only(parameter) -> bool:
    return parameter in ("ip_address", ["ip_address"])


def _limit(parameter) -> int:
    if _address_only(parameter):
        return settings.LOGIN_ADDRESS_FAILURE_LIMIT
    return settings.AXES_FAILURE_LIMIT


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """Failures on the scale of AXES_FAILURE_LIMIT: at or above it when any parameter has
        reached its own limit (axes compares this number with AXES_FAILURE_LIMIT)."""
        scale = settings.AXES_FAILURE_LIMIT
        worst = 0
        for parameter, attempts in zip(
            settings.AXES_LOCKOUT_PARAMETERS,
            self.get_user_attempts(request, credentials),
            strict=True,
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            # f >= limit exactly when f * scale // limit >= scale
            worst = max(worst, failures * scale // _limit(parameter))
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a success: the failures of this username from this address only."""
        count = 0
        for parameter, attempts in zip(
            settings.AXES_LOCKOUT_PARAMETERS,
            self.filter_user_attempts(request, credentials),
            strict=True,
        ):
            if not _address_only(parameter):
                deleted, _ = attempts.delete()
                count += deleted
        return count
