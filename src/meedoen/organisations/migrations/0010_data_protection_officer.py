"""A municipality appoints its data protection officer: a municipal role beside the policy
officer."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0009_municipality_inactive_months"),
    ]

    operations = [
        migrations.AlterField(
            model_name="municipalitymembership",
            name="role",
            field=models.CharField(
                choices=[
                    ("policy_officer", "policy officer"),
                    ("data_protection_officer", "data protection officer"),
                ],
                default="policy_officer",
                max_length=30,
                verbose_name="role",
            ),
        ),
    ]
