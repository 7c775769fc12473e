"""Notation for pages, built into every template (the `builtins` of `TEMPLATES` in settings):
`{{ km|distance }}`, `{{ x|number:1 }}`, `{{ amount|money }}`, `{{ n|hours }}`, `{{ d|day }}`,
`{{ d|day_short }}`, `{{ d|weekday_day }}`, `{{ d|month }}`, `{{ at|moment }}` and
`{{ limit|deadline }}`; see `meedoen.notation`."""

from __future__ import annotations

from django import template

from meedoen import notation

register = template.Library()


@register.filter
def number(value, places=None):
    return notation.number(value, None if places in (None, "") else int(places))


register.filter("distance", notation.distance)
register.filter("money", notation.money)
register.filter("hours", notation.hours)
register.filter("day", notation.day)
register.filter("day_short", notation.day_short)
register.filter("month", notation.month)
register.filter("moment", notation.moment)
register.filter("deadline", notation.deadline)
register.filter("weekday_day", notation.weekday_day)
