"""Jobs of the cooperation app, run by the worker: reminding the parties of an agreement
before its review date (daily)."""

from __future__ import annotations

from meedoen import jobs
from meedoen.cooperation import agreements


@jobs.single("remind-agreement-reviews")
def remind_agreement_reviews() -> int:
    return agreements.remind_before_review()
