"""Help requests and what is recorded about them. A request is made as submitted; any other
state is reached through the workflow, as Meedoen itself would (`HelpRequestFactory.ready()`,
`HelpRequestFactory.in_state("routed", member=...)`, ...). A volunteer's yes (matched) is
matching's (`matching.tests.factories.matched_request`); the agreements (active, closed) are
engagements' (`engagements.tests.factories.active_request`)."""

from __future__ import annotations

import factory
from django.utils import timezone

from meedoen import availability
from meedoen.accounts.tests.factories import coordinator_of
from meedoen.catalogue.models import Activity
from meedoen.organisations.tests.factories import AreaFactory, OrganisationFactory
from meedoen.requests import services, workflow
from meedoen.requests.models import (
    HelpRequest,
    ProfessionalReferral,
    RequestNote,
    RequestTransition,
)

CLOSE_REASON = "Hulp afgerond"


def welfare(*codes: str) -> list[Activity]:
    return list(Activity.objects.filter(code__in=codes or ("visiting",)))


class HelpRequestFactory(factory.django.DjangoModelFactory):
    """A submitted request at an organisation, assessed enough to become ready for matching."""

    class Meta:
        model = HelpRequest
        skip_postgeneration_save = True

    area = factory.SubFactory(AreaFactory)
    municipality = factory.SelfAttribute("area.municipality")
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    source = HelpRequest.Source.CITIZEN
    first_name = factory.Faker("first_name", locale="nl_NL")
    self_reliance = 4
    availability = availability.ALL
    consent_given_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def activities(self, create, extracted, **kwargs):
        if create:
            self.activities.set(welfare() if extracted is None else extracted)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("status", workflow.SUBMITTED) != workflow.SUBMITTED:
            raise TypeError(
                "A request starts as submitted; reach another state through the workflow: "
                "HelpRequestFactory.in_state(...)."
            )
        help_request = super()._create(model_class, *args, **kwargs)
        RequestTransition.objects.create(
            help_request=help_request,
            name="submit",
            from_status="",
            to_status=help_request.status,
            actor=help_request.requester or help_request.referred_by,
            actor_role=workflow.REQUESTER,
        )
        return help_request

    @classmethod
    def in_state(cls, status: str, *, member=None, coordinator=None, **fields) -> HelpRequest:
        """A request in `status`, by the steps its coordinators (and volunteer) take.

        Routed/returned are made at the central desk (`organisation`) and routed to `member`.
        """
        help_request = cls(**fields)
        return bring(help_request, status, member=member, coordinator=coordinator)

    @classmethod
    def in_intake(cls, **fields) -> HelpRequest:
        return cls.in_state(workflow.IN_INTAKE, **fields)

    @classmethod
    def ready(cls, **fields) -> HelpRequest:
        return cls.in_state(workflow.READY, **fields)


def bring(help_request, status: str, *, member=None, coordinator=None):
    """Take a submitted request to `status` through the services, step by step, as far as
    the request desk goes (up to ready for matching)."""

    def handler():
        return coordinator or coordinator_of(help_request.organisation)

    def step(name, reason=""):
        return services.take_step(help_request.pk, name, handler(), reason)

    if status == workflow.SUBMITTED:
        return help_request
    if status in (workflow.ROUTED, workflow.RETURNED):
        desk = coordinator or coordinator_of(help_request.organisation)
        help_request = services.route(help_request.pk, member, desk)
        if status == workflow.RETURNED:
            help_request = services.take_step(
                help_request.pk, "return", coordinator_of(member), "Geen vrijwilliger beschikbaar"
            )
        return help_request
    if status == workflow.WITHDRAWN:
        return step("withdraw")
    if status == workflow.DECLINED:
        return step("decline", "Past niet bij ons aanbod")
    help_request = step("start_intake")
    if status == workflow.IN_INTAKE:
        return help_request
    if status == workflow.REFERRED:
        return step("refer", "Alleen persoonlijke verzorging gevraagd")
    help_request = step("ready")
    if status == workflow.READY:
        return help_request
    raise ValueError(
        f"{status}: a volunteer's yes and the agreements are matching's and engagements' "
        "(matched_request, active_request in their factories)"
    )


class RequestTransitionFactory(factory.django.DjangoModelFactory):
    """A recorded step: taken through the workflow (by default: the intake starts)."""

    class Meta:
        model = RequestTransition

    help_request = factory.SubFactory(HelpRequestFactory)

    @classmethod
    def _create(cls, model_class, help_request, name="start_intake", user=None, reason=""):
        services.take_step(
            help_request.pk, name, user or coordinator_of(help_request.organisation), reason
        )
        return help_request.transitions.latest("pk")


class RequestNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestNote

    help_request = factory.SubFactory(HelpRequestFactory)
    text = "Bel liever na tienen."

    @classmethod
    def _create(cls, model_class, help_request, text, author=None, from_requester=False):
        return services.add_note(help_request.pk, text, user=author, from_requester=from_requester)


class ProfessionalReferralFactory(factory.django.DjangoModelFactory):
    """Formal care split off a request in intake, to an organisation of professionals."""

    class Meta:
        model = ProfessionalReferral

    help_request = factory.LazyFunction(
        lambda: HelpRequestFactory.in_intake(activities=welfare("visiting", "washing"))
    )
    organisation = factory.SubFactory(
        OrganisationFactory,
        municipality=factory.SelfAttribute("..help_request.municipality"),
        type=3,
        sector="home_care",
    )
    note = "Mevrouw redt het douchen niet meer."

    @classmethod
    def _create(cls, model_class, help_request, organisation, note="", created_by=None):
        return services.split_and_refer(
            help_request.pk,
            created_by or coordinator_of(help_request.organisation),
            organisation=organisation,
            note=note,
        )
