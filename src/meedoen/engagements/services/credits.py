"""The time-credit ledger: earn with approved hours, give to another member.

Double entry: every transaction writes entries that sum to zero, in one database
transaction. A member's balance is the sum of their entries; a gift locks the giver's account
row first, so two gifts at once cannot spend the same credits twice.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from meedoen.engagements.models import CreditAccount, CreditEntry, CreditTransaction, HoursEntry
from meedoen.engagements.services import EngagementError
from meedoen.volunteers import lifecycle

#: Milestones in approved hours, celebrated when reached.
MILESTONES = (10, 25, 50, 100, 250, 500, 1000)
MAX_GIFT = Decimal("100")


def _account(**holder) -> CreditAccount:
    try:
        with transaction.atomic():
            account, _created = CreditAccount.objects.get_or_create(**holder)
    except IntegrityError:  # opened at the same moment elsewhere
        account = CreditAccount.objects.get(**holder)
    return account


def account_for(user) -> CreditAccount:
    return _account(owner=user)


def issuer_for(organisation) -> CreditAccount:
    return _account(organisation=organisation)


def hundredths(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).to_integral_value())


def balance(user) -> Decimal:
    total = CreditEntry.objects.filter(account__owner=user).aggregate(total=Sum("hundredths"))
    return Decimal(total["total"] or 0) / 100


def _post(kind, entries, *, memo="", actor=None, hours_entry=None) -> CreditTransaction:
    if sum(amount for _account, amount in entries) != 0:
        raise ValueError("entries of a transaction must sum to zero")
    record = CreditTransaction.objects.create(
        kind=kind, memo=memo, created_by=actor, hours_entry=hours_entry
    )
    CreditEntry.objects.bulk_create(
        [
            CreditEntry(transaction=record, account=account, hundredths=hundredths(amount))
            for account, amount in entries
        ]
    )
    return record


@transaction.atomic
def earn(entry: HoursEntry, actor=None) -> CreditTransaction | None:
    """Approved hours earn as many credits, issued by the organisation; once per entry."""
    if entry.status != HoursEntry.Status.APPROVED:
        raise EngagementError(_("Only approved hours earn credits."))
    existing = CreditTransaction.objects.filter(hours_entry=entry).first()
    if existing is not None:
        return existing
    member = account_for(entry.assignment.profile.user)
    issuer = issuer_for(entry.assignment.organisation)
    amount = Decimal(entry.hours)
    return _post(
        CreditTransaction.Kind.EARNED,
        [(issuer, -amount), (member, amount)],
        memo=str(entry.date),
        actor=actor,
        hours_entry=entry,
    )


def community_of(user) -> set[int]:
    """A member's community: the organisations they volunteer for actively."""
    from meedoen.volunteers.models import Enrolment

    return set(
        Enrolment.objects.filter(profile__user=user, status=lifecycle.ACTIVE).values_list(
            "organisation_id", flat=True
        )
    )


def same_community(giver, receiver) -> bool:
    return bool(community_of(giver) & community_of(receiver))


def community_members(user):
    """The other volunteers of the member's community, to give credits to."""
    from meedoen.volunteers.models import VolunteerProfile

    return (
        VolunteerProfile.objects.filter(
            enrolments__organisation_id__in=community_of(user),
            enrolments__status=lifecycle.ACTIVE,
        )
        .exclude(user=user)
        .select_related("user")
        .distinct()
        .order_by("user__first_name", "user__last_name")
    )


@transaction.atomic
def give(giver, receiver, amount: Decimal, memo: str = "") -> CreditTransaction:
    """Give credits to another member of the same community."""
    amount = Decimal(amount)
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise EngagementError(_("Give a positive number of credits (at most two decimals)."))
    if amount > MAX_GIFT:
        raise EngagementError(
            _("You can give at most %(max)s credits at once.") % {"max": MAX_GIFT}
        )
    if receiver is None or receiver.pk == giver.pk:
        raise EngagementError(_("Choose another member to give credits to."))
    if not same_community(giver, receiver):
        raise EngagementError(_("You can give credits only to a member of your own community."))
    source = account_for(giver)
    target = account_for(receiver)
    # Lock both accounts in a fixed order: concurrent gifts wait, and never deadlock.
    locked = {
        a.pk: a
        for a in CreditAccount.objects.select_for_update()
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    source = locked[source.pk]
    available = Decimal(source.entries.aggregate(total=Sum("hundredths"))["total"] or 0) / 100
    if available < amount:
        raise EngagementError(
            _("You have %(balance)s credits; you cannot give %(amount)s.")
            % {"balance": available, "amount": amount}
        )
    return _post(
        CreditTransaction.Kind.GIFT,
        [(source, -amount), (locked[target.pk], amount)],
        memo=memo.strip()[:200],
        actor=giver,
    )


def milestones(total_hours: Decimal) -> tuple[int | None, int | None]:
    """The highest milestone reached and the next one."""
    reached = [m for m in MILESTONES if total_hours >= m]
    ahead = [m for m in MILESTONES if total_hours < m]
    return (reached[-1] if reached else None, ahead[0] if ahead else None)
