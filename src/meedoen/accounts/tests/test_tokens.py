"""API tokens: kept as digests, named, expiring, revocable, ended by a new password, and for
staff only after two-factor authentication."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from meedoen.accounts import tokens
from meedoen.accounts.models import ApiToken
from meedoen.accounts.tests.factories import ApiTokenFactory


def _reads(key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/v1/assignments").status_code


def test_the_key_is_shown_once_and_only_its_digest_is_kept(world):
    out = StringIO()
    call_command("create_api_token", "volunteer", "--name", "Agenda", stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=world.people["volunteer"])
    assert token.name == "Agenda" and key.startswith(token.prefix)
    assert key not in token.digest and len(token.digest) == 64
    assert _reads(key) == 200
    assert _reads(key[:-1] + ("x" if key[-1] != "x" else "y")) == 401


def test_a_token_ends_when_it_expires_is_revoked_or_the_password_changes(world):
    person = world.people["volunteer"]
    expiring = ApiTokenFactory(user=person)
    with time_machine.travel(timezone.now() + timedelta(days=tokens.LIFETIME_DAYS + 1)):
        assert _reads(expiring.key) == 401
    revoked = ApiTokenFactory(user=person)
    tokens.revoke(revoked)
    assert _reads(revoked.key) == 401
    kept = ApiTokenFactory(user=person)
    assert _reads(kept.key) == 200
    person.set_password("een-nieuw-lang-wachtwoord")
    person.save()
    assert _reads(kept.key) == 401
    again = ApiTokenFactory(user=person)
    person.is_active = False
    person.save()
    assert _reads(again.key) == 401


def test_staff_get_a_token_only_after_setting_up_two_factor(world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    coordinator = world.people["coordinator"]
    with pytest.raises(CommandError, match=r"two-factor|tweestaps"):
        call_command("create_api_token", "coordinator", stdout=StringIO())
    assert not ApiToken.objects.filter(user=coordinator).exists()
    TOTPDevice.objects.create(user=coordinator, name="Meedoen", confirmed=True)
    out = StringIO()
    call_command("create_api_token", "coordinator", stdout=out)
    assert _reads(out.getvalue().strip()) == 200
    # A volunteer is not staff: no second factor needed.
    call_command("create_api_token", "volunteer", stdout=StringIO())
