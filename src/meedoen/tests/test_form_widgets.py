"""Form widgets: the week as a grid, activities grouped by care level."""

from __future__ import annotations

import re

from django.utils import translation

from meedoen.volunteers.forms import RegistrationForm


def test_the_grid_names_every_part_of_the_week_and_keeps_the_choice(db):
    with translation.override("nl"):
        form = RegistrationForm(data={"slots": ["tue-afternoon", "sat-morning"], "first_name": ""})
        html = str(form["slots"])
    assert html.count('type="checkbox"') == 21
    checked = re.findall(r'value="([a-z-]+)"[^>]*checked', html)
    assert sorted(checked) == ["sat-morning", "tue-afternoon"]
    assert html.count('<th scope="row">') == 7 and html.count('<th scope="col">') == 3
    assert "dinsdagmiddag" in html and "Dinsdag" in html
    with translation.override("en"):  # the hidden names too
        english = str(RegistrationForm(data={"slots": []})["slots"])
    assert "Tuesday afternoon" in english and "dinsdag" not in english
    rendered = form.as_div() if hasattr(form, "as_div") else str(form)
    assert "<legend" in rendered  # one group with the question as its name


def test_long_activity_lists_are_grouped_by_care_level(db):
    from django import forms

    from meedoen.catalogue.forms import NamedMultipleChoiceField
    from meedoen.catalogue.models import Activity

    class AllActivities(forms.Form):  # as on the intake and referral forms
        activities = NamedMultipleChoiceField(queryset=Activity.objects.all())

    with translation.override("nl"):
        intake = str(AllActivities()["activities"])
        registration = str(RegistrationForm()["activities"])
    legends = re.findall(r'<legend class="meedoen-group__legend">([^<]+)</legend>', intake)
    assert legends == [
        "Welzijn en ondersteuning",
        "Huishoudelijke verzorging",
        "Persoonlijke verzorging",
        "Verpleging en voorbehouden handelingen",
        "Behandeling",
    ]
    assert intake.index("Bezoek en gezelschap") < intake.index("Hulp bij wassen en douchen")
    assert "meedoen-group__legend" not in registration  # one level: one plain list
    assert registration.count('type="checkbox"') >= 25
