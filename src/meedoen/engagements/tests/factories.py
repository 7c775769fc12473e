"""Assignments, hours, check-ins, concerns, handovers, guidance and time credits, each made
through the service a coordinator, volunteer or receiver uses, so that every state in a test
is one Meedoen itself could have reached."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from meedoen.accounts.tests.factories import UserFactory, coordinator_of
from meedoen.engagements.models import (
    AllowanceLimit,
    Assignment,
    CheckIn,
    Concern,
    ConcernEvent,
    CreditAccount,
    CreditEntry,
    CreditTransaction,
    GuidanceSession,
    Handover,
    HoursEntry,
    Message,
)
from meedoen.engagements.services import assignments, concerns, credits, guidance
from meedoen.matching.tests.factories import matched_request
from meedoen.organisations.models import Organisation
from meedoen.organisations.tests.factories import OrganisationFactory

CONTACT_ROUTE = "Bel Petra (coördinator), 010-1234567"


def agree(help_request, volunteer, coordinator=None, *, starts_on=None, **terms) -> Assignment:
    """The coordinator makes the agreements for a matched request: the support starts."""
    return assignments.agree(
        help_request.pk,
        volunteer.pk,
        coordinator or coordinator_of(help_request.organisation),
        task_ids=list(help_request.activities.values_list("pk", flat=True)),
        frequency=terms.pop("frequency", "weekly"),
        starts_on=starts_on or timezone.localdate() - timedelta(days=30),
        planned_end=terms.pop("planned_end", None),
        contact_route=terms.pop("contact_route", CONTACT_ROUTE),
    )


def _matched_request():
    """A request a fitting volunteer of its organisation has said yes to."""
    from meedoen.organisations.tests.factories import AreaFactory, OrganisationFactory
    from meedoen.volunteers.tests.factories import volunteer

    organisation = OrganisationFactory()
    area = AreaFactory(municipality=organisation.municipality)
    profile = volunteer(organisation, area=area)
    return matched_request(profile, organisation=organisation, area=area), profile


def active_request(volunteer, coordinator=None, **fields):
    """A request whose volunteer said yes and whose agreements are made: support started."""
    help_request = matched_request(volunteer, coordinator, **fields)
    agree(help_request, volunteer, coordinator)
    help_request.refresh_from_db()
    return help_request


def closed_request(volunteer, coordinator=None, **fields):
    """A request whose support was given and is closed by its coordinator."""
    from meedoen.requests import services as request_services
    from meedoen.requests.tests.factories import CLOSE_REASON

    help_request = active_request(volunteer, coordinator, **fields)
    return request_services.take_step(
        help_request.pk,
        "close",
        coordinator or coordinator_of(help_request.organisation),
        CLOSE_REASON,
    )


class AssignmentFactory(factory.django.DjangoModelFactory):
    """An agreed assignment on a matched request (made with a fitting volunteer if none is
    given); `AssignmentFactory(help_request=..., profile=...)` needs that volunteer's yes."""

    class Meta:
        model = Assignment

    @classmethod
    def _create(cls, model_class, help_request=None, profile=None, coordinator=None, **terms):
        if help_request is None:
            help_request, profile = _matched_request()
        return agree(help_request, profile, coordinator, **terms)


class HoursEntryFactory(factory.django.DjangoModelFactory):
    """Hours logged by the volunteer; `HoursEntryFactory.approved(...)` approves them."""

    class Meta:
        model = HoursEntry

    assignment = factory.SubFactory(AssignmentFactory)

    @classmethod
    def _create(cls, model_class, assignment, on=None, hours="2", expenses="0", note=""):
        return assignments.log_hours(
            assignment.pk,
            assignment.profile.user,
            on=on or timezone.localdate() - timedelta(days=1),
            hours=Decimal(hours),
            expenses=Decimal(expenses),
            note=note,
        )

    @classmethod
    def approved(cls, coordinator=None, **fields) -> HoursEntry:
        entry = cls(**fields)
        actor = coordinator or coordinator_of(entry.assignment.organisation)
        return assignments.approve_hours(entry.pk, actor, over_limit_confirmed=True)

    @classmethod
    def queried(cls, question="Klopt de datum?", coordinator=None, **fields) -> HoursEntry:
        entry = cls(**fields)
        actor = coordinator or coordinator_of(entry.assignment.organisation)
        return assignments.query_hours(entry.pk, actor, question=question)


class CheckInFactory(factory.django.DjangoModelFactory):
    """The check-ins an agreement plans (one per party): the volunteer's by default."""

    class Meta:
        model = CheckIn

    assignment = factory.SubFactory(AssignmentFactory)

    @classmethod
    def _create(cls, model_class, assignment, party=CheckIn.Party.VOLUNTEER):
        return assignment.check_ins.filter(party=party, done_at__isnull=True).get()


