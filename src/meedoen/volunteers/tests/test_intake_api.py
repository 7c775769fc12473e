"""PATCH /api/v1/volunteers/{id}: the intake's skills and talents and note, through the API,
only for a coordinator of the volunteer's own organisation."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from meedoen.accounts.tests.factories import MembershipFactory
from meedoen.catalogue.models import Skill
from meedoen.volunteers.models import Enrolment

pytestmark = pytest.mark.django_db


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(world):
    return f"/api/v1/volunteers/{world.people['volunteer'].volunteer_profile.pk}"


def test_a_coordinator_records_the_intake_through_the_api(world):
    skills = list(Skill.objects.filter(is_active=True).order_by("pk")[:2])
    client = api_for(world.people["coordinator"])
    response = client.patch(
        url(world),
        {"skills": [s.pk for s in skills], "intake_note": "Kan goed luisteren"},
        format="json",
    )
    assert response.status_code == 200
    enrolment = Enrolment.objects.get(profile__user=world.people["volunteer"])
    assert response.json() == {
        "id": enrolment.profile_id,
        "organisation": world.organisation.pk,
        "skills": [s.pk for s in skills],
        "intake_note": "Kan goed luisteren",
    }
    assert enrolment.intake_note == "Kan goed luisteren"
    assert set(enrolment.profile.skills.all()) == set(skills)
    # A field left out stays as it was.
    response = client.patch(url(world), {"intake_note": "Wandelt graag"}, format="json")
    assert response.status_code == 200 and response.json()["skills"] == [s.pk for s in skills]
    enrolment.refresh_from_db()
    assert enrolment.intake_note == "Wandelt graag"


def test_bad_input_is_a_problem_naming_the_field(world):
    client = api_for(world.people["coordinator"])
    for body, field in (
        ({"skills": [999999]}, "skills"),
        ({"skills": "driving"}, "skills"),
        ({"intake_note": "x" * 3001}, "intake_note"),
    ):
        response = client.patch(url(world), body, format="json", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, body
        assert response["Content-Type"] == "application/problem+json"
        assert [p["name"] for p in response.json()["invalid_params"]] == [field]
    enrolment = Enrolment.objects.get(profile__user=world.people["volunteer"])
    assert enrolment.intake_note == "" and not enrolment.profile.skills.exists()


def test_only_a_coordinator_of_the_volunteers_organisation_records_it(world):
    body = {"intake_note": "Niet van mij"}
    # The volunteer sees their own file and the desk routes them: refused. Others: not there.
    for person, status in (("volunteer", 403), ("desk", 403), ("stranger", 404), ("policy", 404)):
        response = api_for(world.people[person]).patch(url(world), body, format="json")
        assert response.status_code == status, person
    enrolment = Enrolment.objects.get(profile__user=world.people["volunteer"])
    assert enrolment.intake_note == ""


def test_a_coordinator_of_two_of_the_volunteers_organisations_names_one(world):
    coordinator = world.people["coordinator"]
    MembershipFactory(user=coordinator, organisation=world.other_organisation)
    profile = world.people["volunteer"].volunteer_profile
    Enrolment.objects.create(profile=profile, organisation=world.other_organisation)
    client = api_for(coordinator)
    response = client.patch(url(world), {"intake_note": "Welke?"}, format="json")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["organisation"]
    response = client.patch(
        url(world),
        {"organisation": world.other_organisation.pk, "intake_note": "Hier"},
        format="json",
    )
    assert response.status_code == 200
    notes = dict(profile.enrolments.values_list("organisation_id", "intake_note"))
    assert notes == {world.organisation.pk: "", world.other_organisation.pk: "Hier"}
