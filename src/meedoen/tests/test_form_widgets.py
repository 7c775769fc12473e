"""Form widgets: the week as a grid, activities grouped by care level or as a citizen thinks."""

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
    assert registration.count('type="checkbox"') >= 25
    # One level (a volunteer only does welfare): grouped as a citizen thinks of it.
    groups = re.findall(r'<legend class="meedoen-group__legend">([^<]+)</legend>', registration)
    assert groups[:3] == [
        "Gezelschap en uitjes",
        "In en om het huis",
        "Vervoer, boodschappen en afspraken",
    ]
    assert "Verpleging" not in " ".join(groups)


def test_the_request_form_groups_activities_in_plain_words_sorted_within_a_group(db):
    from meedoen.requests.forms import PublicRequestForm
    from meedoen.requests.services import activities_for_public_form

    for language, first, company in (
        (
            "nl",
            "Gezelschap en uitjes",
            ["Een maatje om samen dingen mee te doen", "Iemand die langskomt voor een praatje"],
        ),
        (
            "en",
            "Company and outings",
            ["A buddy to do things with", "Cooking and eating together"],
        ),
    ):
        with translation.override(language):
            field = str(PublicRequestForm(activities=activities_for_public_form())["activities"])
        groups = re.findall(r"<fieldset class=\"meedoen-group\">(.*?)</fieldset>", field, re.S)
        legends = [re.search(r"<legend[^>]*>([^<]+)</legend>", g).group(1) for g in groups]
        assert legends[0] == first and len(legends) >= 6
        assert field.count('type="checkbox"') == 31  # every welfare activity, once
        for group in groups:
            labels = [
                " ".join(label.split())
                for label in re.findall(r"</?input[^>]*>\s*([^<]+)</label>", group)
            ]
            assert labels == sorted(labels, key=str.casefold)
        shown = re.findall(r"</?input[^>]*>\s*([^<]+)</label>", groups[0])
        assert [label.strip() for label in shown][:2] == company
