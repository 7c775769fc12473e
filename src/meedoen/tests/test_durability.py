"""Counts of attempts and the log of reads commit without waiting for the disk on PostgreSQL;
every other write keeps waiting."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from meedoen import limits
from meedoen.durability import without_waiting_for_the_disk
from meedoen.models import Attempts


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a setting of PostgreSQL")
def test_only_the_block_itself_skips_waiting(transactional_db):
    assert _synchronous_commit() == "on"
    with without_waiting_for_the_disk():
        assert _synchronous_commit() == "off"
    assert _synchronous_commit() == "on"  # the next transaction waits again
    # inside another write: that write's commit decides
    with transaction.atomic(), without_waiting_for_the_disk():
        assert _synchronous_commit() == "on"


def test_a_counted_attempt_is_kept_and_a_failed_block_keeps_nothing(transactional_db):
    door = limits.Door("durability", limit=2, per=limits.timedelta(hours=1))
    assert limits.attempt(door, "someone") and limits.attempt(door, "someone")
    assert not limits.attempt(door, "someone")
    assert Attempts.objects.get().count == 2
    with pytest.raises(RuntimeError), without_waiting_for_the_disk():
        Attempts.objects.update(count=0)
        raise RuntimeError
    assert Attempts.objects.get().count == 2
