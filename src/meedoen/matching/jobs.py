"""Jobs of matching, run by the worker: proposals that expire (periodic)."""

from __future__ import annotations

from meedoen import jobs
from meedoen.matching import services


@jobs.single("expire-proposals")
def expire_proposals() -> int:
    """Hourly: proposals not answered in time expire and the coordinator is told."""
    return services.expire()
