"""Everything an organisation received in one inbox: a split referral, a handover from a
volunteer's assignment and a request routed by the central desk, each for its receiver only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from meedoen.conftest import kept_for_module
from meedoen.requests import services
from meedoen.tests.worlds import build_rich_world


def _world():
    w = build_rich_world()
    # The central desk routes the request asked at the desk to our organisation.
    services.route(w.objects["asked"].pk, w.organisation, w.people["desk"])
    return w


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker, _world) as built:
        yield built


@pytest.fixture
def world(shared_world, db):
    return shared_world


def page_of(world, role):
    client = Client()
    client.force_login(world.people[role])
    response = client.get(reverse("engagements:received"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_receiving_organisation_sees_the_referral_and_the_handover(world):
    referral, handover = world.objects["referral"], world.objects["handover"]
    text = page_of(world, "stranger")  # the coordinator of the receiving organisation
    assert reverse("requests:received", args=[referral.pk]) in text
    assert reverse("engagements:handover", args=[handover.pk]) in text
    assert handover.part in text
    routed = world.objects["asked"]
    assert reverse("requests:detail", args=[routed.pk]) not in text


def test_the_member_organisation_sees_what_the_central_desk_routed_to_it(world):
    routed = world.objects["asked"]
    text = page_of(world, "coordinator")
    assert reverse("requests:detail", args=[routed.pk]) in text
    assert "Van het centrale punt" in text
    # What others received is not in our inbox.
    assert reverse("engagements:handover", args=[world.objects["handover"].pk]) not in text
    assert reverse("requests:received", args=[world.objects["referral"].pk]) not in text
    # The desk itself routed it: it is not in the desk's inbox.
    assert reverse("requests:detail", args=[routed.pk]) not in page_of(world, "desk")


@pytest.mark.parametrize("role", ["manager", "guide", "volunteer", "citizen"])
def test_roles_that_receive_nothing_are_refused(world, role):
    client = Client()
    client.force_login(world.people[role])
    assert client.get(reverse("engagements:received")).status_code == 403


def test_the_api_lists_the_same_for_each_receiver_only(world):
    def kinds(role):
        client = Client()
        client.force_login(world.people[role])
        response = client.get("/api/v1/received")
        assert response.status_code == 200
        return {(item["kind"], item["id"]) for item in response.json()}

    assert kinds("stranger") == {
        ("referral", world.objects["referral"].pk),
        ("handover", world.objects["handover"].pk),
    }
    assert ("routed", world.objects["asked"].pk) in kinds("coordinator")
    assert kinds("guide") == set() and kinds("volunteer") == set()


def test_the_old_inbox_of_referrals_leads_to_the_one_inbox_for_good(world):
    client = Client()
    client.force_login(world.people["stranger"])
    response = client.get("/referrals/")
    assert response.status_code == 301 and response["Location"] == "/received/"


def test_an_answered_referral_names_who_took_it_on(world):
    from meedoen.accounts.tests.factories import MembershipFactory, UserFactory

    nurse = UserFactory(username="nurse", first_name="Sanne", last_name="Bos")
    MembershipFactory(user=nurse, organisation=world.other_organisation, role="professional")
    referral = world.objects["referral"]
    assert "Sanne Bos" not in page_of(world, "stranger")
    services.accept_referral(referral.pk, world.people["stranger"], professional=nurse)
    text = page_of(world, "stranger")
    assert f"({referral.help_request.reference})</a>: aangenomen, Sanne Bos" in text


def test_the_receiver_answers_a_referral_through_the_api(world):
    from meedoen.accounts.tests.factories import MembershipFactory, UserFactory

    nurse = UserFactory(username="nurse")
    MembershipFactory(user=nurse, organisation=world.other_organisation, role="professional")
    referral = world.objects["referral"]
    client = Client()
    client.force_login(world.people["stranger"])
    url = f"/api/v1/referrals/{referral.pk}"
    refused = client.post(f"{url}/return", {"reason": ""}, content_type="application/json")
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    response = client.post(
        f"{url}/accept", {"professional": nurse.pk}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    referral.refresh_from_db()
    assert referral.responsible_professional == nurse
    again = client.post(f"{url}/return", {"reason": "Toch niet"}, content_type="application/json")
    assert again.status_code == 409
