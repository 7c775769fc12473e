"""The catalogue Meedoen ships with: Wmo performance fields, activities, skills and motives."""

from django.db import migrations

from meedoen.catalogue import catalogue_data as data


def load(apps, schema_editor):
    PerformanceField = apps.get_model("catalogue", "PerformanceField")
    Activity = apps.get_model("catalogue", "Activity")
    Skill = apps.get_model("catalogue", "Skill")
    Motive = apps.get_model("catalogue", "Motive")
    fields = {}
    for number, short_nl, short_en, name_nl, name_en in data.PERFORMANCE_FIELDS:
        fields[number], _ = PerformanceField.objects.update_or_create(
            number=number,
            defaults={
                "short_nl": short_nl,
                "short_en": short_en,
                "name_nl": name_nl,
                "name_en": name_en,
            },
        )
    for code, level, numbers, name_nl, name_en, plain_nl, plain_en in data.ACTIVITIES:
        activity, _ = Activity.objects.update_or_create(
            code=code,
            defaults={
                "care_level": level,
                "name_nl": name_nl,
                "name_en": name_en,
                "plain_nl": plain_nl,
                "plain_en": plain_en,
            },
        )
        activity.performance_fields.set([fields[n] for n in numbers])
    for model, rows in ((Skill, data.SKILLS), (Motive, data.MOTIVES)):
        for code, name_nl, name_en in rows:
            model.objects.update_or_create(
                code=code, defaults={"name_nl": name_nl, "name_en": name_en}
            )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
