"""How numbers, distances, money, hours, dates and times read for people, per language.

One place for the notation of every page and every mail: Dutch writes "1,3 km", "30 november
2026" and "€ 12,50"; English "1.3 km", "30 November 2026" and "€12.50". The formats live in
`meedoen.formats` (Django's localisation); the template filters in
`meedoen.templatetags.meedoen_format` call these functions. Machine formats (CSV, the API)
stay ISO with a decimal point and never come through here.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

Number = int | float | Decimal


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def number(value: object, places: int | None = None) -> str:
    """A number in the active language: `places` decimals, or (None) as many as it has up to
    two, none for a whole number: 2 → "2", 1.5 → "1,5", 35.7129 (places=1) → "35,7"."""
    amount = _decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    if places is None:
        amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
        shown = max(0, -amount.as_tuple().exponent)  # type: ignore[operator]
        amount = amount.quantize(Decimal(1).scaleb(-shown))
    else:
        shown = places
        amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if amount == 0:
        amount = abs(amount)  # never "-0"
    return formats.number_format(amount, shown, use_l10n=True, force_grouping=True)


def distance(km: object) -> str:
    """A distance for people: "1,3 km"; under 100 metres "less than 100 m", from 10 km on in
    whole kilometres, and "5 km" rather than "5,0 km". Fast (no `number_format`): matching
    explains every candidate with it."""
    try:
        value = float(km)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if not value < 0.1:
        if value >= 1000:
            shown = number(value, 0)
        else:
            whole = value >= 10 or round(value, 1) == round(value)
            shown = f"{value:.0f}" if whole else f"{value:.1f}"
            shown = shown.replace(".", str(formats.get_format("DECIMAL_SEPARATOR")))
        return _("%(km)s km") % {"km": shown}
    return _("less than 100 m")


def money(amount: object) -> str:
    """An amount in euros: "€ 12,50" in Dutch, "€12.50" in English; whole euros without
    cents ("€ 15")."""
    value = _decimal(amount)
    if value is None:
        return ""
    places = 0 if value == value.to_integral_value() else 2
    shown = number(value, places)
    return f"€ {shown}" if _dutch() else f"€{shown}"


def hours(value: object) -> str:
    """A number of hours with the right plural: "1 uur", "2,5 uur"; "1 hour", "2.5 hours"."""
    amount = _decimal(value) or Decimal(0)
    count = 1 if amount == 1 else 2
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": number(amount)}


def _local(value: datetime.date | datetime.datetime) -> datetime.date | datetime.datetime:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def day(value: datetime.date | datetime.datetime | None) -> str:
    """A day: "30 november 2026" / "30 November 2026" (a moment counts in local time)."""
    if value is None or value == "":
        return ""
    return formats.date_format(_local(value), "DATE_FORMAT", use_l10n=True)


def day_short(value: datetime.date | datetime.datetime | None) -> str:
    """A day of this year without the year: "30 november"; another year's day keeps its year."""
    if value is None or value == "":
        return ""
    local = _local(value)
    if local.year != timezone.localdate().year:
        return day(local)
    return formats.date_format(local, "MONTH_DAY_FORMAT", use_l10n=True)


def month(value: datetime.date | datetime.datetime | None) -> str:
    """A month: "november 2026" / "November 2026"."""
    if value is None or value == "":
        return ""
    return formats.date_format(_local(value), "YEAR_MONTH_FORMAT", use_l10n=True)


def moment(value: datetime.datetime | None) -> str:
    """A day and a time in local time: "30 november 2026, 14:05"."""
    if value is None or value == "":
        return ""
    return formats.date_format(_local(value), "DATETIME_FORMAT", use_l10n=True)


def deadline(value: datetime.datetime | None) -> str:
    """A time limit people can remember: the local time rounded down to the whole hour (never
    later than the real limit), and only the day when that is midnight: "30 november 2026,
    14:00", or "1 december 2026" for a limit at 00:03 that day."""
    if value is None or value == "":
        return ""
    local = _local(value)
    if not isinstance(local, datetime.datetime):
        return day(local)
    rounded = local.replace(minute=0, second=0, microsecond=0)
    if rounded.hour == 0:
        return day(rounded)
    return moment(rounded)


def _dutch() -> bool:
    return not (get_language() or "nl").startswith("en")


def weekday_day(value: datetime.date | datetime.datetime | None) -> str:
    """A day with its weekday, for appointments: "dinsdag 1 december 2026"."""
    if value is None or value == "":
        return ""
    pattern = "l " + str(formats.get_format("DATE_FORMAT", use_l10n=True))
    return formats.date_format(_local(value), pattern, use_l10n=True)
