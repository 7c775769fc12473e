"""Notation for pages, built into every template (the `builtins` of `TEMPLATES` in settings):
`{{ km|distance }}`, `{{ x|number:1 }}`, `{{ amount|money }}`, `{{ n|hours }}`, `{{ d|day }}`,
`{{ d|day_short }}`, `{{ d|weekday_day }}`, `{{ d|month }}`, `{{ at|moment }}` and
`{{ limit|deadline }}`; see `meedoen.notation`. `<p{{ vacancy.language|lang_of_part }}>` marks
text people wrote in another language than the page's, and
`{{ vacancy.title|in_language:vacancy.language }}` a quote of it inside a sentence of the page."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from meedoen import i18n, notation

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


@register.filter
def lang_of_part(language: str) -> str:
    """` lang="en"` for the element holding text people wrote (a vacancy, a request's
    description) when it is in another language than the page, so that a screen reader
    reads it in its own language (WCAG 3.1.2); nothing when the languages agree."""
    page = (get_language() or "nl").split("-")[0]
    if not language or language.split("-")[0] == page:
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def in_language(text: str, language: str) -> str:
    """A quote of text people wrote inside a sentence of the page, in a `<span lang>` when its
    language differs from the page's: `{% blocktranslate with title=vacancy.title|in_language:
    vacancy.language %}Responses to {{ title }}{% endblocktranslate %}`."""
    return i18n.in_language(text, language)
