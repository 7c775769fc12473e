"""Conversations on a case: only its two sides read and write; the other side is notified
without the content; a person's messages are in their export and go with their erasure."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from meedoen import personal_data
from meedoen.accounts.tests.factories import MembershipFactory, UserFactory, coordinator_of
from meedoen.engagements.models import Message
from meedoen.engagements.tests.factories import AssignmentFactory, MessageFactory
from meedoen.models import OutgoingMail
from meedoen.notifications.models import Kind, Notification
from meedoen.organisations.tests.factories import OrganisationFactory
from meedoen.requests.tests.factories import ProfessionalReferralFactory
from meedoen.volunteers.tests.factories import ApplicationFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db

SECRET = "Mevrouw vertelde me iets over haar zoon"


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _outsiders(organisation):
    """Another volunteer and another organisation's coordinator."""
    other_volunteer = VolunteerProfileFactory().user
    stranger = coordinator_of(OrganisationFactory(municipality=organisation.municipality))
    return other_volunteer, stranger


def test_a_volunteer_and_their_coordinator_talk_on_the_assignment():
    assignment = AssignmentFactory()
    volunteer = assignment.profile.user
    coordinator = coordinator_of(assignment.organisation)
    OutgoingMail.objects.all().delete()
    url = reverse("engagements:conversation_assignment", args=[assignment.pk])

    sent = _as(volunteer).post(url, {"body": SECRET})
    assert sent.status_code == 302
    told = Notification.objects.get(person=coordinator, kind=Kind.MESSAGE)
    assert SECRET not in told.text and told.link == url
    assert all(SECRET not in mail.body for mail in OutgoingMail.objects.all())
    assert not Notification.objects.filter(person=volunteer, kind=Kind.MESSAGE).exists()

    page = _as(coordinator).get(reverse("engagements:assignment", args=[assignment.pk]))
    assert SECRET in page.content.decode()
    answer = _as(coordinator).post(url, {"body": "Dank je, ik bel haar.", "back": "assignment"})
    assert answer["Location"].endswith("#conversation")
    assert Notification.objects.filter(person=volunteer, kind=Kind.MESSAGE).exists()


def test_a_third_party_finds_no_conversation_and_cannot_write_in_it():
    message = MessageFactory(body=SECRET)
    assignment = message.assignment
    url = reverse("engagements:conversation_assignment", args=[assignment.pk])
    for outsider in _outsiders(assignment.organisation):
        client = _as(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "Mag ik meelezen?"}).status_code == 404
    assert list(Message.objects.values_list("body", flat=True)) == [SECRET]


def test_the_person_helped_is_never_in_the_conversation():
    assignment = AssignmentFactory()
    helped = assignment.help_request.requester or UserFactory()
    url = reverse("engagements:conversation_assignment", args=[assignment.pk])
    assert _as(helped).get(url).status_code in (403, 404)


def test_an_empty_message_is_the_form_again_with_what_is_wrong():
    assignment = AssignmentFactory()
    url = reverse("engagements:conversation_assignment", args=[assignment.pk])
    page = _as(assignment.profile.user).post(url, {"body": "   "})
    assert page.status_code == 400
    assert 'aria-invalid="true"' in page.content.decode()
    assert not Message.objects.exists()


def test_an_application_has_a_conversation_between_the_volunteer_and_the_coordinator():
    application = ApplicationFactory()
    organisation = application.vacancy.organisation
    coordinator = coordinator_of(organisation)
    url = reverse("engagements:conversation_application", args=[application.pk])
    assert _as(coordinator).post(url, {"body": "Wanneer kun je langskomen?"}).status_code == 302
    volunteer = application.profile.user
    assert Notification.objects.filter(person=volunteer, kind=Kind.MESSAGE, link=url).exists()
    assert "Wanneer kun je langskomen?" in _as(volunteer).get(url).content.decode()
    for outsider in _outsiders(organisation):
        assert _as(outsider).get(url).status_code == 404


