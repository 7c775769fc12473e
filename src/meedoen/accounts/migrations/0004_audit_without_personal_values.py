"""Entries written before the audit log withheld personal values lose them now: the values of
free text (outside the directory and the catalogue) become a mark, the record is named by
model and number, and steps taken without an account keep no address."""

from django.db import migrations, models

WITHHELD = "[...]"
DIRECTORY_APPS = ("organisations", "catalogue")


def withhold(apps, schema_editor):
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    free_text = {}
    for content_type in ContentType.objects.all():
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except LookupError:
            continue
        fields = set()
        if content_type.app_label not in DIRECTORY_APPS:
            fields = {
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, (models.CharField, models.TextField, models.JSONField))
                and not field.choices
            }
        free_text[content_type.pk] = (model._meta.verbose_name, fields)
    for entry in LogEntry.objects.iterator(chunk_size=2000):
        name, fields = free_text.get(entry.content_type_id, ("", set()))
        changes = entry.changes
        if isinstance(changes, dict) and fields:
            entry.changes = {
                field: (
                    [WITHHELD if v not in ("", None, "None") else v for v in change]
                    if field in fields and isinstance(change, list)
                    else change
                )
                for field, change in changes.items()
            }
        entry.changes_text = ""
        if name:
            entry.object_repr = f"{name} {entry.object_pk}"
        if entry.actor_id is None:
            entry.remote_addr = None
        entry.save(update_fields=["changes", "changes_text", "object_repr", "remote_addr"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_roles_from_memberships"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(withhold, migrations.RunPython.noop)]
