"""Rate limits: exactly the limit passes, per sender and per window, also when attempts come
at once from many connections."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from meedoen import limits
from meedoen.accounts.models import User
from meedoen.models import Attempts
from meedoen.volunteers.tests.test_volunteer_desk import registration

DOOR = limits.Door("test-door", limit=5, per=timedelta(hours=1))


@pytest.mark.django_db
def test_the_limit_passes_and_no_more_per_sender_and_window():
    now = timezone.now()
    assert [limits.attempt(DOOR, "10.0.0.1", now=now) for _ in range(7)] == [True] * 5 + [False] * 2
    assert limits.attempt(DOOR, "10.0.0.2", now=now)  # another sender
    assert limits.attempt(DOOR, "10.0.0.1", now=now + timedelta(hours=1))  # the next window
    assert not Attempts.objects.filter(key__contains="10.0.0.1").exists()  # a fingerprint only
    assert limits.forget_old(now + timedelta(days=2)) == 3
    assert not Attempts.objects.exists()


def test_volunteer_sign_up_is_limited_per_address(client, world):
    def sign_up(name):
        return registration(world, username=name, email=f"{name}@example.nl")

    for number in range(limits.SIGN_UP.limit):
        response = client.post(reverse("volunteers:register"), sign_up(f"v{number}"))
        assert response.status_code == 302
        client.logout()
    refused = client.post(reverse("volunteers:register"), sign_up("one-too-many"))
    assert refused.status_code == 429
    assert "Probeer het later opnieuw" in refused.content.decode()
    assert 'value="one-too-many"' in refused.content.decode()  # what was typed stays
    assert not User.objects.filter(username="one-too-many").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_thirty_attempts_at_once_let_exactly_the_limit_through():
    start = threading.Barrier(30)
    results: list[bool] = []

    def knock():
        try:
            start.wait()
            results.append(limits.attempt(DOOR, "203.0.113.9"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=knock) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == DOOR.limit and len(results) == 30
