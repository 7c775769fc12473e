"""The time-credit ledger: always balanced, never overdrawn, also under concurrent gifts."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meedoen.engagements.models import CreditAccount, CreditEntry, CreditTransaction
from meedoen.engagements.services import EngagementError, credits
from meedoen.engagements.services import assignments as services
from meedoen.matching.tests.test_suggestions import volunteer


def ledger_is_consistent():
    """Every transaction sums to zero; so does the whole ledger; members are never below 0."""
    per_transaction = CreditEntry.objects.values("transaction").annotate(total=Sum("hundredths"))
    assert all(row["total"] == 0 for row in per_transaction)
    assert (CreditEntry.objects.aggregate(total=Sum("hundredths"))["total"] or 0) == 0
    for account in CreditAccount.objects.filter(owner__isnull=False):
        assert account.balance() >= 0
    assert not CreditTransaction.objects.filter(entries__isnull=True).exists()


def approved_hours(world, assignment, hours):
    entry = services.log_hours(
        assignment.pk,
        world.people["volunteer"],
        on=timezone.localdate(),
        hours=hours,
        expenses=Decimal("0"),
    )
    return services.approve_hours(entry.pk, world.people["coordinator"])


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("earn"), st.sampled_from(["0.5", "1", "2.25", "4"])),
        st.tuples(
            st.just("give"),
            st.integers(0, 2),
            st.integers(0, 2),
            st.decimals("0.01", "6", places=2),
        ),
    ),
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_no_sequence_of_earning_and_giving_unbalances_the_ledger(world, assignment, operations):
    with transaction.atomic():  # each example starts from the same empty ledger
        run_operations(world, assignment, operations)
        transaction.set_rollback(True)


def run_operations(world, assignment, operations):
    members = [
        world.people["volunteer"],
        volunteer(world, "bert", world.organisation).user,
        volunteer(world, "cees", world.organisation).user,
    ]
    earned_total = Decimal("0")
    for operation in operations:
        if operation[0] == "earn":
            day_total = sum(e.hours for e in assignment.hours.filter(date=timezone.localdate()))
            if day_total + Decimal(operation[1]) > 12:
                continue
            approved_hours(world, assignment, Decimal(operation[1]))
            earned_total += Decimal(operation[1])
        else:
            _kind, giver, receiver, amount = operation
            before = credits.balance(members[giver])
            try:
                credits.give(members[giver], members[receiver], amount)
            except EngagementError:
                assert giver == receiver or before < amount
            else:
                assert credits.balance(members[giver]) == before - amount
        ledger_is_consistent()
    assert sum(credits.balance(m) for m in members) == earned_total
    assert credits.issuer_for(world.organisation).balance() == -earned_total


def test_credits_cannot_be_given_outside_the_community_or_beyond_the_balance(world, assignment):
    approved_hours(world, assignment, Decimal("3"))
    giver = world.people["volunteer"]
    stranger = volunteer(world, "olaf", world.other_organisation).user
    with pytest.raises(EngagementError, match=r"community|gemeenschap"):
        credits.give(giver, stranger, Decimal("1"))
    friend = volunteer(world, "bert", world.organisation).user
    with pytest.raises(EngagementError):
        credits.give(giver, friend, Decimal("3.01"))
    with pytest.raises(EngagementError):
        credits.give(giver, friend, Decimal("-1"))
    credits.give(giver, friend, Decimal("3"), "Bedankt voor het invallen")
    assert credits.balance(giver) == 0 and credits.balance(friend) == 3
    ledger_is_consistent()


def test_volunteer_gives_credits_on_the_page_and_sees_milestones(client, world, assignment):
    for _ in range(3):
        approved_hours(world, assignment, Decimal("4"))
    friend = volunteer(world, "bert", world.organisation).user
    client.force_login(world.people["volunteer"])
    page = client.get(reverse("engagements:mine")).content.decode()
    assert "10" in page and ("Gefeliciteerd" in page or "Congratulations" in page)
    response = client.post(
        reverse("engagements:credits"), {"receiver": friend.pk, "amount": "50", "memo": "Dank"}
    )
    assert response.status_code == 400 and "Dank" in response.content.decode()
    client.post(reverse("engagements:credits"), {"receiver": friend.pk, "amount": "2"})
    assert credits.balance(friend) == 2
    page = client.get(reverse("engagements:credits")).content.decode()
    assert 'id="credit-balance">10<' in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
def test_concurrent_gifts_never_spend_the_same_credits_twice(world, assignment):
    approved_hours(world, assignment, Decimal("5"))
    giver = world.people["volunteer"]
    friends = [volunteer(world, f"vriend{n}", world.organisation).user for n in range(8)]
    barrier = threading.Barrier(len(friends))
    outcomes = []

    def give(friend):
        close_old_connections()
        try:
            barrier.wait()
            credits.give(giver, friend, Decimal("1"))
            outcomes.append("given")
        except EngagementError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=give, args=(f,)) for f in friends]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("given") == 5 and outcomes.count("refused") == 3
    assert credits.balance(giver) == 0
    ledger_is_consistent()
