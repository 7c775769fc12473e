"""The kernel's tables: a lease a worker holds on a periodic job, a message waiting to be sent,
the attempts counted at a rate-limited door."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from meedoen import limits
from meedoen.models import Attempts, JobLease, OutgoingMail
from meedoen.notifications.models import Kind, Mail, MailPreferences, Notification


class JobLeaseFactory(factory.django.DjangoModelFactory):
    """A job held by a worker for the next ten minutes."""

    class Meta:
        model = JobLease

    name = factory.Sequence(lambda n: f"job-{n}")
    holder = factory.Sequence(lambda n: f"worker-{n}")
    until = factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=10))


class OutgoingMailFactory(factory.django.DjangoModelFactory):
    """A message queued by a write, due now (as `notify.send` queues it)."""

    class Meta:
        model = OutgoingMail

    recipients = factory.Sequence(lambda n: [f"person-{n}@example.nl"])
    subject = "Meedoen: er is een nieuwe zorg gemeld"
    body = "Er is een nieuwe zorg gemeld. Bekijk hem in Meedoen."


class AttemptsFactory(factory.django.DjangoModelFactory):
    """Two attempts at the public form in this hour (as `limits.attempt` counts them)."""

    class Meta:
        model = Attempts

    key = factory.Sequence(lambda n: limits._key(limits.PUBLIC_FORM, f"192.0.2.{n % 250}"))
    window_start = factory.LazyFunction(lambda: limits._window(limits.PUBLIC_FORM, timezone.now()))
    count = 2


class NotificationFactory(factory.django.DjangoModelFactory):
    """An unread notification of a proposal to answer, as `notify_person` writes it."""

    class Meta:
        model = Notification

    person = factory.SubFactory("meedoen.accounts.tests.factories.UserFactory")
    kind = Kind.PROPOSAL
    text_nl = "Je wordt gevraagd of je iemand in Centrum wilt helpen."
    text_en = "You are asked whether you would like to help someone in Centrum."
    link = "/volunteer/proposals/"


class MailPreferencesFactory(factory.django.DjangoModelFactory):
    """A person who wants concerns at once and answers to proposals never, in Dutch."""

    class Meta:
        model = MailPreferences

    person = factory.SubFactory("meedoen.accounts.tests.factories.UserFactory")
    choices = factory.LazyFunction(
        lambda: {Kind.CONCERN: Mail.NOW, Kind.PROPOSAL_ANSWER: Mail.NEVER}
    )
    language = "nl"
