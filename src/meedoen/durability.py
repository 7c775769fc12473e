"""Writes that need not wait for the disk: counts of attempts and the log of who read which
file. On PostgreSQL their transaction commits with `synchronous_commit` off: a crash of the
database server can lose the last fraction of a second of them (at most three times
`wal_writer_delay`, 0.6 s by default), never leave one half-written, and every other write
still waits until it is safe. On SQLite (write-ahead log) a commit is cheap anyway."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def without_waiting_for_the_disk() -> Iterator[None]:
    """A transaction for such writes. Inside an outer transaction it is a plain savepoint-free
    block: the outer transaction's commit decides, and waits as it always does."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        with transaction.atomic(savepoint=False):
            yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield
