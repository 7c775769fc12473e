"""The day a request came in: a request taken by telephone or on paper gets it at intake."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meedoen.catalogue.models import Activity
from meedoen.requests import services
from meedoen.requests.tests.factories import HelpRequestFactory


def intake(world, **extra):
    data = {
        "activities": [Activity.objects.get(code="visiting").pk],
        "self_reliance": "4",
        "urgency": "normal",
        "slots": ["mon-morning"],
        "languages": "nl",
    }
    data.update(extra)
    return data


@pytest.fixture
def in_intake(world):
    return HelpRequestFactory.in_intake(
        coordinator=world.people["coordinator"], area=world.area, organisation=world.organisation
    )


def test_the_coordinator_gives_the_day_it_came_in_and_the_page_shows_it(client, world, in_intake):
    client.force_login(world.people["coordinator"])
    url = reverse("requests:classify", args=[in_intake.pk])
    response = client.post(url, intake(world, received_on="2026-03-02"))
    assert response.status_code == 302
    in_intake.refresh_from_db()
    assert timezone.localdate(in_intake.received_at) == date(2026, 3, 2)
    assert in_intake.created_at.date() != date(2026, 3, 2)  # entered now, came in then
    page = client.get(reverse("requests:detail", args=[in_intake.pk])).content.decode()
    assert "2 maart 2026" in page


def test_a_day_in_the_future_is_refused_and_the_form_keeps_what_was_typed(client, world, in_intake):
    before = in_intake.received_at
    client.force_login(world.people["coordinator"])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("requests:classify", args=[in_intake.pk]),
        intake(world, received_on=tomorrow, languages="nl,tr"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "kan niet in de toekomst liggen" in page
    assert f'value="{tomorrow}"' in page and 'value="nl,tr"' in page
    in_intake.refresh_from_db()
    assert in_intake.received_at == before and in_intake.languages != "nl,tr"


def test_a_day_before_2000_is_refused(client, world, in_intake):
    client.force_login(world.people["coordinator"])
    response = client.post(
        reverse("requests:classify", args=[in_intake.pk]),
        intake(world, received_on="1999-12-31"),
    )
    assert response.status_code == 400
    assert "1-1-2000" in response.content.decode()


def test_leaving_the_day_empty_or_unchanged_keeps_the_moment(client, world, in_intake):
    before = in_intake.received_at
    client.force_login(world.people["coordinator"])
    url = reverse("requests:classify", args=[in_intake.pk])
    assert client.post(url, intake(world)).status_code == 302
    same_day = timezone.localdate(before).isoformat()
    assert client.post(url, intake(world, received_on=same_day)).status_code == 302
    in_intake.refresh_from_db()
    assert in_intake.received_at == before


def test_a_request_registered_by_the_coordinator_keeps_when_it_came_in(world):
    came_in = timezone.make_aware(datetime.combine(date(2025, 11, 4), time(10, 30)))
    help_request = services.register_by_coordinator(
        coordinator=world.people["coordinator"],
        data={"area": world.area, "first_name": "Truus"},
        activities=list(Activity.objects.filter(code="visiting")),
        organisation=world.organisation,
        source="citizen",
        language="nl",
        received_at=came_in,
    )
    assert help_request.received_at == came_in
    with pytest.raises(services.RequestError):
        services.register_by_coordinator(
            coordinator=world.people["coordinator"],
            data={"area": world.area, "first_name": "Truus"},
            activities=[],
            organisation=world.organisation,
            source="citizen",
            language="nl",
            received_at=timezone.now() + timedelta(days=2),
        )
