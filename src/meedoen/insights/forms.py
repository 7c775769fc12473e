"""The dashboard's filters: a GET form that keeps its values, the same for the page, the CSV
downloads and the API."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.catalogue.models import Activity, PerformanceField
from meedoen.forms import AccessibleFormMixin
from meedoen.insights import scopes
from meedoen.insights.selectors import Filters
from meedoen.organisations.models import Area

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: The longest period one view counts (the trend has a row per month).
LONGEST_PERIOD = timedelta(days=3 * 366)


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class FiltersForm(AccessibleFormMixin, forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, required=False, empty_label=None
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("Up to and including"), required=False, widget=DATE)
    area = AreaChoice(
        label=_("Neighbourhood or village"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("All areas"),
    )
    performance_field = forms.ModelChoiceField(
        label=_("Wmo performance field"),
        queryset=PerformanceField.objects.filter(is_active=True),
        required=False,
        empty_label=_("All fields"),
    )
    activity = forms.ModelChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.filter(is_active=True),
        required=False,
        empty_label=_("All activities"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("All organisations"),
    )

    def __init__(self, data, *, user, role, **kwargs):
        super().__init__(data, **kwargs)
        self.user, self.role = user, role
        municipalities = scopes.municipalities(user, role).order_by("name")
        self.fields["municipality"].queryset = municipalities
        self.fields["area"].queryset = Area.objects.filter(
            municipality__in=municipalities
        ).order_by("municipality__name", "kind", "name")
        self.fields["organisation"].queryset = scopes.organisations(user, role, None)
        self.single_municipality = municipalities.count() == 1
        if self.single_municipality:
            self.fields["municipality"].widget = forms.HiddenInput()
        today = timezone.localdate()
        default = Filters.last_year(today)
        self.fields["start"].initial = default.start
        self.fields["end"].initial = default.end

    def clean(self):
        data = super().clean()
        municipality = data.get("municipality") or self.fields["municipality"].queryset.first()
        data["municipality"] = municipality
        default = Filters.last_year()
        start, end = data.get("start") or default.start, data.get("end") or default.end
        if end < start:
            self.add_error("end", _("The end of the period lies before its start."))
        elif end - start > LONGEST_PERIOD:
            self.add_error("start", _("Choose a period of at most three years."))
        data["start"], data["end"] = start, end
        for name in ("area", "organisation"):
            chosen = data.get(name)
            if chosen is not None and chosen.municipality_id != getattr(municipality, "pk", None):
                self.add_error(name, _("Choose one of the municipality you look at."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            start=data["start"],
            end=data["end"],
            area=data.get("area"),
            performance_field=data.get("performance_field"),
            activity=data.get("activity"),
        )

    def scope(self) -> scopes.Scope | None:
        municipality = self.cleaned_data.get("municipality")
        if municipality is None:
            return None
        return scopes.resolve(
            self.user, self.role, municipality, self.cleaned_data.get("organisation")
        )
