"""Suggestions for one request, on the page and through the API, from the database."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from meedoen import availability
from meedoen.accounts.models import User
from meedoen.catalogue.models import Activity, Motive
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.volunteers.models import Enrolment, VolunteerProfile


def volunteer(world, username, organisation, **fields):
    profile = VolunteerProfile.objects.create(
        user=User.objects.create(username=username, first_name=username.title()),
        area=fields.pop("area", world.area),
        availability=fields.pop("mask", availability.ALL),
        vog_issued_on=fields.pop("vog", "2025-06-01"),
        **fields,
    )
    Enrolment.objects.create(profile=profile, organisation=organisation, status="active")
    return profile


@pytest.fixture
def ready_request(world):
    return HelpRequestFactory.ready(
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        first_name="Truus",
        self_reliance=3,
        availability=availability.to_mask(["tue-afternoon"]),
    )


def test_only_feasible_volunteers_are_suggested_best_first(world, ready_request, client):
    good = volunteer(world, "anna", world.organisation)
    good.activities.set([Activity.objects.get(code="visiting")])
    good.motives.set([Motive.objects.get(code="social-contact")])
    fair = volunteer(world, "bert", world.organisation)
    volunteer(world, "cees", world.other_organisation)  # another organisation
    volunteer(world, "dirk", world.organisation, mask=availability.to_mask(["mon-morning"]))
    volunteer(world, "eva", world.organisation, vog=None)  # no VOG: required at self-reliance 3
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("requests:detail", args=[ready_request.pk])).content.decode()
    assert page.index("Anna") < page.index("Bert")
    for name in ("Cees", "Dirk", "Eva"):
        assert f"{name} <span" not in page
    explained = client.get(
        reverse("requests:detail", args=[ready_request.pk]),
        {"volunteer": VolunteerProfile.objects.get(user__username="dirk").pk},
    ).content.decode()
    assert "Geen dagdeel gemeenschappelijk" in explained or "gemeen" in explained

    api = APIClient()
    api.force_authenticate(world.people["coordinator"])
    response = api.get(f"/api/v1/help-requests/{ready_request.pk}/suggestions")
    assert response.status_code == 200
    assert [s["volunteer"] for s in response.json()] == [good.pk, fair.pk]
    assert response.json()[0]["fits"]
    one = api.get(
        f"/api/v1/help-requests/{ready_request.pk}/suggestions",
        {"volunteer": VolunteerProfile.objects.get(user__username="eva").pk},
    ).json()
    assert len(one) == 1
    one = one[0]
    assert one["feasible"] is False and one["problems"]


def test_suggestions_are_for_the_handling_coordinator_only(world, ready_request):
    for role in ("stranger", "professional", "volunteer", "policy"):
        api = APIClient()
        api.force_authenticate(world.people[role])
        response = api.get(f"/api/v1/help-requests/{ready_request.pk}/suggestions")
        assert response.status_code == 404


def test_suggestions_follow_changes_to_volunteers_at_once(world, ready_request):
    """The pool of volunteers is kept between requests; a change must show the next time."""
    from meedoen.matching import selectors

    def suggested():
        return [volunteer.id for volunteer, _verdict, _name in selectors.suggestions(ready_request)]

    anna = volunteer(world, "anna", world.organisation)
    assert suggested() == [anna.pk]
    bert = volunteer(world, "bert", world.organisation)
    assert set(suggested()) == {anna.pk, bert.pk}
    Enrolment.objects.filter(profile=anna).get().delete()
    assert suggested() == [bert.pk]
    bert.availability = availability.to_mask(["mon-morning"])
    bert.save()
    assert suggested() == []


def test_suggestions_say_what_rules_out_and_what_only_makes_less_suitable(
    world, ready_request, client
):
    """Every suggestion meets every rule; not having said they like the activity only lowers
    the score, and reads so. The coordinator sees the volunteer's parts of the week beside the
    request's, in words, and distances in Dutch notation."""
    from django.conf import settings

    ready_request.availability = availability.to_mask(["tue-afternoon", "thu-evening"])
    ready_request.save()
    world.other_area.latitude, world.other_area.longitude = 51.56, 5.45  # some 7 km away
    world.other_area.save()
    keen = volunteer(
        world,
        "anna",
        world.organisation,
        mask=availability.to_mask(["mon-morning", "tue-afternoon", "tue-evening"]),
    )
    keen.activities.set([Activity.objects.get(code="visiting")])
    volunteer(  # never said they like visiting, and lives in the village
        world,
        "bert",
        world.organisation,
        area=world.other_area,
        travel_km=25,
        mask=availability.to_mask(["thu-evening"]),
    )
    volunteer(world, "eva", world.organisation, vog=None)  # no VOG: ruled out
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("requests:detail", args=[ready_request.pk])).content.decode()
    suggestions = page[page.index('id="suggestions-heading"') :]
    assert "Anna" in suggestions and "Bert" in suggestions and "Eva" not in suggestions
    assert "Past niet" not in suggestions
    bert = suggestions[suggestions.index("Bert") :]
    assert "Minder passend" in bert
    assert "Heeft niet aangegeven deze activiteiten graag te doen." in bert
    anna = suggestions[suggestions.index("Anna") : suggestions.index("Bert")]
    assert "Minder passend" not in anna
    assert "maandag: ochtend" in anna and "dinsdag: middag, avond" in anna
    assert anna.count("dinsdag: middag") == 2  # and in common with the request
    details = page[: page.index('id="suggestions-heading"')]
    assert "dinsdag: middag" in details and "donderdag: avond" in details
    distance = re.search(r"Woont op (\d+,\d) km afstand", bert)
    assert distance and distance.group(1) != "0,0"
    assert re.search(r"score \d+,\d\)", anna)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("requests:detail", args=[ready_request.pk])).content.decode()
    assert "Less suitable" in page and "Tuesday: afternoon, evening" in page
    assert re.search(r"Lives \d+\.\d km away", page)


