"""Assessments and participants, made as the services make them."""

from __future__ import annotations

import secrets

import factory

from meedoen.accounts.tests.factories import UserFactory
from meedoen.cooperation import framework as fw
from meedoen.cooperation import services
from meedoen.cooperation.models import Assessment, Participant
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
