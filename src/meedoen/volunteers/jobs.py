"""Periodic jobs of the volunteer desk, run by the worker (registered in apps.py)."""

from __future__ import annotations

from django.utils import timezone

from meedoen import jobs
from meedoen.volunteers import services


@jobs.single("resume-volunteers")
def resume_volunteers() -> int:
    """Daily: volunteers back from a pause on their return date are active again."""
    return services.resume_due(timezone.localdate())
