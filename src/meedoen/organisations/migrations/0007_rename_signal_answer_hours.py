"""How soon a concern must be acknowledged: named after the concern."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0006_organisation_allowance_per_hour_and_more"),
    ]

    operations = [
        migrations.RenameField(
            model_name="organisation",
            old_name="signal_answer_hours",
            new_name="concern_answer_hours",
        ),
        migrations.RenameField(
            model_name="organisation",
            old_name="urgent_signal_answer_hours",
            new_name="urgent_concern_answer_hours",
        ),
    ]
