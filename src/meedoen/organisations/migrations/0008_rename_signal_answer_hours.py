"""How soon a concern must be acknowledged: named after the concern."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0007_municipality_memberships"),
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
