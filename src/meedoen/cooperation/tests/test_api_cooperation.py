"""Consultations, agreements and contact points in the API: each role finds only what is
theirs, writes go through the same rules as the pages, refusals are problem+json and unknown
query parameters are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from meedoen.accounts.tests.factories import UserFactory
from meedoen.cooperation import consultations
from meedoen.cooperation.models import Agreement
from meedoen.cooperation.tests.factories import (
    AgreementFactory,
    ConsultationAnswerFactory,
    ConsultationFactory,
    ContactPointFactory,
)
from meedoen.organisations.models import Organisation
from meedoen.organisations.tests.factories import (
    AreaFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from meedoen.volunteers.models import Enrolment, VolunteerProfile

pytestmark = pytest.mark.django_db


def api(user=None, language="en"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_authenticate(user)
    return client


def _elsewhere():
    return MunicipalityFactory(code="GM0999", name="Elders")


def _ids(response):
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return [row["id"] for row in rows]


# --- Consultations ------------------------------------------------------------------------


def test_a_consultation_is_found_by_those_asked_and_its_organiser_only(world):
    asked = ConsultationFactory(municipality=world.municipality, opened_by=world.people["policy"])
    elsewhere = ConsultationFactory(municipality=_elsewhere(), ask_professionals=False)
    for name in ("volunteer", "professional", "policy"):
        response = api(world.people[name]).get("/api/v1/consultations")
        assert response.status_code == 200
        assert _ids(response) == [asked.pk], name
    for name in ("citizen", "carer", "stranger", "dpo"):
        assert _ids(api(world.people[name]).get("/api/v1/consultations")) == [], name
        assert api(world.people[name]).get(f"/api/v1/consultations/{asked.pk}").status_code == 404
    assert (
        api(world.people["volunteer"]).get(f"/api/v1/consultations/{elsewhere.pk}").status_code
        == 404
    )
    assert api().get("/api/v1/consultations").status_code == 401


def test_a_volunteer_answers_and_reads_the_result_once_shared(world):
    consultation = ConsultationFactory(
        municipality=world.municipality, opened_by=world.people["policy"]
    )
    volunteer = api(world.people["volunteer"])
    url = f"/api/v1/consultations/{consultation.pk}"
    answered = volunteer.post(
        f"{url}/answer",
        {"way": "volunteers", "text": "Graag in het dorpshuis", "stance": "agree"},
        format="json",
    )
    assert answered.status_code == 200
    assert answered.json()["perspective"] == "volunteers"
    assert volunteer.get(url).json()["answered"] is True
    # A way the volunteer does not have is refused as a conflict, in problem+json.
    wrong = volunteer.post(f"{url}/answer", {"way": "professionals", "text": "x"}, format="json")
    assert wrong.status_code == 409
    assert wrong["Content-Type"].startswith("application/problem+json")
    # No result before it is shared.
    assert volunteer.get(f"{url}/result").status_code == 404
    for _n in range(settings.SMALL_COUNT - 1):
        profile = VolunteerProfile.objects.create(user=UserFactory(), area=world.area)
        Enrolment.objects.create(profile=profile, organisation=world.organisation, status="active")
        ConsultationAnswerFactory(consultation=consultation, respondent=profile.user)
    consultation.closes_on = timezone.localdate() - timedelta(days=1)
    consultation.save()
    closed = volunteer.post(f"{url}/answer", {"way": "volunteers", "text": "Later"}, format="json")
    assert closed.status_code == 409
    consultations.respond(world.people["policy"], consultation, "Het dorpshuis gaat open.")
    for name in ("volunteer", "policy", "professional"):
        result = api(world.people[name]).get(f"{url}/result")
        assert result.status_code == 200, name
        body = result.json()
        assert body["response"] == "Het dorpshuis gaat open."
        groups = {g["perspective"]: g for g in body["groups"]}
        assert groups["volunteers"]["count"] == settings.SMALL_COUNT
        assert {"stance": "agree", "count": settings.SMALL_COUNT} in groups["volunteers"]["stances"]
        # Nobody answered as a professional: zero, shown.
        assert groups["professionals"]["count"] == 0
        assert "text" not in str(body["groups"])
    assert api(world.people["stranger"]).get(f"{url}/result").status_code == 404


def test_unknown_query_parameters_are_refused(world):
    for url in ("/api/v1/consultations", "/api/v1/agreements", "/api/v1/contact-points"):
        response = api(world.people["coordinator"]).get(url, {"organisaton": "1"})
        assert response.status_code == 400, url
        assert response["Content-Type"].startswith("application/problem+json")
        assert response.json()["invalid_params"][0]["name"] == "organisaton"


# --- Agreements ---------------------------------------------------------------------------


def _draft(world, **fields):
    return {
        "organisation": world.organisation.pk,
        "partner": None,
        "title": "Bezoek aan cliënten",
        "volunteer_tasks": "Bezoeken",
        "professional_tasks": "Alle zorg",
        "contact_here": "Anja, coördinator",
        "contact_partner": "Peter, beleidsmedewerker",
        "escalation": "Eerst Anja, dan de manager",
        "review_on": (timezone.localdate() + timedelta(days=365)).isoformat(),
        **fields,
    }


def test_a_coordinator_of_a_party_drafts_an_agreement(world):
    made = api(world.people["coordinator"]).post("/api/v1/agreements", _draft(world), format="json")
    assert made.status_code == 201
    body = made.json()
    assert body["partner"] is None and body["confirmed"] is False
    assert Agreement.objects.get(pk=body["id"]).created_by == world.people["coordinator"]
    for name in ("stranger", "volunteer", "policy"):
        refused = api(world.people[name]).post("/api/v1/agreements", _draft(world), format="json")
        assert refused.status_code == 409, name
    past = api(world.people["coordinator"]).post(
        "/api/v1/agreements",
        _draft(world, review_on=timezone.localdate().isoformat()),
        format="json",
    )
    assert past.status_code == 409
    missing = api(world.people["coordinator"]).post(
        "/api/v1/agreements", _draft(world, title=""), format="json"
    )
    assert missing.status_code == 400
    assert missing.json()["invalid_params"][0]["name"] == "title"


def test_agreements_are_read_by_the_parties_and_the_municipality(world):
    ours = AgreementFactory(organisation=world.organisation, municipality=world.municipality)
    with_partner = AgreementFactory(
        organisation=world.organisation, partner=world.other_organisation
    )
    elsewhere = AgreementFactory()
    coordinator = api(world.people["coordinator"])
    assert set(_ids(coordinator.get("/api/v1/agreements"))) == {ours.pk, with_partner.pk}
    assert _ids(api(world.people["stranger"]).get("/api/v1/agreements")) == [with_partner.pk]
    assert set(_ids(api(world.people["policy"]).get("/api/v1/agreements"))) == {
        ours.pk,
        with_partner.pk,
    }
    filtered = coordinator.get("/api/v1/agreements", {"organisation": world.other_organisation.pk})
    assert _ids(filtered) == [with_partner.pk]
    assert coordinator.get("/api/v1/agreements", {"organisation": "x"}).status_code == 400
    for name in ("volunteer", "professional", "citizen", "dpo"):
        assert _ids(api(world.people[name]).get("/api/v1/agreements")) == [], name
        assert api(world.people[name]).get(f"/api/v1/agreements/{ours.pk}").status_code == 404
    assert coordinator.get(f"/api/v1/agreements/{elsewhere.pk}").status_code == 404


# --- Contact points -----------------------------------------------------------------------


def test_a_volunteer_finds_the_contact_point_for_their_area_or_topic(world):
    north = AreaFactory(municipality=world.municipality, name="Lindeveld")
    homecare = OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg West",
        type=Organisation.Type.PROFESSIONALS_SUPPORTED,
    )
    homecare.areas.add(north)
    dementia = ContactPointFactory(organisation=homecare, role="contactpersoon dementie")
    nursing = OrganisationFactory(municipality=world.municipality, name="Verpleeghuis De Linde")
    nursing.areas.add(world.area)
    other = ContactPointFactory(organisation=nursing, role="coördinator vrijwilligers")
    far = ContactPointFactory(organisation__municipality=_elsewhere(), role="dementie")
    volunteer = api(world.people["volunteer"])
    assert set(_ids(volunteer.get("/api/v1/contact-points"))) == {dementia.pk, other.pk}
    assert _ids(volunteer.get("/api/v1/contact-points", {"q": "lindeveld"})) == [dementia.pk]
    assert _ids(volunteer.get("/api/v1/contact-points", {"q": "Dementie thuiszorg"})) == [
        dementia.pk
    ]
    assert _ids(volunteer.get("/api/v1/contact-points", {"area": north.pk, "q": "dementie"})) == [
        dementia.pk
    ]
    assert _ids(volunteer.get("/api/v1/contact-points", {"area": world.area.pk})) == [other.pk]
    row = volunteer.get("/api/v1/contact-points", {"q": "dementie"}).json()[0]
    assert row["organisation_name"] == "Thuiszorg West"
    assert row["areas"] == ["Lindeveld"]
    assert row["first_name"] == dementia.person.first_name
    # Only the first name of the person, nothing else of them.
    assert set(row) == {
        "id",
        "organisation",
        "organisation_name",
        "areas",
        "first_name",
        "role",
        "reach",
    }
    coordinator = api(world.people["coordinator"])
    assert _ids(coordinator.get("/api/v1/contact-points", {"q": "dementie"})) == [dementia.pk]
    assert far.pk not in _ids(coordinator.get("/api/v1/contact-points", {"q": "dementie"}))
    # Someone who neither volunteers nor works here finds none.
    assert _ids(api(world.people["citizen"]).get("/api/v1/contact-points")) == []
    assert volunteer.get("/api/v1/contact-points", {"area": "0"}).status_code == 400
