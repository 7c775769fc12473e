from datetime import date
from decimal import Decimal

import factory

from meedoen.catalogue.models import Activity
from meedoen.organisations.models import (
    Area,
    Municipality,
    Network,
    Organisation,
    SubstitutionSignal,
    TaskDivision,
)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    # GM1000 to GM9899: never a code that a test or the demo gives its own municipality
    # (GM0001, GM9999, ...), which get_or_create would hand back instead of a new one.
    code = factory.Sequence(lambda n: f"GM{1000 + n % 8900:04d}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")
    kind = Area.Kind.NEIGHBOURHOOD
    latitude = Decimal("51.5")
    longitude = Decimal("5.4")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = Organisation.Type.VOLUNTEERS_SUPPORTED
    sector = Organisation.Sector.VOLUNTEER_CENTRE


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    desk = factory.SubFactory(
        OrganisationFactory, is_central_desk=True, sector=Organisation.Sector.CENTRAL_DESK
    )


class SubstitutionSignalFactory(factory.django.DjangoModelFactory):
    """A signal as the services record it when formal care is split off or refused."""

    class Meta:
        model = SubstitutionSignal

    organisation = factory.SubFactory(OrganisationFactory)
    activity = factory.LazyFunction(lambda: Activity.objects.get(code="washing"))
    kind = SubstitutionSignal.Kind.VACANCY_REFUSED
    reference = factory.Sequence(lambda n: f"Vacature {n}")


class TaskDivisionFactory(factory.django.DjangoModelFactory):
    """A first entry of an organisation's register (later ones come from
    `services.record_task_division`, which also tells the direction of the change)."""

    class Meta:
        model = TaskDivision

    organisation = factory.SubFactory(OrganisationFactory)
    activity = factory.LazyFunction(lambda: Activity.objects.get(code="visiting"))
    done_by = TaskDivision.DoneBy.PROFESSIONALS
    since = date(2026, 1, 1)
    reason = "Zo is het afgesproken"
