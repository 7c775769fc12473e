"""Periodic jobs of engagement, run by the worker (registered in apps.py)."""

from __future__ import annotations

from meedoen import jobs
from meedoen.engagements.services import check_ins, concerns


@jobs.single("escalate-concerns")
def escalate_concerns() -> int:
    """Every 5 minutes: concerns not acknowledged in time go up one level (idempotent)."""
    return concerns.escalate_overdue()


@jobs.single("check-ins-due")
def notify_due_check_ins() -> int:
    """Every morning: each volunteer hears of their check-in that became due (once each)."""
    return check_ins.notify_due_check_ins()
