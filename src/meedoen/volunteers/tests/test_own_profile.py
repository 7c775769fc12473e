"""A volunteer changes their own profile; their coordinator sees what changed."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from meedoen import availability
from meedoen.catalogue.models import Activity, Skill
from meedoen.volunteers.models import Enrolment, VolunteerProfile

pytestmark = pytest.mark.django_db

#: The matching pools are read again when this version changes.
POOL_VERSION_KEY = "meedoen:matching:pool-version"


def _form(world, **changes):
    activity = Activity.objects.filter(is_active=True, care_level=1).first()
    data = {
        "area": world.area.pk,
        "activities": [activity.pk],
        "skills": [],
        "languages": ["nl"],
        "slots": ["tue-afternoon"],
        "travel_km": 5,
        "max_hours_per_week": 4,
        "email": "vrijwilliger@example.nl",
        "phone": "06 12345678",
    }
    data.update(changes)
    return data


def test_a_volunteer_changes_availability_and_the_coordinator_sees_it(client, world):
    volunteer = world.people["volunteer"]
    client.force_login(volunteer)
    assert client.get(reverse("volunteers:profile")).status_code == 200
    skill = Skill.objects.filter(is_active=True).first()
    version = cache.get(POOL_VERSION_KEY)
    response = client.post(
        reverse("volunteers:profile"),
        _form(
            world, slots=["wed-morning", "sat-evening"], skills=[skill.pk], languages=["nl", "ar"]
        ),
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user=volunteer)
    assert profile.availability == availability.to_mask(["wed-morning", "sat-evening"])
    assert profile.language_list == ["nl", "ar"]
    assert list(profile.skills.all()) == [skill]
    assert "availability" in profile.changed_what and profile.changed_at is not None
    assert cache.get(POOL_VERSION_KEY) != version
    volunteer.refresh_from_db()
    assert volunteer.phone == "06 12345678"

    client.force_login(world.people["coordinator"])
    enrolment = Enrolment.objects.get(profile=profile)
    page = client.get(reverse("volunteers:detail", args=[enrolment.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    assert "beschikbaarheid" in page.content.decode()


def test_languages_are_chosen_from_a_list_never_typed(client, world):
    client.force_login(world.people["volunteer"])
    page = client.get(reverse("volunteers:profile"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'type="checkbox" name="languages"' in page and "Arabisch" in page
    response = client.post(reverse("volunteers:profile"), _form(world, languages=["xx"]))
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_only_a_volunteer_has_a_profile_to_change(client, world):
    client.force_login(world.people["coordinator"])
    assert client.get(reverse("volunteers:profile")).status_code == 403
    client.force_login(world.people["citizen"])
    assert client.post(reverse("volunteers:profile"), _form(world)).status_code == 403


def test_a_coordinator_records_talents_and_a_note_at_intake(client, world):
    enrolment = Enrolment.objects.get(profile__user=world.people["volunteer"])
    skill = Skill.objects.filter(is_active=True).first()
    client.force_login(world.people["coordinator"])
    response = client.post(
        reverse("volunteers:intake", args=[enrolment.pk]),
        {"skills": [skill.pk], "intake_note": "Kan goed luisteren, houdt van wandelen."},
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.intake_note == "Kan goed luisteren, houdt van wandelen."
    assert list(enrolment.profile.skills.all()) == [skill]
    page = client.get(reverse("volunteers:detail", args=[enrolment.pk])).content.decode()
    assert "Kan goed luisteren" in page


def test_a_bad_talent_keeps_the_note_and_says_what_is_wrong(client, world):
    enrolment = Enrolment.objects.get(profile__user=world.people["volunteer"])
    client.force_login(world.people["coordinator"])
    response = client.post(
        reverse("volunteers:intake", args=[enrolment.pk]),
        {"skills": ["999999"], "intake_note": "Mijn notitie"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'aria-invalid="true"' in text and "Mijn notitie" in text


def test_only_the_coordinator_of_the_organisation_records_the_intake(client, world):
    enrolment = Enrolment.objects.get(profile__user=world.people["volunteer"])
    data = {"skills": [], "intake_note": "Niet van mij"}
    for person, status in (("stranger", 404), ("volunteer", 403), ("desk", 403)):
        client.force_login(world.people[person])
        response = client.post(reverse("volunteers:intake", args=[enrolment.pk]), data)
        assert response.status_code == status, person
    enrolment.refresh_from_db()
    assert enrolment.intake_note == ""
