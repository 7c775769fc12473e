"""The worker, run step by step in a test: the scheduler and the processing loop of
django-q2 itself (pusher, worker, monitor), in this process and on the test's database."""

from __future__ import annotations

from multiprocessing import Value
from queue import Queue
from threading import Event

from django_q.brokers import get_broker
from django_q.monitor import monitor
from django_q.pusher import pusher
from django_q.scheduler import scheduler
from django_q.worker import worker


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
