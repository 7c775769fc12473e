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
        f"{url}/accept", {"responsible": nurse.pk}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    referral.refresh_from_db()
    assert referral.responsible_professional == nurse
    assert referral.help_request.responsible_professional == nurse
    again = client.post(f"{url}/return", {"reason": "Toch niet"}, content_type="application/json")
    assert again.status_code == 409


def _professional_of_the_receiving(world, username="nurse"):
    from meedoen.accounts.tests.factories import MembershipFactory, UserFactory

    nurse = UserFactory(username=username, first_name="Sanne")
    MembershipFactory(user=nurse, organisation=world.other_organisation, role="professional")
    return nurse


def test_a_professional_accepting_a_referral_without_naming_anyone_takes_it_on(world):
    nurse = _professional_of_the_receiving(world)
    referral = world.objects["referral"]
    client = Client()
    client.force_login(nurse)
    response = client.post(f"/api/v1/referrals/{referral.pk}/accept", {}, "application/json")
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.responsible_professional == nurse and referral.answered_by == nurse


def test_the_referral_page_proposes_the_professional_accepting(world):
    nurse = _professional_of_the_receiving(world)
    client = Client()
    client.force_login(nurse)
    text = client.get(reverse("requests:received", args=[world.objects["referral"].pk]))
    assert f'<option value="{nurse.pk}" selected>' in text.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [("nl", "Kies een beroepskracht van"), ("en", "Choose a professional of")],
)
def test_a_referral_cannot_be_put_on_someone_outside_the_receiving_organisation(
    world, language, message
):
    referral = world.objects["referral"]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    # A coordinator who names nobody is no professional: they must name one.
    client.force_login(world.people["stranger"])
    url = f"/api/v1/referrals/{referral.pk}/accept"
    for body in ({}, {"responsible": world.people["professional"].pk}, {"responsible": 10**9}):
        refused = client.post(url, body, "application/json")
        assert refused.status_code == 400, body
        assert refused["Content-Type"] == "application/problem+json"
        assert message in str(refused.json()), body
    referral.refresh_from_db()
    assert referral.is_waiting and referral.responsible_professional is None


def test_the_older_name_of_the_field_still_names_the_responsible_professional(world):
    nurse = _professional_of_the_receiving(world)
    colleague = _professional_of_the_receiving(world, "colleague")
    referral = world.objects["referral"]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.people["stranger"])
    url = f"/api/v1/referrals/{referral.pk}/accept"
    both = client.post(
        url, {"responsible": nurse.pk, "professional": colleague.pk}, "application/json"
    )
    assert both.status_code == 400 and "Name one professional" in str(both.json())
    outsider = client.post(
        url, {"professional": world.people["professional"].pk}, "application/json"
    )
    assert outsider.status_code == 400
    assert outsider.json()["invalid_params"][0]["name"] == "professional"
    assert client.post(url, {"professional": nurse.pk}, "application/json").status_code == 200
    referral.refresh_from_db()
    assert referral.responsible_professional == nurse


def test_the_receiver_names_who_takes_a_handover_on_through_the_api(world):
    nurse = _professional_of_the_receiving(world)
    colleague = _professional_of_the_receiving(world, "colleague")
    handover = world.objects["handover"]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(nurse)
    url = f"/api/v1/handovers/{handover.pk}/accept"
    refused = client.post(url, {"responsible": world.people["professional"].pk}, "application/json")
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert "Name a professional or coordinator of the organisation" in str(refused.json())
    handover.refresh_from_db()
    assert handover.status == "offered"
    accepted = client.post(url, {"responsible": colleague.pk}, "application/json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    handover.refresh_from_db()
    assert handover.received_by == colleague and handover.answered_by == nurse


def test_accepting_a_handover_through_the_api_without_naming_anyone_takes_it_on(world):
    nurse = _professional_of_the_receiving(world)
    handover = world.objects["handover"]
    client = Client()
    client.force_login(nurse)
    response = client.post(f"/api/v1/handovers/{handover.pk}/accept", {}, "application/json")
    assert response.status_code == 200
    handover.refresh_from_db()
    assert handover.received_by == nurse


def test_accepting_a_routed_request_names_a_professional_of_the_organisation(world):
    routed = world.objects["asked"]
    client = Client()
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("requests:detail", args=[routed.pk])).content.decode()
    professional = world.people["professional"]
    assert 'name="responsible"' in page
    assert f'<option value="{professional.pk}">' in page
    url = reverse("requests:step", args=[routed.pk])
    refused = client.post(url, {"step": "accept", "responsible": world.people["stranger"].pk})
    assert refused.status_code == 400
    assert 'aria-invalid="true"' in refused.content.decode()
    routed.refresh_from_db()
    assert routed.status == "routed" and routed.responsible_professional is None
    done = client.post(url, {"step": "accept", "responsible": professional.pk})
    assert done.status_code == 302
    routed.refresh_from_db()
    assert routed.status == "in_intake" and routed.responsible_professional == professional


def test_accepting_a_routed_request_may_leave_the_responsible_professional_open(world):
    routed = world.objects["asked"]
    client = Client()
    client.force_login(world.people["coordinator"])
    done = client.post(reverse("requests:step", args=[routed.pk]), {"step": "accept"})
    assert done.status_code == 302
    routed.refresh_from_db()
    assert routed.status == "in_intake" and routed.responsible_professional is None


def test_the_api_accepts_a_routed_request_naming_a_professional_of_the_organisation(world):
    routed = world.objects["asked"]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.people["coordinator"])
    url = f"/api/v1/help-requests/{routed.pk}/transitions"
    outsider = {"step": "accept", "responsible": world.people["stranger"].pk}
    refused = client.post(url, outsider, "application/json")
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert "Choose a professional of" in str(refused.json())
    professional = world.people["professional"]
    named = {"step": "accept", "responsible": professional.pk}
    done = client.post(url, named, "application/json")
    assert done.status_code == 200 and done.json()["status"] == "in_intake"
    routed.refresh_from_db()
    assert routed.responsible_professional == professional
