"""Assessments and participants, made as the services make them."""

from __future__ import annotations

import secrets
from datetime import timedelta

import factory
from django.utils import timezone

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.cooperation import framework as fw
from meedoen.cooperation import services
from meedoen.cooperation.models import (
    Agreement,
    Assessment,
    Consultation,
    ConsultationAnswer,
    Participant,
    Respondent,
)
from meedoen.organisations.models import ContactPoint
from meedoen.organisations.tests.factories import OrganisationFactory


def agreeing_with(model: fw.Model) -> dict[str, int]:
    """A full set of answers that strongly agrees with the statements of `model` only, with
    a vision and responsibility to match."""
    answers = {s.key: 5 if s.model is model else 1 for s in fw.STATEMENTS}
    expressive = model.expressive
    answers.update(
        {s.key: 1 if expressive else 5 for s in fw.INSTRUMENTAL}
        | {s.key: 5 if expressive else 1 for s in fw.EXPRESSIVE}
    )
    answers[fw.RESPONSIBLE] = 2 if expressive else 4
    answers[fw.WORK] = 2 if expressive else 4
    return answers


class AssessmentFactory(factory.django.DjangoModelFactory):
    """An open assessment run by an organisation."""

    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Samenwerking {n}")
    context = fw.Context.WITHIN_ORGANISATION.value
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)
    started_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and self.organisation is not None:
            self.organisations.add(self.organisation, *(extracted or []))


class ParticipantFactory(factory.django.DjangoModelFactory):
    """Someone invited by e-mail who has not answered; the link's token is `.token`."""

    class Meta:
        model = Participant

    assessment = factory.SubFactory(AssessmentFactory)
    perspective = fw.Perspective.VOLUNTEERS.value
    email = factory.Sequence(lambda n: f"deelnemer-{n}@example.nl")
    name = factory.Faker("first_name", locale="nl_NL")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = secrets.token_urlsafe(32)
        if kwargs.get("user") is not None:
            kwargs.update(email="", name="")
            participant = model_class.objects.create(*args, **kwargs)
        else:
            participant = model_class.objects.create(
                *args, digest=services._digest(token), **kwargs
            )
        participant.token = token
        return participant

    @classmethod
    def answered(cls, model: fw.Model = fw.Model.RESOURCES, **kwargs) -> Participant:
        """One who answered, through the service."""
        participant = cls(**kwargs)
        token = participant.token
        participant = services.answer(participant, agreeing_with(model))
        participant.token = token
        return participant


class ConsultationFactory(factory.django.DjangoModelFactory):
    """An open consultation of a municipality that asks its volunteers and professionals."""

    class Meta:
        model = Consultation

    organisation = None
    municipality = factory.SubFactory("meedoen.organisations.tests.factories.MunicipalityFactory")
    title = factory.Sequence(lambda n: f"Ontmoetingsplek {n}")
    question = "Wat heeft u nodig om elkaar te ontmoeten?"
    background = "De gemeente wil een ruimte openen voor vrijwilligers."
    has_proposal = True
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    ask_volunteers = True
    ask_professionals = True
    ask_organisations = False
    opened_by = factory.SubFactory(UserFactory)


class ConsultationAnswerFactory(factory.django.DjangoModelFactory):
    """A volunteer's answer, without a name."""

    class Meta:
        model = ConsultationAnswer

    consultation = factory.SubFactory(ConsultationFactory)
    respondent = factory.SubFactory(UserFactory)
    perspective = Respondent.VOLUNTEERS.value
    text = factory.Faker("sentence", locale="nl_NL")
    stance = "agree"


class AgreementFactory(factory.django.DjangoModelFactory):
    """A draft agreement between an organisation and the municipality, confirmed by nobody."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)
    partner = None
    title = factory.Sequence(lambda n: f"Bezoek aan cliënten {n}")
    volunteer_tasks = "Bezoeken, een wandeling, samen boodschappen doen."
    professional_tasks = "Alle zorg: wassen, medicijnen, wondzorg."
    contact_here = "Anja, coördinator vrijwilligers"
    contact_partner = "Peter, wijkverpleegkundige"
    escalation = "Eerst de coördinator; komt het niet goed, dan de manager."
    review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
    created_by = factory.SubFactory(UserFactory)


class ContactPointFactory(factory.django.DjangoModelFactory):
    """An organisation's contact point for volunteers, a member of it (as `contact_points.name`
    makes it)."""

    class Meta:
        model = ContactPoint

    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.LazyAttribute(
        lambda o: MembershipFactory(organisation=o.organisation, role="coordinator").user
    )
    role = "coördinator vrijwilligers"
    reach = "Meld een zorg op de pagina van uw inzet."
