"""The tax-free limits of the volunteer allowance, pre-filled for 2025 and 2026."""

from django.db import migrations


def fill(apps, schema_editor):
    from meedoen.engagements.allowance import KNOWN_LIMITS

    AllowanceLimit = apps.get_model("engagements", "AllowanceLimit")
    for year, limits in KNOWN_LIMITS.items():
        AllowanceLimit.objects.get_or_create(
            year=year,
            defaults={
                "per_hour": limits.per_hour,
                "per_hour_under_21": limits.per_hour_under_21,
                "per_month": limits.per_month,
                "per_year": limits.per_year,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("engagements", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
