"""Background jobs: long work and periodic work run by the worker (`manage.py qcluster`).

Meedoen uses django-q2 with its database broker: a job is a row in the same database
(SQLite or PostgreSQL), so no other server is needed. This module is the only one that
knows the library; apps queue jobs with `enqueue` and register their periodic jobs with
`every` in their `AppConfig.ready`. After `migrate` the schedules are written to the
database, where the worker's scheduler finds them; no cron is needed.

Guarantees, and where they come from:

- a due schedule creates one job, even with several workers: the scheduler reads the due
  schedules under `SELECT ... FOR UPDATE` (SQLite: one writer at a time) and moves
  `next_run` on in the same transaction;
- a queued job is taken by one worker: the broker claims a row with a conditional update;
- a job that raises is logged, kept among the failed jobs in the admin, and offered again
  after `MEEDOEN_JOB_RETRY_SECONDS`, up to `MEEDOEN_JOB_ATTEMPTS` times;
- a periodic job wrapped in `single` never runs twice at once: it holds a lease (a row in
  `JobLease`, taken with a conditional update) while it works, so a slow run that overlaps
  the next one, or a retry, skips instead of working beside it.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from multiprocessing import Value
from queue import Queue
from threading import Event
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.monitor import monitor
from django_q.pusher import pusher
from django_q.scheduler import scheduler
from django_q.worker import worker

logger = logging.getLogger("meedoen.jobs")


def enqueue(func: str, *args: Any, group: str | None = None) -> str:
    """Queue `func` (a dotted path) with `args` for the worker; returns the job's id.

    With the database broker the job is a row written in the caller's transaction: when
    that transaction rolls back, the job is gone too."""
    from django_q.tasks import async_task

    options: dict[str, Any] = {}
    if group:
        options["group"] = group
    return str(async_task(func, *args, **options))


# --- periodic jobs ----------------------------------------------------------------------


@dataclass(frozen=True)
class Periodic:
    name: str
    func: str
    minutes: int
    at: time | None = None  # the first run at this local time (daily jobs at night)


PERIODIC: dict[str, Periodic] = {}


def every(name: str, func: str, *, minutes: int, at: time | None = None) -> None:
    """Register a periodic job; `install_schedules` (after migrate) writes it down."""
    PERIODIC[name] = Periodic(name, func, minutes, at)


def first_run(job: Periodic, now: datetime) -> datetime:
    """When a job installed at `now` first runs: at once, or a daily job at its next `at`."""
    if job.at is None:
        return now
    local = timezone.localtime(now)
    first = local.replace(hour=job.at.hour, minute=job.at.minute, second=0, microsecond=0)
    return first if first > local else first + timedelta(days=1)


def install_schedules(**kwargs: Any) -> None:
    """Create or update the schedule of every registered periodic job (idempotent).

    A schedule keeps its next run when it already exists, so a deploy does not move it."""
    from django.db import connections
    from django_q.models import Schedule

    using = kwargs.get("using", "default")
    if Schedule._meta.db_table not in connections[using].introspection.table_names():
        return  # a partial migrate that has not reached the worker's tables yet
    now = timezone.now()
    for job in PERIODIC.values():
        fields = {
            "func": job.func,
            "schedule_type": Schedule.MINUTES,
            "minutes": job.minutes,
            "repeats": -1,
        }
        Schedule.objects.using(using).update_or_create(
            name=job.name,
            defaults=fields,
            create_defaults={**fields, "name": job.name, "next_run": first_run(job, now)},
        )


# --- one at a time ----------------------------------------------------------------------


def lease_seconds() -> int:
    """How long a lease lasts at most: a job is stopped by the worker after its timeout."""
    return int(settings.Q_CLUSTER.get("timeout") or 3600) + 60


@contextmanager
def lease(name: str, seconds: int | None = None) -> Iterator[bool]:
    """Hold the lease `name` while the block runs; yields False when someone else holds it.

    The lease ends when the block ends, or after `seconds` if the holder died."""
    from meedoen.models import JobLease

    now = timezone.now()
    until = now + timedelta(seconds=seconds or lease_seconds())
    holder = uuid.uuid4().hex
    try:
        with transaction.atomic():
            JobLease.objects.get_or_create(name=name, defaults={"until": now})
    except IntegrityError:  # another worker created it at the same moment
        pass
    taken = JobLease.objects.filter(name=name, until__lte=now).update(holder=holder, until=until)
    if not taken:
        logger.info("Job %s is already running elsewhere; skipped.", name)
        yield False
        return
    try:
        yield True
    finally:
        JobLease.objects.filter(name=name, holder=holder).update(holder="", until=timezone.now())


def single(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A job that never runs twice at once: a second start while one runs does nothing."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with lease(name) as mine:
                if not mine:
                    return None
                return func(*args, **kwargs)

        return wrapper

    return decorate


# --- the worker's steps, in this process (tests; an operator's one-off run) -------------


def run_due_schedules() -> None:
    """What the worker does about twice a minute: queue a job for every due schedule."""
    scheduler(broker=get_broker())


def work_off(limit: int = 50) -> int:
    """Take the queued jobs one by one as the worker does, run them and store the results;
    returns how many ran. A job is taken once its queue time lies in the past."""
    broker = get_broker()
    done = 0
    for _ in range(limit):
        if not broker.queue_size():
            break
        taken, results, stop = Queue(), Queue(), Event()
        stop.set()  # the pusher takes what is there once, then stops
        pusher(taken, stop, broker=broker)
        if taken.empty():
            break
        taken.put("STOP")
        worker(taken, results, Value("f", -1))
        results.put("STOP")
        monitor(results, broker=broker)
        done += 1
    return done


def tick() -> int:
    """One turn of the worker: due schedules become jobs, and the queued jobs run."""
    run_due_schedules()
    return work_off()
