"""Volunteers, their enrolments, vacancies and responses; states reached through the services."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from meedoen import availability
from meedoen.accounts.tests.factories import UserFactory, coordinator_of
from meedoen.organisations.tests.factories import AreaFactory, OrganisationFactory
from meedoen.volunteers import lifecycle, services
from meedoen.volunteers.models import (
    Application,
    Enrolment,
    EnrolmentStatusChange,
    Vacancy,
    VolunteerProfile,
)


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    """A volunteer who can be matched: available every part of the week, with a valid VOG."""

    class Meta:
        model = VolunteerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(AreaFactory)
    availability = availability.ALL
    vog_issued_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=90))

    @factory.post_generation
    def activities(self, create, extracted, **kwargs):
        if create and extracted:
            self.activities.set(extracted)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)

    @factory.post_generation
    def motives(self, create, extracted, **kwargs):
        if create and extracted:
            self.motives.set(extracted)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An applicant at an organisation; `EnrolmentFactory.active(...)` takes the intake step."""

    class Meta:
        model = Enrolment

    profile = factory.SubFactory(VolunteerProfileFactory)
    organisation = factory.SubFactory(OrganisationFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("status", lifecycle.APPLICANT) != lifecycle.APPLICANT:
            raise TypeError("Reach a status through the lifecycle: EnrolmentFactory.active(...).")
        enrolment = super()._create(model_class, *args, **kwargs)
        EnrolmentStatusChange.objects.create(
            enrolment=enrolment, from_status="", to_status=enrolment.status, reason="Aangemeld"
        )
        return enrolment

    @classmethod
    def active(cls, actor=None, **fields) -> Enrolment:
        """Through the coordinator's intake: applicant, then active."""
        enrolment = cls(**fields)
        actor = actor or coordinator_of(enrolment.organisation)
        return services.change_status(enrolment.pk, lifecycle.ACTIVE, actor, "Intake afgerond")

    @classmethod
    def in_status(cls, status: str, actor=None, **fields) -> Enrolment:
        """Any status, along the shortest way the lifecycle allows."""
        enrolment = cls(**fields)
        actor = actor or coordinator_of(enrolment.organisation)
        ways = {
            lifecycle.APPLICANT: [],
            lifecycle.INTAKE_PLANNED: [lifecycle.INTAKE_PLANNED],
            lifecycle.ACTIVE: [lifecycle.ACTIVE],
            lifecycle.PAUSED: [lifecycle.ACTIVE, lifecycle.PAUSED],
            lifecycle.STOPPED: [lifecycle.STOPPED],
        }
        for target in ways[status]:
            enrolment = services.change_status(
                enrolment.pk,
                target,
                actor,
                "Stap in de test",
                intake_at=timezone.now() + timedelta(days=3),
            )
        return enrolment


def volunteer(organisation, *, username=None, **fields) -> VolunteerProfile:
    """A volunteer active at the organisation, ready to be matched in its area."""
    user = UserFactory(**({"username": username} if username else {}))
    fields.setdefault("area", AreaFactory(municipality=organisation.municipality))
    profile = VolunteerProfileFactory(user=user, **fields)
    EnrolmentFactory.active(profile=profile, organisation=organisation)
    return profile


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Maatje {n}")
    description = "Eén keer per week op bezoek."
    language = "nl"
    contact_name = "Petra"

    @factory.post_generation
    def activities(self, create, extracted, **kwargs):
        if create and extracted:
            self.activities.set(extracted)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A response to a vacancy, through the service a volunteer uses."""

    class Meta:
        model = Application

    vacancy = factory.SubFactory(VacancyFactory)
    profile = factory.SubFactory(VolunteerProfileFactory)
    message = "Ik heb op dinsdag tijd."

    @classmethod
    def _create(cls, model_class, vacancy, profile, message="", **kwargs):
        if kwargs:
            raise TypeError("A response is decided through the services (invite, accept, decline).")
        return services.apply(vacancy.pk, profile, message)


class EnrolmentStatusChangeFactory(factory.django.DjangoModelFactory):
    """A recorded change: made by taking the step through the service."""

    class Meta:
        model = EnrolmentStatusChange

    enrolment = factory.SubFactory(EnrolmentFactory)

    @classmethod
    def _create(cls, model_class, enrolment, to_status=lifecycle.ACTIVE, actor=None, reason="Stap"):
        actor = actor or coordinator_of(enrolment.organisation)
        services.change_status(
            enrolment.pk, to_status, actor, reason, intake_at=timezone.now() + timedelta(days=3)
        )
        return enrolment.status_changes.latest("pk")
