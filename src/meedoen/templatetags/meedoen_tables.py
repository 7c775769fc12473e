"""Tables that become cards on a narrow screen: each cell carries its column's name
(`data-label`), shown before the value once the table is laid out as cards.

`{% load meedoen_tables %}` then `{% for label, cell in cells|labelled:columns %}` pairs the
cells of a row whose columns are not known in the template with their column names."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

register = template.Library()


@register.filter
def labelled(cells: Iterable, labels: Iterable) -> list[tuple]:
    """The cells of a row with the name of the column each stands in, in order; a cell beyond
    the last name keeps an empty name rather than being left out."""
    names = list(labels)
    return [(names[i] if i < len(names) else "", cell) for i, cell in enumerate(cells)]
