"""Notifications: who is told of what, in the list behind the header's count, and by e-mail."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from meedoen.matching import services as matching
from meedoen.matching.tests.factories import MatchProposalFactory
from meedoen.models import OutgoingMail
from meedoen.notifications import services
from meedoen.notifications.models import Kind, Mail, Notification
from meedoen.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def test_a_proposal_tells_the_volunteer_and_their_answer_tells_the_coordinators():
    proposal = MatchProposalFactory()
    volunteer = proposal.profile.user
    asked = Notification.objects.get(person=volunteer)
    assert asked.kind == Kind.PROPOSAL
    assert asked.link == reverse("matching:proposals")
    assert proposal.help_request.reference not in asked.text

    matching.answer(proposal.pk, volunteer, accept=True)
    told = Notification.objects.filter(kind=Kind.PROPOSAL_ANSWER)
    coordinators = set(services.staff_of(proposal.help_request.organisation_id))
    assert coordinators
    assert {n.person for n in told} == coordinators
    assert all("said yes" in n.text or "ja" in n.text for n in told)
    assert not Notification.objects.filter(kind=Kind.PROPOSAL_ANSWER, person=volunteer).exists()


def test_the_header_counts_unread_notifications_and_opening_one_marks_it_read(client, world):
    volunteer = world.people["volunteer"]
    first = NotificationFactory(person=volunteer, link="/volunteer/proposals/")
    NotificationFactory(person=volunteer)
    NotificationFactory(person=world.people["coordinator"])
    page = _client(client, volunteer).get(reverse("notifications:list"))
    assert page.status_code == 200
    assert "2 ongelezen meldingen" in page.content.decode()

    opened = client.get(reverse("notifications:open", args=[first.pk]))
    assert opened.status_code == 302 and opened["Location"] == "/volunteer/proposals/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert "1 ongelezen melding" in client.get(reverse("notifications:list")).content.decode()

    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(person=volunteer, read_at=None).exists()
    assert Notification.objects.filter(person=world.people["coordinator"], read_at=None).exists()


def test_another_persons_notification_is_not_found_and_a_foreign_link_is_not_followed(
    client, world
):
    theirs = NotificationFactory(person=world.people["coordinator"])
    mine = NotificationFactory(person=world.people["volunteer"], link="//evil.example/")
    _client(client, world.people["volunteer"])
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    answer = client.get(reverse("notifications:open", args=[mine.pk]))
    assert answer["Location"] == reverse("notifications:list")


def test_a_notification_only_links_inside_meedoen(world):
    with pytest.raises(ValueError):
        services.notify_person([world.people["volunteer"]], Kind.MESSAGE, "x", "https://x.nl/")


def test_the_list_is_paginated_newest_first(client, world):
    volunteer = world.people["volunteer"]
    for n in range(25):
        NotificationFactory(person=volunteer, text_nl=f"Melding {n}")
    page = _client(client, volunteer).get(reverse("notifications:list")).content.decode()
    assert "Melding 24" in page and "Melding 5" in page and "Melding 4" not in page
    assert page.index("Melding 24") < page.index("Melding 23")
    second = client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert "Melding 4" in second


def test_the_volunteers_start_page_mentions_a_waiting_proposal(client):
    proposal = MatchProposalFactory()
    page = _client(client, proposal.profile.user).get(reverse("start:volunteer"))
    assert "Wacht op u" in page.content.decode()
    assert reverse("notifications:open", args=[Notification.objects.get().pk]) in (
        page.content.decode()
    )


def test_the_daily_digest_collects_a_days_notifications_sends_once_and_respects_never(world):
    volunteer, coordinator = world.people["volunteer"], world.people["coordinator"]
    volunteer.email, coordinator.email = "vrijwilliger@example.nl", "coordinator@example.nl"
    volunteer.save()
    coordinator.save()
    services.set_preferences(volunteer, {Kind.CHECK_IN: Mail.DAILY, Kind.HOURS: Mail.DAILY}, "en")
    services.set_preferences(coordinator, {Kind.CHECK_IN: Mail.NEVER}, "nl")
    start = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(start, tick=False) as clock:
        services.notify_person([volunteer, coordinator], Kind.CHECK_IN, "Hoe gaat het?", "/start/")
        clock.shift(timedelta(hours=6))
        services.notify_person([volunteer], Kind.HOURS, "Een vraag over uren", "/start/")
        read = services.notify_person([volunteer], Kind.HOURS, "Al gelezen", "/start/")[0]
        services.open_notification(volunteer, read.pk)
        assert not OutgoingMail.objects.exists()  # nothing at once

        clock.shift(timedelta(hours=16))  # the next morning at seven
        assert services.send_digests() == 1
        (digest,) = OutgoingMail.objects.all()
        assert digest.recipients == ["vrijwilliger@example.nl"]
        assert "2 things wait for you" in digest.subject  # in the volunteer's language
        assert "Hoe gaat het?" in digest.body and "Een vraag over uren" in digest.body
        assert "Al gelezen" not in digest.body

        clock.shift(timedelta(days=1))
        assert services.send_digests() == 0  # never twice
        assert OutgoingMail.objects.count() == 1
    assert Notification.objects.filter(person=coordinator, kind=Kind.CHECK_IN).exists()


def test_at_once_is_the_default_for_a_proposal_and_never_sends_nothing(world):
    volunteer = world.people["volunteer"]
    volunteer.email = "vrijwilliger@example.nl"
    volunteer.save()
    services.notify_person([volunteer], Kind.PROPOSAL, "Wilt u helpen?", "/start/")
    assert OutgoingMail.objects.get().recipients == ["vrijwilliger@example.nl"]
    services.set_preferences(volunteer, {Kind.PROPOSAL: Mail.NEVER}, "nl")
    services.notify_person([volunteer], Kind.PROPOSAL, "Wilt u nog eens helpen?", "/start/")
    assert OutgoingMail.objects.count() == 1
    assert Notification.objects.filter(person=volunteer).count() == 2


def test_the_preferences_page_keeps_what_was_chosen_and_says_what_is_wrong(client, world):
    volunteer = world.people["volunteer"]
    client.force_login(volunteer)
    url = reverse("notifications:preferences")
    choices = {**dict.fromkeys(Kind.values, "now"), "language": "nl"}
    wrong = client.post(url, {**choices, Kind.MESSAGE: "sometimes"})
    assert wrong.status_code == 400
    assert 'aria-invalid="true"' in wrong.content.decode()
    assert client.post(url, {**choices, Kind.MESSAGE: "daily"}).status_code == 302
    assert services.preferences_of(volunteer).choice(Kind.MESSAGE) == Mail.DAILY
