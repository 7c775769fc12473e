"""Writes of the insights: the number of inhabitants of a municipality's areas."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from meedoen.errors import DomainError
from meedoen.forms import AccessibleFormMixin
from meedoen.organisations.models import Area, Municipality
from meedoen.permissions import is_admin


class PopulationError(DomainError):
    """The numbers of inhabitants cannot be saved; the message says why."""


class PopulationForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Area
        fields = ["population", "population_year"]

    def clean(self):
        data = super().clean()
        if (data.get("population") is None) != (data.get("population_year") is None):
            raise forms.ValidationError(
                _("Give both the number of inhabitants and the year it is from, or neither.")
            )
        return data


@transaction.atomic
def set_population(user, municipality: Municipality, numbers: dict[int, tuple]) -> None:
    """Set {area id: (inhabitants, year)} for areas of this municipality; only its policy
    officer (or an administrator) may."""
    if not (is_admin(user) or municipality.pk in user.policy_municipality_ids()):
        raise PopulationError(_("Only a policy officer of the municipality may do this."))
    areas = {
        a.pk: a
        for a in Area.objects.select_for_update().filter(
            municipality=municipality, pk__in=list(numbers)
        )
    }
    if set(areas) != set(numbers):
        raise PopulationError(_("One of these areas is not in the municipality."))
    for pk, (population, year) in numbers.items():
        area = areas[pk]
        if (area.population, area.population_year) != (population, year):
            area.population, area.population_year = population, year
            area.save(update_fields=["population", "population_year"])
