"""Form fields over the catalogue, shared by every app that asks for activities."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import get_language

from meedoen.catalogue.models import ActivityGroup
from meedoen.catalogue.policy import CareLevel
from meedoen.forms import GroupedCheckboxes


def by_group(choices: list[tuple[object, str, str]]):
    """(value, label, group) as one group per activity group, in the groups' order, each
    sorted by its label as it reads in the active language."""
    order = {code: index for index, code in enumerate(ActivityGroup.values)}
    names = dict(ActivityGroup.choices)
    groups: dict[str, list] = {}
    for value, label, group in choices:
        groups.setdefault(group, []).append((value, label))
    for group in sorted(groups, key=lambda code: order.get(code, len(order))):
        options = sorted(groups[group], key=lambda option: str(option[1]).casefold())
        yield (str(names.get(group, ActivityGroup.OTHER.label)), options)


class ActivitiesByGroup(ModelChoiceIterator):
    """Activities as a citizen thinks of them (company and outings, at home, transport, ...),
    one group each, sorted within a group."""

    def __iter__(self):
        choices = []
        for activity in self.queryset:
            value, label = self.choice(activity)
            choices.append((value, label, activity.group))
        yield from by_group(choices)


class ActivitiesByCareLevel(ModelChoiceIterator):
    """Activities in one group per care level, so that a long list reads as welfare first,
    then the formal care that stays with professionals. When they share a level (a volunteer
    only does welfare), they are grouped as a citizen thinks of them instead."""

    def __iter__(self):
        activities = list(self.queryset)
        groups: dict[int, list] = {}
        for activity in activities:
            groups.setdefault(activity.care_level, []).append(self.choice(activity))
        if len(groups) <= 1:
            yield from by_group(
                [(*self.choice(activity), activity.group) for activity in activities]
            )
            return
        for level, options in sorted(groups.items()):
            yield (str(CareLevel(level).label).capitalize(), options)


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Catalogue activities by name, grouped by care level (or, within one level, as a
    citizen thinks of them)."""

    iterator = ActivitiesByCareLevel
    widget = GroupedCheckboxes

    def label_from_instance(self, obj):
        return obj.name


class PlainActivityField(forms.ModelMultipleChoiceField):
    """Activities in everyday words for people who ask for help, grouped as they think of
    them."""

    iterator = ActivitiesByGroup
    widget = GroupedCheckboxes

    def label_from_instance(self, obj):
        plain = obj.plain_en if (get_language() or "nl").startswith("en") else obj.plain_nl
        return plain or obj.name
