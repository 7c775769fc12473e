import factory

from meedoen.organisations.models import Area, Municipality, Network, Organisation


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    code = factory.Sequence(lambda n: f"GM{n:04d}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")
    kind = Area.Kind.NEIGHBOURHOOD
    latitude = 51.5
    longitude = 5.4


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
