"""Who hears of a consultation that opens and of an invitation to a self-assessment: everyone
asked, once, on the page where they answer; nobody else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import OrmQ

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.cooperation import consultations, services
from meedoen.cooperation import framework as fw
from meedoen.cooperation.tests.factories import ConsultationFactory
from meedoen.models import OutgoingMail
from meedoen.notifications.models import Kind, Mail, Notification
from meedoen.notifications.services import set_preferences
from meedoen.volunteers.models import Enrolment, VolunteerProfile

pytestmark = pytest.mark.django_db


def _told(kind=Kind.CONSULTATION) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("person__username", flat=True))


def _volunteer_at(organisation, username):
    user = UserFactory(username=username, email=f"{username}@example.nl")
    profile = VolunteerProfile.objects.create(
        user=user, area=organisation.municipality.areas.first()
    )
    Enrolment.objects.create(profile=profile, organisation=organisation, status="active")
    return user


def _open(world, **fields):
    return consultations.open_consultation(
        world.people["policy"],
        title="Een ontmoetingsplek",
        question="Wat heeft u nodig?",
        closes_on=timezone.localdate() + timedelta(days=14),
        municipality=world.municipality,
        **fields,
    )


def test_opening_queues_the_job_that_tells_everyone_asked_once(client, world):
    elsewhere = _volunteer_at(world.other_organisation, "elders")
    consultation = _open(world, ask=["volunteers", "professionals"])
    # The web request only queues the job; the worker tells the people.
    assert not Notification.objects.exists()
    (job,) = OrmQ.objects.all()
    assert job.func() == "meedoen.cooperation.consultations.notify_asked"
    assert tuple(job.task["args"]) == (consultation.pk,)

    assert consultations.notify_asked(consultation.pk) == 3
    assert _told() == {"volunteer", "elders", "professional"}
    assert consultations.notify_asked(consultation.pk) == 0  # again: nobody twice
    assert Notification.objects.count() == 3

    link = reverse("consultations:answer", args=[consultation.pk])
    for told in Notification.objects.all():
        assert told.link == link
        assert "Een ontmoetingsplek" in told.text_nl and "answer until" in told.text_en
        # Everyone told finds it among the consultations asking them, and can answer.
        assert consultations.asking(told.person).filter(pk=consultation.pk).exists()
    client.force_login(elsewhere)
    assert client.get(link).status_code == 200


def test_the_organisations_are_asked_through_their_managers_and_coordinators(world):
    consultation = _open(world, ask=["organisations"])
    consultations.notify_asked(consultation.pk)
    assert _told() == {"coordinator", "stranger", "desk"}


def test_an_organisations_consultation_asks_only_its_own_people(world):
    _volunteer_at(world.other_organisation, "elders")
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, organisation=world.organisation, role="manager")
    consultation = consultations.open_consultation(
        manager,
        title="Onze avonden",
        question="Welke avond past u?",
        closes_on=timezone.localdate(),
        ask=["volunteers", "professionals", "organisations"],
        organisation=world.organisation,
    )
    consultations.notify_asked(consultation.pk)
    assert _told() == {"volunteer", "professional"}


def test_a_closed_or_rolled_back_consultation_tells_nobody(world):
    closed = ConsultationFactory(
        municipality=world.municipality, closes_on=timezone.localdate() - timedelta(days=1)
    )
    assert consultations.notify_asked(closed.pk) == 0
    assert consultations.notify_asked(closed.pk + 1000) == 0
    assert not Notification.objects.exists()


def test_a_large_municipality_is_told_in_a_few_queries_as_each_person_chose(
    world, django_assert_max_num_queries
):
    volunteers = [_volunteer_at(world.organisation, f"v{n}") for n in range(60)]
    set_preferences(volunteers[0], {Kind.CONSULTATION: Mail.NOW}, "en")
    set_preferences(volunteers[1], {Kind.CONSULTATION: Mail.NEVER}, "nl")
    consultation = ConsultationFactory(municipality=world.municipality)
    with django_assert_max_num_queries(20):
        assert consultations.notify_asked(consultation.pk) == 62
    mail = OutgoingMail.objects.get()  # only who chose "at once" is mailed now
    assert mail.recipients == ["v0@example.nl"] and "Your view is asked" in mail.body
    waiting = Notification.objects.filter(in_digest=True)
    assert volunteers[2].notifications.get().in_digest  # the default: the daily e-mail
    assert not waiting.filter(person__in=volunteers[:2]).exists()


def test_an_account_invited_to_a_self_assessment_is_notified_by_address_only_mailed(world):
    volunteer = world.people["volunteer"]
    volunteer.email = "vrijwilliger@example.nl"
    volunteer.save()
    coordinator = world.people["coordinator"]
    assessment = services.start(
        coordinator,
        title="Vrijwilligers en thuiszorg",
        context=fw.Context.BETWEEN_ORGANISATIONS.value,
        organisation=world.organisation,
        organisations=[world.other_organisation],
    )
    set_preferences(volunteer, {Kind.INVITATION: Mail.NEVER}, "nl")
    services.invite_account(
        coordinator,
        assessment,
        perspective=fw.Perspective.VOLUNTEERS.value,
        user=volunteer,
        link="https://meedoen.example/x/",
    )
    (told,) = Notification.objects.filter(kind=Kind.INVITATION)
    assert told.person == volunteer
    assert told.link == reverse("cooperation:answer", args=[assessment.pk])
    assert "Vrijwilligers en thuiszorg" in told.text_nl
    assert not OutgoingMail.objects.exists()  # "never" by e-mail

    services.invite_by_email(
        coordinator,
        assessment,
        perspective=fw.Perspective.PROFESSIONALS.value,
        email="buiten@example.nl",
        link_for=lambda participant, token: f"https://meedoen.example/{token}/",
    )
    assert _told(Kind.INVITATION) == {"volunteer"}
    assert OutgoingMail.objects.get().recipients == ["buiten@example.nl"]