def test_the_api_tells_less_suitable_apart_and_gives_the_week(world, ready_request):
    ready_request.availability = availability.to_mask(["tue-afternoon", "thu-evening"])
    ready_request.save()
    anna = volunteer(
        world,
        "anna",
        world.organisation,
        mask=availability.to_mask(["tue-afternoon", "sun-evening"]),
    )
    api = APIClient()
    api.force_authenticate(world.people["coordinator"])
    [row] = api.get(
        f"/api/v1/help-requests/{ready_request.pk}/suggestions", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert row["volunteer"] == anna.pk and row["feasible"] is True and row["problems"] == []
    assert row["less_suitable"] == ["Did not say they would like to do these activities."]
    assert row["misses"] == row["less_suitable"]  # the earlier name, kept for clients
    assert row["availability"] == ["tue-afternoon", "sun-evening"]
    assert row["in_common"] == ["tue-afternoon"]
    assert row["distance_km"] == 0.0
    absent = volunteer(world, "cees", world.organisation, vog=None)
    one = api.get(
        f"/api/v1/help-requests/{ready_request.pk}/suggestions",
        {"volunteer": absent.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()[0]
    assert one["volunteer"] == absent.pk and one["feasible"] is False
    assert one["problems"] == ["No valid certificate of conduct (VOG)."]


def test_the_api_gives_suggestions_as_their_schema_does(world, ready_request):
    """The list of suggestions is written without the serializer's fields: the same keys, in
    the same order, with the same values and types as `SuggestionSerializer` gives."""
    import json

    from meedoen.matching.api.serializers import SuggestionSerializer
    from meedoen.matching.api.views import _suggestion
    from meedoen.matching.selectors import suggestions

    ready_request.availability = availability.to_mask(["tue-afternoon", "thu-evening"])
    ready_request.save()
    keen = volunteer(world, "anna", world.organisation, mask=availability.to_mask(["thu-evening"]))
    keen.activities.set([Activity.objects.get(code="visiting")])
    keen.motives.set([Motive.objects.get(code="social-contact")])
    volunteer(world, "bert", world.organisation, travel_km=12)
    api = APIClient()
    api.force_authenticate(world.people["coordinator"])
    response = api.get(f"/api/v1/help-requests/{ready_request.pk}/suggestions")
    rows = [
        _suggestion(ready_request, found, verdict, name)
        for found, verdict, name in suggestions(ready_request)
    ]
    assert len(rows) == 2
    expected = json.dumps(SuggestionSerializer(rows, many=True).data)
    assert json.dumps(response.json()) == expected
