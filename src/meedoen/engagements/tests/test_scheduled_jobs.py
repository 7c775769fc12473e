"""The worker runs the periodic jobs by itself: with a frozen clock, a concern escalates and a
proposal expires without anyone running a command. The worker here is django-q2's own
scheduler and processing loop, run step by step on the real database queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_q.models import OrmQ, Schedule, Task

from meedoen import availability, jobs
from meedoen.engagements.models import Concern
from meedoen.engagements.services import concerns
from meedoen.jobs import run_due_schedules, tick, work_off
from meedoen.matching.models import MatchProposal
from meedoen.models import OutgoingMail
from meedoen.requests.models import HelpRequest

# The worker commits for real and closes connections as it does in production.
pytestmark = pytest.mark.django_db(transaction=True)

SECOND = timedelta(seconds=1)


def raise_urgent(world, assignment):
    return concerns.raise_concern(
        assignment.help_request_id,
        world.people["volunteer"],
        assignment_id=assignment.pk,
        category="safety",
        urgent=True,
        description="De kachel lekt gas, denk ik.",
    )


def open_proposal(world, expires_at):
    help_request = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.organisation,
        source="citizen",
        first_name="Kees",
        status="ready",
        self_reliance=4,
        availability=availability.ALL,
    )
    return MatchProposal.objects.create(
        help_request=help_request,
        profile=world.people["volunteer"].volunteer_profile,
        status=MatchProposal.Status.PROPOSED,
        expires_at=expires_at,
    )


def test_every_periodic_job_is_scheduled_after_migrate():
    schedules = {s.name: s for s in Schedule.objects.all()}
    assert {name: (s.func, s.minutes, s.repeats) for name, s in schedules.items()} == {
        "escalate-concerns": ("meedoen.engagements.jobs.escalate_concerns", 5, -1),
        "check-ins-due": ("meedoen.engagements.jobs.notify_due_check_ins", 24 * 60, -1),
        "expire-proposals": ("meedoen.matching.jobs.expire_proposals", 60, -1),
        "resume-volunteers": ("meedoen.volunteers.jobs.resume_volunteers", 24 * 60, -1),
        "anonymise-requests": ("meedoen.requests.jobs.anonymise_requests", 24 * 60, -1),
        "flag-overdue-referrals": ("meedoen.requests.jobs.flag_overdue_referrals", 60, -1),
        "deliver-mail": ("meedoen.notify.deliver_due", 1, -1),
        "forget-attempts": ("meedoen.limits.forget_old", 60, -1),
        "erase-inactive-people": ("meedoen.accounts.jobs.erase_inactive_people", 24 * 60, -1),
        "notification-digest": ("meedoen.notifications.services.send_digests", 24 * 60, -1),
        "remind-agreement-reviews": (
            "meedoen.cooperation.jobs.remind_agreement_reviews",
            24 * 60,
            -1,
        ),
    }
    nightly = timezone.localtime(schedules["anonymise-requests"].next_run)
    assert (nightly.hour, nightly.minute) == (2, 30)
    people = timezone.localtime(schedules["erase-inactive-people"].next_run)
    assert (people.hour, people.minute) == (3, 0)
    digest = timezone.localtime(schedules["notification-digest"].next_run)
    assert (digest.hour, digest.minute) == (7, 0)
    reviews = timezone.localtime(schedules["remind-agreement-reviews"].next_run)
    assert (reviews.hour, reviews.minute) == (7, 0)
    check_ins = timezone.localtime(schedules["check-ins-due"].next_run)
    assert (check_ins.hour, check_ins.minute) == (6, 30)  # before the digest
    jobs.install_schedules()  # again, as after every migrate: nothing doubles
    assert Schedule.objects.count() == 11


def next_morning_at_nine():
    """A start at which no nightly job falls within the hours a test counts jobs in, whenever
    the suite runs: the first 09:00 (local time) from now, with the nightly jobs due next at
    night, as if they had run the night before."""
    local = timezone.localtime()
    nine = local.replace(hour=9, minute=0, second=0, microsecond=0)
    start = nine if nine > local else nine + timedelta(days=1)
    for job in jobs.PERIODIC.values():
        if job.at is not None:
            Schedule.objects.filter(name=job.name).update(next_run=jobs.first_run(job, start))
    return start


def test_the_worker_escalates_a_concern_and_expires_a_proposal_by_itself(
    world, emails, manager, assignment
):
    start = next_morning_at_nine()
    with time_machine.travel(start, tick=False) as clock:
        concern = raise_urgent(world, assignment)
        proposal = open_proposal(world, start + timedelta(hours=72))
        clock.shift(timedelta(hours=3))
        tick()
        clock.shift(SECOND)
        work_off()
        concern.refresh_from_db()
        assert concern.level == 0  # in time: the four hours have not passed

        mail.outbox.clear()
        clock.shift(timedelta(hours=2))  # five hours after it was raised
        run_due_schedules()
        clock.shift(SECOND)
        assert work_off() >= 1
        concern.refresh_from_db()
        assert concern.level == 1
        clock.shift(SECOND)
        assert work_off() == 1  # the message the escalation queued
        assert [m.to for m in mail.outbox] == [["manager@example.nl"]]
        proposal.refresh_from_db()
        assert proposal.status == "proposed"

        clock.shift(timedelta(hours=70))  # 75 hours: no answer within 72
        run_due_schedules()
        clock.shift(SECOND)
        work_off()
        proposal.refresh_from_db()
        assert proposal.status == "expired"
        concern.refresh_from_db()
        assert concern.level == 2  # nobody acknowledged it: one level up every four hours

    ran = Task.objects.filter(success=True).values_list("func", flat=True)
    assert "meedoen.engagements.jobs.escalate_concerns" in ran
    assert "meedoen.matching.jobs.expire_proposals" in ran


def test_a_due_schedule_becomes_one_job_however_often_the_scheduler_looks():
    with time_machine.travel(timezone.now() + timedelta(days=2), tick=False):
        run_due_schedules()
        run_due_schedules()  # a second worker at the same moment
    queued = [job.func() for job in OrmQ.objects.all()]
    assert sorted(queued) == sorted(
        [
            "meedoen.engagements.jobs.escalate_concerns",
            "meedoen.engagements.jobs.notify_due_check_ins",
            "meedoen.matching.jobs.expire_proposals",
            "meedoen.volunteers.jobs.resume_volunteers",
            "meedoen.requests.jobs.anonymise_requests",
            "meedoen.requests.jobs.flag_overdue_referrals",
            "meedoen.notify.deliver_due",
            "meedoen.limits.forget_old",
            "meedoen.accounts.jobs.erase_inactive_people",
            "meedoen.notifications.services.send_digests",
            "meedoen.cooperation.jobs.remind_agreement_reviews",
        ]
    )


def test_a_periodic_job_does_not_run_while_another_worker_runs_it(world, manager, assignment):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        concern = raise_urgent(world, assignment)
        clock.shift(timedelta(hours=5))
        with jobs.lease("escalate-concerns") as mine:  # another worker is escalating
            assert mine
            run_due_schedules()
            clock.shift(SECOND)
            work_off()
            concern.refresh_from_db()
            assert concern.level == 0
            with jobs.lease("escalate-concerns") as again:
                assert not again
        clock.shift(timedelta(minutes=5))  # the other one is done; the next turn works
        run_due_schedules()
        clock.shift(SECOND)
        work_off()
    concern.refresh_from_db()
    assert concern.level == 1


def test_a_failing_job_is_logged_and_tried_again(world, manager, assignment, monkeypatch, caplog):
    start = timezone.now()
    real = concerns.escalate_overdue
    calls = []

    def fails_once(now=None):
        calls.append(now)
        if len(calls) == 1:
            raise RuntimeError("the mail server is away")
        return real(now)

    monkeypatch.setattr(concerns, "escalate_overdue", fails_once)
    with time_machine.travel(start, tick=False) as clock:
        concern = raise_urgent(world, assignment)
        Schedule.objects.exclude(name="escalate-concerns").delete()
        clock.shift(timedelta(hours=5))
        run_due_schedules()
        clock.shift(SECOND)
        work_off()
        concern.refresh_from_db()
        assert concern.level == 0
        assert "the mail server is away" in caplog.text
        assert Task.objects.get().success is False
        clock.shift(timedelta(seconds=settings.Q_CLUSTER["retry"]) + SECOND)
        work_off()
    concern.refresh_from_db()
    assert concern.level == 1
    outcome = Task.objects.get()
    assert outcome.success is True and outcome.attempt_count == 2


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_concern_raised_while_the_mail_server_is_down_is_saved_and_told_once_when_it_is_back(
    world, emails, assignment, settings
):
    """The volunteer's concern is saved whatever the mail server does; the worker tries the
    message, keeps it while the server is down, and delivers it once when it is back."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        clock.shift(SECOND)
        work_off()  # what setting up the assignment told people goes first
        mail.outbox.clear()
        settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
        concern = raise_urgent(world, assignment)  # the service's transaction commits
        assert Concern.objects.filter(pk=concern.pk).exists()
        clock.shift(SECOND)
        # Asked to deliver at once (a message for each person told): the server refuses.
        assert work_off() == 2
        waiting = list(OutgoingMail.objects.all())
        assert len(waiting) == 2
        assert all(w.attempts == 1 and w.next_attempt_at > start for w in waiting)
        assert mail.outbox == []

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        clock.shift(timedelta(minutes=2))
        run_due_schedules()  # the worker's next turn
        clock.shift(SECOND)
        work_off()
        told = sorted(address for m in mail.outbox for address in m.to)
        assert told == ["coordinator@example.nl", "professional@example.nl"]  # one each
        assert not OutgoingMail.objects.exists()  # sent, and the addresses are gone

        clock.shift(timedelta(minutes=2))
        run_due_schedules()
        clock.shift(SECOND)
        work_off()
        assert len(mail.outbox) == 2  # never twice
