"""Volunteers' links to organisations move from memberships to enrolments (with a lifecycle)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Membership = apps.get_model("organisations", "Membership")
    Enrolment = apps.get_model("volunteers", "Enrolment")
    VolunteerProfile = apps.get_model("volunteers", "VolunteerProfile")
    profiles = dict(VolunteerProfile.objects.values_list("user_id", "pk"))
    volunteer_memberships = Membership.objects.filter(role="volunteer")
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                profile_id=profiles[m.user_id],
                organisation_id=m.organisation_id,
                status="active" if m.is_active else "stopped",
            )
            for m in volunteer_memberships
            if m.user_id in profiles
        ],
        ignore_conflicts=True,
    )
    volunteer_memberships.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0002_volunteerprofile_reviewed_at_and_more"),
        ("organisations", "0004_organisation_motive_review_months_and_more"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
