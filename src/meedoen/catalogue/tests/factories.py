"""The catalogue ships with Meedoen (a data migration); factories add entries beside it."""

import factory

from meedoen.catalogue.models import Activity, Motive, PerformanceField, Skill
from meedoen.catalogue.policy import CareLevel


class PerformanceFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceField
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: 60 + n % 40)
    name_nl = factory.Sequence(lambda n: f"Prestatieveld {n}")
    name_en = factory.Sequence(lambda n: f"Performance field {n}")
    short_nl = factory.Sequence(lambda n: f"Veld {n}")
    short_en = factory.Sequence(lambda n: f"Field {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"activity-{n}")
    name_nl = factory.Sequence(lambda n: f"Activiteit {n}")
    name_en = factory.Sequence(lambda n: f"Activity {n}")
    care_level = int(CareLevel.WELFARE)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"skill-{n}")
    name_nl = factory.Sequence(lambda n: f"Vaardigheid {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")


class MotiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Motive
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"motive-{n}")
    name_nl = factory.Sequence(lambda n: f"Motief {n}")
    name_en = factory.Sequence(lambda n: f"Motive {n}")
