"""The volunteer allowance against the tax-free limits: a pure check, no database.

The Belastingdienst treats a volunteer allowance as tax-free while it stays within a maximum
per hour (lower under 21), per month and per calendar year, counted over all organisations
that pay it. Costs paid back on receipt do not count. Above any limit the whole allowance
becomes taxable income, so the coordinator is warned before approving such a payment.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Limits:
    year: int
    per_hour: Decimal
    per_hour_under_21: Decimal
    per_month: Decimal
    per_year: Decimal


#: Pre-filled values; administrators keep them current per year.
KNOWN_LIMITS = {
    2025: Limits(2025, Decimal("5.60"), Decimal("3.30"), Decimal("210"), Decimal("2100")),
    2026: Limits(2026, Decimal("5.75"), Decimal("3.40"), Decimal("220"), Decimal("2200")),
}


def amount(hours: Decimal, rate: Decimal) -> Decimal:
    return (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def problems(
    limits: Limits | None,
    *,
    rate: Decimal,
    hours: Decimal,
    paid_this_month: Decimal,
    paid_this_year: Decimal,
    under_21: bool = False,
) -> list[str]:
    """Why paying `hours` × `rate` now would not be a tax-free volunteer allowance; empty
    when it stays within every limit (or no allowance is paid)."""
    if rate <= 0:
        return []
    if limits is None:
        return [_("No tax-free limits are known for this year; ask the administrator.")]
    found = []
    per_hour = limits.per_hour_under_21 if under_21 else limits.per_hour
    if rate > per_hour:
        found.append(
            _("The allowance of € %(rate)s per hour is above the tax-free € %(max)s per hour.")
            % {"rate": rate, "max": per_hour}
        )
    pay = amount(hours, rate)
    if paid_this_month + pay > limits.per_month:
        found.append(
            _(
                "This payment of € %(pay)s brings the month to € %(total)s, above the "
                "tax-free € %(max)s per month."
            )
            % {"pay": pay, "total": paid_this_month + pay, "max": limits.per_month}
        )
    if paid_this_year + pay > limits.per_year:
        found.append(
            _(
                "This payment of € %(pay)s brings the year to € %(total)s, above the "
                "tax-free € %(max)s per year."
            )
            % {"pay": pay, "total": paid_this_year + pay, "max": limits.per_year}
        )
    return found
