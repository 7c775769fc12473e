"""Form fields over the catalogue, shared by every app that asks for activities."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator

from meedoen.catalogue.policy import CareLevel
from meedoen.forms import GroupedCheckboxes


class ActivitiesByCareLevel(ModelChoiceIterator):
    """Activities in one group per care level (one list when they share a level), so that a
    long list reads as welfare first, then the formal care that stays with professionals."""

    def __iter__(self):
        groups: dict[int, list] = {}
        for activity in self.queryset:
            groups.setdefault(activity.care_level, []).append(self.choice(activity))
        if len(groups) == 1:
            yield from next(iter(groups.values()))
            return
        for level, options in sorted(groups.items()):
            yield (str(CareLevel(level).label).capitalize(), options)


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Catalogue activities by name, grouped by care level."""

    iterator = ActivitiesByCareLevel
    widget = GroupedCheckboxes

    def label_from_instance(self, obj):
        return obj.name
