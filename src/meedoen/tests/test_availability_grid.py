"""The week as a grid: every part of the week one named checkbox, what was chosen kept."""

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
    assert "dinsdag middag" in html and "Dinsdag" in html
    rendered = form.as_div() if hasattr(form, "as_div") else str(form)
    assert "<legend" in rendered  # one group with the question as its name
