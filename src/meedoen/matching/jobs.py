"""Jobs of matching, run by the worker: a global matching that a coordinator started, and
proposals that expire (periodic)."""

from __future__ import annotations

import logging

from meedoen import jobs
from meedoen.matching import services
from meedoen.matching.models import MatchingRun, RunPair

logger = logging.getLogger(__name__)


def run_global_matching(run_id: int) -> str:
    """Fill in a queued run with the optimal pairs, reporting progress on the way.

    Idempotent: a run that is proposed, confirmed or failed is left alone; a run found
    running (its worker died and the job is offered again) starts afresh. A failure marks the
    run failed and is logged; the coordinator starts a new one from the page."""
    taken = MatchingRun.objects.filter(pk=run_id, status__in=MatchingRun.UNFINISHED).update(
        status=MatchingRun.Status.RUNNING, progress=0
    )
    if not taken:
        return "nothing to do"
    run = MatchingRun.objects.select_related("organisation", "started_by").get(pk=run_id)
    RunPair.objects.filter(run=run).delete()
    shown = {"progress": 0}

    def on_progress(fraction: float) -> None:
        percent = max(0, min(99, int(fraction * 100)))
        if percent > shown["progress"]:
            shown["progress"] = percent
            MatchingRun.objects.filter(pk=run_id, status=MatchingRun.Status.RUNNING).update(
                progress=percent
            )

    try:
        services.plan(run.organisation, run.started_by, run=run, on_progress=on_progress)
    except Exception:
        logger.exception("Global matching %s for %s failed", run_id, run.organisation)
        MatchingRun.objects.filter(pk=run_id).update(status=MatchingRun.Status.FAILED)
        return "failed"
    except SystemExit:  # the worker stops a job that passed its timeout
        logger.error("Global matching %s for %s took too long", run_id, run.organisation)
        MatchingRun.objects.filter(pk=run_id).update(status=MatchingRun.Status.FAILED)
        raise
    MatchingRun.objects.filter(pk=run_id).update(status=MatchingRun.Status.PROPOSED, progress=100)
    return "proposed"


@jobs.single("expire-proposals")
def expire_proposals() -> int:
    """Hourly: proposals not answered in time expire and the coordinator is told."""
    return services.expire()