def test_a_professional_and_the_sending_coordinator_talk_about_a_referral():
    referral = ProfessionalReferralFactory()
    professional = UserFactory()
    MembershipFactory(user=professional, organisation=referral.organisation, role="professional")
    sender = coordinator_of(referral.help_request.organisation)
    url = reverse("engagements:conversation_referral", args=[referral.pk])
    assert _as(professional).post(url, {"body": "Is er al een indicatie?"}).status_code == 302
    assert Notification.objects.filter(person=sender, kind=Kind.MESSAGE, link=url).exists()
    assert "Is er al een indicatie?" in _as(sender).get(url).content.decode()
    _volunteer, stranger = _outsiders(referral.help_request.organisation)
    assert _as(stranger).get(url).status_code == 404
    assert _as(stranger).post(url, {"body": "x"}).status_code == 404


def test_messages_are_in_the_export_and_go_with_the_erasure():
    message = MessageFactory(body=SECRET)
    volunteer = message.author
    exported = personal_data.export(volunteer)["sections"]["conversations"]["messages"]
    assert [row["message"] for row in exported] == [SECRET]
    personal_data.SECTIONS["conversations"].erase(volunteer)
    assert not Message.objects.exists()


def test_the_conversation_is_shown_on_the_received_referral_and_writing_returns_there():
    referral = ProfessionalReferralFactory()
    professional = UserFactory()
    MembershipFactory(user=professional, organisation=referral.organisation, role="professional")
    sender = coordinator_of(referral.help_request.organisation)
    url = reverse("engagements:conversation_referral", args=[referral.pk])
    page = reverse("requests:received", args=[referral.pk])
    client = _as(professional)
    received = client.get(page).content.decode()
    assert f'hx-get="{url}?next=/referrals/{referral.pk}/"' in received
    assert f'href="{url}"' in received  # without script: the link to the conversation

    _as(sender).post(url, {"body": "Is er al een indicatie?"})
    inline = client.get(url, {"next": page}, HTTP_HX_REQUEST="true")
    shown = inline.content.decode()
    assert inline.status_code == 200 and "<html" not in shown
    assert "Is er al een indicatie?" in shown and f'name="next" value="{page}"' in shown
    assert "HX-Request" in inline["Vary"]

    answered = client.post(url, {"body": "Nog niet.", "next": page})
    assert answered["Location"] == page + "#conversation"
    elsewhere = client.post(url, {"body": "Wel bijna.", "next": "//evil.example/"})
    assert elsewhere["Location"] == url
    _volunteer, stranger = _outsiders(referral.help_request.organisation)
    assert _as(stranger).get(url, HTTP_HX_REQUEST="true").status_code == 404


def test_the_volunteer_sees_the_conversation_on_the_vacancy_they_responded_to():
    application = ApplicationFactory()
    url = reverse("engagements:conversation_application", args=[application.pk])
    vacancy = _as(application.profile.user).get(
        reverse("volunteers:vacancy", args=[application.vacancy.pk])
    )
    assert f'hx-get="{url}?next=' in vacancy.content.decode()


def test_the_api_lists_and_writes_the_messages_of_a_case_its_parties_share():
    assignment = AssignmentFactory()
    volunteer = assignment.profile.user
    coordinator = coordinator_of(assignment.organisation)
    url = reverse("api:assignment-messages", args=[assignment.pk])
    written = _as(volunteer).post(
        url, {"body": "Kan het dinsdag?"}, content_type="application/json"
    )
    assert written.status_code == 201 and written.json()["body"] == "Kan het dinsdag?"
    assert Notification.objects.filter(person=coordinator, kind=Kind.MESSAGE).exists()
    listed = _as(coordinator).get(url)
    assert listed.status_code == 200
    assert [(m["body"], m["author"]) for m in listed.json()] == [("Kan het dinsdag?", volunteer.pk)]

    empty = _as(coordinator).post(url, {"body": " "}, content_type="application/json")
    assert empty.status_code == 400 and empty["Content-Type"] == "application/problem+json"
    assert "body" in empty.content.decode()
    for outsider in _outsiders(assignment.organisation):
        assert _as(outsider).get(url).status_code == 404
        refused = _as(outsider).post(url, {"body": "x"}, content_type="application/json")
        assert refused.status_code == 404
    assert Message.objects.count() == 1
    assert Client().get(url).status_code == 401
