"""The admin names what Meedoen stores as codes: an administrator ticks languages by name and
parts of the week in the week grid, and never reads or types "nl,en" or a number of bits."""

from __future__ import annotations

import re

import pytest
from django.forms import modelform_factory

from meedoen import availability
from meedoen.forms import PlainValuesAdminForm
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db


def test_the_volunteer_profile_in_the_admin_shows_languages_and_week_parts_by_name(client, world):
    profile = VolunteerProfile.objects.get(user=world.people["volunteer"])
    profile.languages = "nl,ar"
    profile.availability = availability.to_mask(["tue-afternoon"])
    profile.changed_what = "languages,availability"
    profile.save()
    client.force_login(world.people["admin"])

    page = client.get(f"/admin/volunteers/volunteerprofile/{profile.pk}/change/").content.decode()

    assert re.search(r'value="ar" id="[^"]+" checked>\s*Arabisch', page)
    assert re.search(r'value="nl" id="[^"]+" checked>\s*Nederlands', page)
    assert re.search(r'value="tue-afternoon" id="[^"]+" checked>\s*<span[^>]*>dinsdagmiddag', page)
    assert "nl,ar" not in page and "Taalcodes" not in page
    assert "languages,availability" not in page


def test_ticking_languages_and_week_parts_in_the_admin_stores_them_for_matching(world):
    profile = VolunteerProfile.objects.get(user=world.people["volunteer"])
    form_class = modelform_factory(
        VolunteerProfile, form=PlainValuesAdminForm, fields=["languages", "availability"]
    )

    unchanged = form_class({"languages": ["nl"], "availability": []}, instance=profile)
    assert unchanged.is_valid() and not unchanged.has_changed()

    form = form_class(
        {"languages": ["nl", "ti"], "availability": ["mon-morning", "sat-evening"]},
        instance=profile,
    )
    assert form.is_valid(), form.errors
    form.save()
    profile.refresh_from_db()
    assert profile.language_list == ["nl", "ti"]
    assert availability.to_slots(profile.availability) == ["mon-morning", "sat-evening"]

    nothing = form_class({"languages": [], "availability": []}, instance=profile)
    assert not nothing.is_valid() and "languages" in nothing.errors


def test_a_language_outside_meedoens_list_stays_a_choice_by_its_name(world):
    help_request = HelpRequestFactory(languages="nl,it")
    form_class = modelform_factory(
        type(help_request), form=PlainValuesAdminForm, fields=["languages"]
    )
    form = form_class(instance=help_request)
    assert ("it", "Italiaans") in [(c, str(n)) for c, n in form.fields["languages"].choices]
    assert form_class({"languages": ["nl", "it"]}, instance=help_request).is_valid()
