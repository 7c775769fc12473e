"""Forms of the organisations' own pages (the views of their details and people live in
`accounts`, which knows who invites whom; the task-division register's here)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.catalogue.models import Activity
from meedoen.forms import AccessibleFormMixin
from meedoen.organisations.models import Area, Municipality, Organisation, TaskDivision


class _AreasMixin:
    def limit_areas(self, municipality_ids) -> None:
        field = self.fields["areas"]  # type: ignore[attr-defined]
        field.queryset = Area.objects.filter(municipality_id__in=municipality_ids)
        field.required = False
        field.label_from_instance = lambda area: area.name


class NewOrganisationForm(AccessibleFormMixin, _AreasMixin, forms.ModelForm):
    in_network = forms.BooleanField(label=_("Member of our central desk's network"), required=False)

    class Meta:
        model = Organisation
        fields = ["municipality", "name", "type", "sector", "areas", "email", "phone"]
        widgets = {"areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, municipality_ids=(), with_network=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.filter(
            pk__in=municipality_ids
        )
        if len(municipality_ids) == 1:
            self.fields["municipality"].initial = next(iter(municipality_ids))
        self.limit_areas(municipality_ids)
        if not with_network:
            del self.fields["in_network"]
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def validate_unique(self) -> None:
        """The service says when the name is taken (in the user's words)."""


class OwnOrganisationForm(AccessibleFormMixin, _AreasMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["type", "sector", "areas", "email", "phone", "volunteer_care_level"]
        widgets = {"areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_areas([self.instance.municipality_id])
        widest = self.instance.municipality.widest_volunteer_care_level
        level = self.fields["volunteer_care_level"]
        level.choices = [(value, label) for value, label in level.choices if value <= widest]


class BoundaryLimitForm(AccessibleFormMixin, forms.ModelForm):
    """The municipality's limit on its organisations' boundary policies."""

    class Meta:
        model = Municipality
        fields = ["widest_volunteer_care_level"]
        widgets = {"widest_volunteer_care_level": forms.RadioSelect}


class TaskDivisionForm(AccessibleFormMixin, forms.Form):
    """One change in the register: who does an activity from when on, and why."""

    activity = forms.ModelChoiceField(label=_("Activity"), queryset=None)
    done_by = forms.ChoiceField(
        label=_("Who does it from now on"),
        choices=TaskDivision.DoneBy.choices,
        widget=forms.RadioSelect,
    )
    since = forms.DateField(
        label=_("Since"),
        help_text=_("The day the change started."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=300,
        help_text=_("In a few words, for example: the home care no longer comes to the village."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["activity"]
        field.queryset = Activity.objects.filter(is_active=True).order_by("care_level", "name_nl")
        field.label_from_instance = lambda activity: activity.name


class AreaForm(AccessibleFormMixin, forms.ModelForm):
    """A neighbourhood or village of the municipality, with its centre and inhabitants."""

    class Meta:
        model = Area
        fields = [
            "name",
            "kind",
            "latitude",
            "longitude",
            "postcodes",
            "population",
            "population_year",
        ]
        help_texts = {
            "latitude": _("As on a map, for example 52,37 (for distances to volunteers)."),
            "longitude": _("As on a map, for example 4,89."),
        }

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is not None and len(municipalities) > 1:
            self.fields["municipality"] = forms.ModelChoiceField(
                label=_("Municipality"),
                queryset=Municipality.objects.filter(pk__in=[m.pk for m in municipalities]),
            )
            self.order_fields(["municipality"])
        for name in ("latitude", "longitude"):
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
            self.fields[name].widget.is_localized = True

    def validate_unique(self) -> None:
        """The service says when the name is taken (in the user's words)."""
