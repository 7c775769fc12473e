import pytest

from meedoen.catalogue.models import Activity, Motive, PerformanceField, Skill
from meedoen.catalogue.policy import CareLevel

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_loaded_by_migration():
    assert PerformanceField.objects.count() == 9
    assert Activity.objects.count() >= 30
    assert Skill.objects.exists()
    assert {m.code for m in Motive.objects.all()} >= {
        "useful-occupation",
        "social-contact",
        "development",
        "helping-others",
        "lived-experience",
        "required",
    }


def test_every_performance_field_has_volunteer_work_and_every_care_level_is_present():
    for field in PerformanceField.objects.all():
        assert field.activities.filter(care_level=CareLevel.WELFARE).exists(), field
    levels = set(Activity.objects.values_list("care_level", flat=True))
    assert levels == {int(level) for level in CareLevel}


def test_names_follow_the_active_language():
    from django.utils import translation

    activity = Activity.objects.get(code="visiting")
    with translation.override("en"):
        assert activity.name == "Visits and company"
    with translation.override("nl"):
        assert activity.name == "Bezoek en gezelschap"
