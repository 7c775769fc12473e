"""A volunteer hears of their check-in once it is due: from the worker's morning job, once."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from meedoen.engagements import jobs
from meedoen.engagements.models import CheckIn
from meedoen.engagements.services import check_ins
from meedoen.models import OutgoingMail
from meedoen.notifications import services as notifications
from meedoen.notifications.models import Kind, Mail, Notification

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 3, 2, 6, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _due_on(assignment, day):
    CheckIn.objects.filter(assignment=assignment).update(due_on=day)
    return assignment.check_ins.get(party=CheckIn.Party.VOLUNTEER)


def test_the_volunteer_is_told_once_on_the_morning_the_check_in_is_due(emails, assignment):
    volunteer = emails.people["volunteer"]
    mails = OutgoingMail.objects.count()
    with time_machine.travel(MORNING, tick=False) as clock:
        mine = _due_on(assignment, timezone.localdate() + timedelta(days=2))
        assert jobs.notify_due_check_ins() == 0

        clock.shift(timedelta(days=2))  # the morning it is due
        assert jobs.notify_due_check_ins() == 1
        (told,) = Notification.objects.filter(kind=Kind.CHECK_IN)
        assert told.person == volunteer
        assert told.link == reverse("engagements:assignment", args=[assignment.pk]) + (
            f"#check-in-{mine.pk}"
        )
        assert "4 maart 2026" in told.text_nl and "4 March 2026" in told.text_en
        with translation.override("en"):
            assert told.text.startswith("It is time to tell how your volunteer work")

        clock.shift(timedelta(days=1))  # still not done the next morning: not told again
        assert jobs.notify_due_check_ins() == 0
        assert check_ins.notify_due_check_ins() == 0
        assert Notification.objects.filter(kind=Kind.CHECK_IN).count() == 1

    # The check-in with the person helped is the coordinator's, not notified to anyone.
    assert not Notification.objects.filter(kind=Kind.CHECK_IN).exclude(person=volunteer).exists()
    # Once a day by default: it waits for the digest, not mailed at once.
    assert told.in_digest
    assert OutgoingMail.objects.count() == mails


def test_the_page_it_leads_to_has_the_check_in_to_answer(client, emails, assignment):
    volunteer = emails.people["volunteer"]
    mine = _due_on(assignment, timezone.localdate())
    check_ins.notify_due_check_ins()
    told = Notification.objects.get(kind=Kind.CHECK_IN)
    client.force_login(volunteer)
    page = client.get(reverse("notifications:open", args=[told.pk]), follow=True)
    assert f'id="check-in-{mine.pk}"' in page.content.decode()


def test_a_done_check_in_or_an_ended_assignment_is_not_told_and_never_is_not_mailed(
    emails, assignment
):
    volunteer = emails.people["volunteer"]
    notifications.set_preferences(volunteer, {Kind.CHECK_IN: Mail.NOW}, "nl")
    mails = OutgoingMail.objects.count()
    mine = _due_on(assignment, timezone.localdate())
    mine.done_at = timezone.now()
    mine.save()
    assert check_ins.notify_due_check_ins() == 0

    mine.done_at = None
    mine.save()
    assignment.status = "ended"
    assignment.save()
    assert check_ins.notify_due_check_ins() == 0

    assignment.status = "active"
    assignment.save()
    assert check_ins.notify_due_check_ins() == 1
    assert OutgoingMail.objects.count() == mails + 1
    assert OutgoingMail.objects.last().recipients == ["volunteer@example.nl"]

    CheckIn.objects.create(assignment=assignment, party="volunteer", due_on=mine.due_on)
    notifications.set_preferences(volunteer, {Kind.CHECK_IN: Mail.NEVER}, "nl")
    assert check_ins.notify_due_check_ins() == 1  # the new one, told but not mailed
    assert OutgoingMail.objects.count() == mails + 1
