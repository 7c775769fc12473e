"""Consultations: a policy officer asks, the volunteers and professionals of the municipality
answer, the organiser reads the answers per group (small groups hidden, names only when
signed), and after the closing date tells the respondents what was done with them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from meedoen.accounts import rights
from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.cooperation import consultations
from meedoen.cooperation.models import Consultation, ConsultationAnswer
from meedoen.cooperation.tests.factories import ConsultationAnswerFactory, ConsultationFactory
from meedoen.organisations.tests.factories import MunicipalityFactory, OrganisationFactory
from meedoen.volunteers.tests.factories import EnrolmentFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def volunteer_at(organisation, first_name="Vera"):
    user = UserFactory(first_name=first_name, municipality=organisation.municipality)
    EnrolmentFactory.active(profile=VolunteerProfileFactory(user=user), organisation=organisation)
    return user


def test_a_policy_officer_opens_a_consultation_and_a_volunteer_answers(client, world):
    client.force_login(world.people["policy"])
    response = client.post(reverse("consultations:new"), {"place": f"m{world.municipality.pk}"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'aria-invalid="true"' in page and 'href="#id_title"' in page
    response = client.post(
        reverse("consultations:new"),
        {
            "place": f"m{world.municipality.pk}",
            "title": "Ontmoetingsplek",
            "question": "Zullen we een ontmoetingsplek openen?",
            "has_proposal": "on",
            "closes_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "ask": ["volunteers", "professionals"],
        },
    )
    consultation = Consultation.objects.get()
    assert response.url == reverse("consultations:detail", args=[consultation.pk])

    client.force_login(world.people["volunteer"])
    page = client.get(reverse("start:volunteer")).content.decode()
    assert "Ontmoetingsplek" in page
    url = reverse("consultations:answer", args=[consultation.pk])
    response = client.post(url, {"way": "volunteers", "text": "", "stance": "agree"})
    assert response.status_code == 400 and "Schrijf uw antwoord" in response.content.decode()
    assert "agree" in response.content.decode()  # the choice is kept
    response = client.post(url, {"way": "volunteers", "text": "Graag, in het dorpshuis"})
    assert response.status_code == 302
    answer = ConsultationAnswer.objects.get()
    assert (answer.perspective, answer.signed) == ("volunteers", False)


def test_a_volunteer_of_another_municipality_does_not_find_it(client, world):
    consultation = ConsultationFactory(municipality=world.municipality)
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory())
    stranger = volunteer_at(elsewhere)
    client.force_login(stranger)
    url = reverse("consultations:answer", args=[consultation.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"way": "volunteers", "text": "Ik ook"}).status_code == 404
    assert "Ontmoetingsplek" not in client.get(reverse("start:volunteer")).content.decode()
    with pytest.raises(consultations.ConsultationRefused):
        consultations.answer(stranger, consultation, way="volunteers", text="Ik ook")


def test_only_the_organiser_sees_the_answers(client, world):
    consultation = ConsultationFactory(municipality=world.municipality)
    ConsultationAnswerFactory(consultation=consultation, respondent=world.people["volunteer"])
    detail = reverse("consultations:detail", args=[consultation.pk])
    for name in ("volunteer", "professional", "citizen", "coordinator"):
        client.force_login(world.people[name])
        assert client.get(detail).status_code == 403, name
    # A manager organises too, but not the municipality's consultation.
    manager = UserFactory()
    MembershipFactory(user=manager, organisation=world.organisation, role="manager")
    client.force_login(manager)
    assert client.get(detail).status_code == 404
    client.force_login(world.people["policy"])
    assert client.get(detail).status_code == 200


def test_the_answers_are_grouped_small_groups_hidden_and_names_only_when_signed(client, world):
    consultation = ConsultationFactory(municipality=world.municipality)
    k = settings.SMALL_COUNT
    for n in range(k):
        ConsultationAnswerFactory(
            consultation=consultation,
            respondent=volunteer_at(world.organisation, f"Vrijwilliger{n}"),
            text=f"Antwoord van vrijwilliger {n}",
            signed=n == 0,
        )
    ConsultationAnswerFactory(
        consultation=consultation,
        respondent=world.people["professional"],
        perspective="professionals",
        text="Een enkel antwoord van een beroepskracht",
    )
    client.force_login(world.people["policy"])
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Antwoord van vrijwilliger 1" in page
    assert "Vrijwilliger0" in page  # signed
    assert "Vrijwilliger1" not in page  # not signed
    assert f"{k} antwoorden" in page
    # One professional is fewer than the threshold: the group is not shown, nor the total.
    assert "Een enkel antwoord" not in page
    assert f"Minder dan {k} antwoorden" in page
    assert "antwoorden in totaal" not in page
    # Reading the answers is logged: one read per person whose answer was shown.
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=world.people["policy"])
    assert reads.count() == k


def test_after_the_closing_date_no_answers_and_the_respondents_read_the_outcome(client, world):
    consultation = ConsultationFactory(municipality=world.municipality)
    volunteer = world.people["volunteer"]
    consultations.answer(volunteer, consultation, way="volunteers", text="Graag")
    with pytest.raises(consultations.ConsultationRefused):
        consultations.respond(world.people["policy"], consultation, "We doen het")
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(volunteer)
    url = reverse("consultations:answer", args=[consultation.pk])
    response = client.post(url, {"way": "volunteers", "text": "Toch niet"})
    assert response.status_code == 302  # closed: refused, the answer stands
    assert ConsultationAnswer.objects.get().text == "Graag"

    client.force_login(world.people["policy"])
    respond = reverse("consultations:respond", args=[consultation.pk])
    assert client.post(respond, {"response": ""}).status_code == 400
    client.post(respond, {"response": "De ontmoetingsplek komt in het dorpshuis."})
    client.force_login(volunteer)
    assert (
        "Wat is er gedaan met uw antwoord"
        in client.get(reverse("start:volunteer")).content.decode()
    )
    assert "De ontmoetingsplek komt in het dorpshuis." in client.get(url).content.decode()


def test_erasure_removes_the_answers(world):
    consultation = ConsultationFactory(municipality=world.municipality)
    volunteer = world.people["volunteer"]
    consultations.answer(volunteer, consultation, way="volunteers", text="Graag")
    rights.erase_person(volunteer.pk, world.people["admin"])
    assert not ConsultationAnswer.objects.exists()


def test_an_organisation_answers_through_its_manager_and_a_manager_asks_their_own(world):
    consultation = ConsultationFactory(municipality=world.municipality, ask_organisations=True)
    coordinator = world.people["coordinator"]
    ways = consultations.perspectives(coordinator, consultation)
    assert ways == [("organisations", world.organisation)]
    manager = UserFactory()
    MembershipFactory(user=manager, organisation=world.organisation, role="manager")
    own = consultations.open_consultation(
        manager,
        organisation=world.organisation,
        title="Vrijwilligersraad",
        question="Willen jullie een vrijwilligersraad?",
        closes_on=timezone.localdate(),
        ask=["volunteers", "organisations"],
    )
    assert own.asked == ["volunteers"]
    assert consultations.perspectives(world.people["professional"], own) == []
    with pytest.raises(consultations.ConsultationRefused):
        consultations.open_consultation(
            manager,
            organisation=world.other_organisation,
            title="x",
            question="y",
            closes_on=timezone.localdate(),
            ask=["volunteers"],
        )


def test_the_figures_count_the_consultations_held(client, world):
    ConsultationFactory(municipality=world.municipality)
    ConsultationFactory(municipality=MunicipalityFactory())
    client.force_login(world.people["policy"])
    page = client.get(reverse("insights:dashboard")).content.decode()
    assert "voor een besluit): 1." in page


def test_the_figures_count_the_people_asked_and_the_answers_small_numbers_hidden(client, world):
    consultation = ConsultationFactory(municipality=world.municipality)
    ConsultationFactory(municipality=MunicipalityFactory(code="GM0997"))
    ConsultationAnswerFactory(consultation=consultation, respondent=world.people["volunteer"])
    client.force_login(world.people["policy"])
    url = reverse("insights:dashboard")
    page = client.get(url).content.decode()
    # Asked: the volunteer of our organisation and its professional.
    assert "Gevraagde mensen: 2." in page
    assert "Antwoorden: verborgen" in page
    for _n in range(settings.SMALL_COUNT):
        profile = VolunteerProfileFactory(area=world.area)
        EnrolmentFactory.active(profile=profile, organisation=world.organisation)
        ConsultationAnswerFactory(consultation=consultation, respondent=profile.user)
    asked = 2 + settings.SMALL_COUNT
    answers = 1 + settings.SMALL_COUNT
    page = client.get(url).content.decode()
    assert f"Gevraagde mensen: {asked}." in page
    assert f"Antwoorden: {answers}." in page
    assert f"{round(100 * answers / asked)}% van de gevraagde mensen" in page


def test_the_texts_keep_their_language_and_pages_in_the_other_one_mark_them(client, world):
    from django.utils import translation

    with translation.override("en"):
        consultation = consultations.open_consultation(
            world.people["policy"],
            municipality=world.municipality,
            title="Meeting place",
            question="Shall we open a meeting place?",
            closes_on=timezone.localdate() + timedelta(days=7),
            ask=["volunteers"],
        )
    with translation.override("nl"):
        consultations.answer(
            world.people["volunteer"],
            consultation,
            way="volunteers",
            text="Graag, in het dorpshuis",
        )
    assert consultation.language == "en"
    assert ConsultationAnswer.objects.get().language == "nl"
    client.force_login(world.people["volunteer"])  # on the Dutch pages
    page = client.get(reverse("consultations:answer", args=[consultation.pk])).content.decode()
    assert '<h1 class="utrecht-heading-1" lang="en">Meeting place</h1>' in page
    assert '<p class="utrecht-paragraph" lang="en">Shall we open a meeting place?</p>' in page
    client.force_login(world.people["policy"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert '<h1 class="utrecht-heading-1">Meeting place</h1>' in page  # English on English
