"""A concern is a concern: the model Signal becomes Concern, its history ConcernEvent.
Renames only; every row stays."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0003_assignment_ended_by_handover_answered_by"),
        ("organisations", "0006_organisation_allowance_per_hour_and_more"),
        ("requests", "0002_intake_workflow"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Signal", new_name="Concern"),
        migrations.RenameModel(old_name="SignalEvent", new_name="ConcernEvent"),
        migrations.RenameField(model_name="concernevent", old_name="signal", new_name="concern"),
        migrations.RenameIndex(
            model_name="concern", new_name="concern_due_idx", old_name="signal_due_idx"
        ),
        migrations.AlterField(
            model_name="concern",
            name="assignment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="concerns",
                to="engagements.assignment",
                verbose_name="assignment",
            ),
        ),
        migrations.AlterField(
            model_name="concern",
            name="help_request",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="concerns",
                to="requests.helprequest",
                verbose_name="help request",
            ),
        ),
        migrations.AlterField(
            model_name="concern",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="concerns",
                to="organisations.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AlterField(
            model_name="concern",
            name="raised_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="concerns_raised",
                to=settings.AUTH_USER_MODEL,
                verbose_name="raised by",
            ),
        ),
    ]
