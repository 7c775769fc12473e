"""A person's roles come from their memberships, no longer from one field on the account.

Everyone keeps their access: a policy officer gets a membership of their municipality, an
administrator keeps every right (superuser). Coordinators, managers and professionals already
have memberships of their organisations; volunteers have their volunteer profile; citizens and
informal carers are who they are through the requests they asked.
"""

from django.db import migrations


def forward(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    MunicipalityMembership = apps.get_model("organisations", "MunicipalityMembership")
    for user in User.objects.filter(role="policy_officer", municipality__isnull=False):
        MunicipalityMembership.objects.get_or_create(
            user=user, municipality_id=user.municipality_id, role="policy_officer"
        )
    User.objects.filter(role="admin").update(is_staff=True, is_superuser=True)


def backward(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    MunicipalityMembership = apps.get_model("organisations", "MunicipalityMembership")
    Membership = apps.get_model("organisations", "Membership")
    VolunteerProfile = apps.get_model("volunteers", "VolunteerProfile")
    User.objects.filter(pk__in=VolunteerProfile.objects.values("user_id")).update(role="volunteer")
    for role in ("professional", "manager", "coordinator"):
        User.objects.filter(
            pk__in=Membership.objects.filter(role=role, is_active=True).values("user_id")
        ).update(role="coordinator" if role == "manager" else role)
    User.objects.filter(
        pk__in=MunicipalityMembership.objects.filter(is_active=True).values("user_id")
    ).update(role="policy_officer")
    User.objects.filter(is_superuser=True).update(role="admin")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("organisations", "0007_municipality_memberships"),
        ("volunteers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="user", name="role"),
    ]