class ConcernFactory(factory.django.DjangoModelFactory):
    """A concern raised by the volunteer on their assignment; states through the services:
    `ConcernFactory.acknowledged(...)`, `ConcernFactory.resolved(...)`, `.escalated(...)`."""

    class Meta:
        model = Concern

    assignment = factory.SubFactory(AssignmentFactory)

    @classmethod
    def _create(
        cls,
        model_class,
        assignment,
        category="loneliness",
        urgent=False,
        description="Ze ziet in het weekend niemand.",
        raised_by=None,
    ):
        return concerns.raise_concern(
            assignment.help_request_id,
            raised_by or assignment.profile.user,
            assignment_id=assignment.pk,
            category=category,
            urgent=urgent,
            description=description,
        )

    @classmethod
    def acknowledged(cls, by=None, **fields) -> Concern:
        concern = cls(**fields)
        actor = by or coordinator_of(concern.organisation)
        return concerns.acknowledge(concern.pk, actor, note="Ik bel haar vandaag.")

    @classmethod
    def resolved(cls, by=None, **fields) -> Concern:
        concern = cls.acknowledged(by=by, **fields)
        actor = by or coordinator_of(concern.organisation)
        return concerns.resolve(
            concern.pk, actor, outcome="Aangemeld bij de zondagsoos.", reply="Dank je wel!"
        )

    @classmethod
    def escalated(cls, **fields) -> Concern:
        """Not acknowledged in time: the escalation job lifts it to the manager."""
        concern = cls(**fields)
        concerns.escalate_overdue(now=concern.answer_by + timedelta(minutes=1))
        concern.refresh_from_db()
        return concern


class ConcernEventFactory(factory.django.DjangoModelFactory):
    """An event in a concern's history: recorded by taking the step (acknowledging it)."""

    class Meta:
        model = ConcernEvent

    concern = factory.SubFactory(ConcernFactory)

    @classmethod
    def _create(cls, model_class, concern, actor=None, note=""):
        concerns.acknowledge(concern.pk, actor or coordinator_of(concern.organisation), note=note)
        return concern.events.latest("pk")


class HandoverFactory(factory.django.DjangoModelFactory):
    """A warm handover of part of the support to home care, offered by the coordinator."""

    class Meta:
        model = Handover

    assignment = factory.SubFactory(AssignmentFactory)
    to_organisation = factory.SubFactory(
        OrganisationFactory,
        municipality=factory.SelfAttribute("..assignment.organisation.municipality"),
        type=Organisation.Type.PROFESSIONALS_ONLY,
        sector=Organisation.Sector.HOME_CARE,
    )

    @classmethod
    def _create(
        cls,
        model_class,
        assignment,
        to_organisation,
        by=None,
        part="Hulp bij douchen",
        note="Mevrouw redt het douchen niet meer alleen.",
        after=Handover.After.CONTINUE,
    ):
        return concerns.hand_over(
            assignment.help_request_id,
            by or coordinator_of(assignment.organisation),
            to_organisation=to_organisation,
            part=part,
            note=note,
            after=after,
            assignment_id=assignment.pk,
        )


class GuidanceSessionFactory(factory.django.DjangoModelFactory):
    """A session logged by the guide of a re-integration or internship volunteer."""

    class Meta:
        model = GuidanceSession

    enrolment = factory.LazyFunction(lambda: guided_enrolment())

    @classmethod
    def _create(cls, model_class, enrolment, guide=None, on=None, hours="1", topic="Voortgang"):
        return guidance.log_session(
            enrolment.pk,
            guide or enrolment.guide or coordinator_of(enrolment.organisation),
            on=on or timezone.localdate() - timedelta(days=7),
            hours=Decimal(hours),
            topic=topic,
        )


def guided_enrolment(**fields):
    """An intern at an organisation, with a school as sponsor and a coordinator as guide."""
    from meedoen.volunteers import services as volunteer_services
    from meedoen.volunteers.tests.factories import EnrolmentFactory

    enrolment = EnrolmentFactory(**fields)
    guide = coordinator_of(enrolment.organisation)
    volunteer_services.update_guidance(
        enrolment.pk,
        volunteer_type="internship",
        sponsor_kind="school",
        sponsor_name="Lindeveld College",
        required_hours=30,
        guide=guide,
    )
    return volunteer_services.change_status(enrolment.pk, "active", guide, "Intake afgerond")


class CreditTransactionFactory(factory.django.DjangoModelFactory):
    """Credits earned by approved hours (the only way credits come into being)."""

    class Meta:
        model = CreditTransaction

    @classmethod
    def _create(cls, model_class, entry=None, **fields):
        entry = entry or HoursEntryFactory.approved(**fields)
        return CreditTransaction.objects.get(hours_entry=entry)


class CreditAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreditAccount

    @classmethod
    def _create(cls, model_class, owner=None, organisation=None):
        if organisation is not None:
            return credits.issuer_for(organisation)
        return credits.account_for(owner or UserFactory())


class CreditEntryFactory(factory.django.DjangoModelFactory):
    """The member's side of an earned transaction."""

    class Meta:
        model = CreditEntry

    @classmethod
    def _create(cls, model_class, **fields):
        record = CreditTransactionFactory(**fields)
        return record.entries.get(account__owner__isnull=False)


class AllowanceLimitFactory(factory.django.DjangoModelFactory):
    """The tax-free limits of a year, as the administrator keeps them."""

    class Meta:
        model = AllowanceLimit
        django_get_or_create = ("year",)

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    per_hour = Decimal("5.60")
    per_hour_under_21 = Decimal("3.40")
    per_month = Decimal("210.00")
    per_year = Decimal("2100.00")


class MessageFactory(factory.django.DjangoModelFactory):
    """A volunteer's message to their coordinators on an assignment (as the conversation's
    service writes it: the coordinators are told)."""

    class Meta:
        model = Message

    @classmethod
    def _create(cls, model_class, assignment=None, author=None, body="Kan het ook op dinsdag?"):
        from meedoen.engagements import conversations

        assignment = assignment or AssignmentFactory()
        author = author or assignment.profile.user
        return conversations.post(author, "assignment", assignment.pk, body)
