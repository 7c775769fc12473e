"""Time credits as a double-entry ledger (report 4.4, 4.7: exchange and points systems).

Every transaction has entries that sum to zero; a balance is the sum of an account's entries
and is never stored. An organisation's issuing account goes negative by what it has issued
for approved hours; a member's account never goes below zero.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.permissions import is_admin


class CreditAccount(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_account",
        verbose_name=_("member"),
    )
    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_account",
        verbose_name=_("issuing organisation"),
    )
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=True, organisation__isnull=False)
                | Q(owner__isnull=False, organisation__isnull=True),
                name="credit_account_has_one_holder",
            )
        ]
        verbose_name = _("credit account")
        verbose_name_plural = _("credit accounts")

    def __str__(self) -> str:
        return str(self.owner or self.organisation)

    def balance(self) -> Decimal:
        return Decimal(self.entries.aggregate(total=Sum("hundredths"))["total"] or 0) / 100


class TransactionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A member sees the transactions on their own account."""
        if not user or not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(entries__account__owner=user).distinct()


class CreditTransaction(models.Model):
    class Kind(models.TextChoices):
        EARNED = "earned", _("earned with approved hours")
        GIFT = "gift", _("given to another member")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    memo = models.CharField(_("message"), max_length=200, blank=True)
    hours_entry = models.OneToOneField(
        "engagements.HoursEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_transaction",
        verbose_name=_("hours"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    objects = TransactionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("credit transaction")
        verbose_name_plural = _("credit transactions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"

    def amount_for(self, user) -> Decimal:
        """What this transaction did to the member's balance (uses prefetched entries)."""
        return sum(
            (e.amount for e in self.entries.all() if e.account.owner_id == user.pk), Decimal("0")
        )


class CreditEntry(models.Model):
    transaction = models.ForeignKey(
        CreditTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    account = models.ForeignKey(CreditAccount, on_delete=models.PROTECT, related_name="entries")
    #: In hundredths of a credit: whole numbers add up exactly on every database.
    hundredths = models.BigIntegerField(_("credits (hundredths)"))

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(hundredths=0), name="credit_entry_not_zero")
        ]
        verbose_name = _("credit entry")
        verbose_name_plural = _("credit entries")

    def __str__(self) -> str:
        return f"{self.account}: {self.amount}"

    @property
    def amount(self) -> Decimal:
        return Decimal(self.hundredths) / 100
