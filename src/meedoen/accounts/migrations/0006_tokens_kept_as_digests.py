"""Tokens made before keys were kept as digests keep working for 90 days as "API": their
digest is stored and the plain key deleted."""

import hashlib
from datetime import timedelta

from django.db import migrations
from django.utils import timezone


def to_digests(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires = timezone.now() + timedelta(days=90)
    for old in Token.objects.all():
        ApiToken.objects.create(
            user_id=old.user_id,
            name="API",
            prefix=old.key[:8],
            digest=hashlib.sha256(old.key.encode()).hexdigest(),
            expires_at=expires,
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_api_tokens"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(to_digests, migrations.RunPython.noop)]
