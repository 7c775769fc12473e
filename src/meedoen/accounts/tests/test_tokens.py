"""API tokens: kept as digests, named, expiring, revocable, ended by a new password, and for
staff only after two-factor authentication."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
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


def test_a_person_makes_sees_and_stops_their_own_tokens_on_their_page(client, world):
    volunteer = world.people["volunteer"]
    client.force_login(volunteer)
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert reverse("accounts:api_tokens") in page
    assert "U hebt nog geen tokens" in client.get(reverse("accounts:api_tokens")).content.decode()

    made = client.post(reverse("accounts:api_tokens"), {"name": "Agenda", "days": "30"})
    page = made.content.decode()
    token = ApiToken.objects.get(user=volunteer)
    key = re.search(r'class="meedoen-secret"[^>]*>([^<]+)<', page).group(1)
    assert made.status_code == 200 and key.startswith(token.prefix)
    assert "alleen deze ene keer" in page and "no-store" in made["Cache-Control"]
    assert token.name == "Agenda"
    assert (token.expires_at - timezone.now()).days in (29, 30)
    assert _reads(key) == 200
    # The key is never shown again: the list names the token and how it starts.
    again = client.get(reverse("accounts:api_tokens")).content.decode()
    assert key not in again and "Agenda" in again and token.prefix in again

    # Someone else's token is not there for them; their own stops at once.
    other = ApiTokenFactory(user=world.people["coordinator"])
    refused = client.post(reverse("accounts:revoke_api_token", args=[other.pk]))
    assert refused.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None
    # Stopping cannot be undone: the first press asks, naming the token; "no" goes back.
    asked = client.post(reverse("accounts:revoke_api_token", args=[token.pk]))
    page = asked.content.decode()
    assert asked.status_code == 200 and "Weet u zeker" in page and "“Agenda”" in page
    assert 'name="confirm" value="yes"' in page
    assert f'href="{reverse("accounts:api_tokens")}"' in page
    assert _reads(key) == 200
    stopped = client.post(reverse("accounts:revoke_api_token", args=[token.pk]), {"confirm": "yes"})
    assert stopped["Location"] == reverse("accounts:api_tokens")
    assert _reads(key) == 401
    assert "niet meer: ingetrokken op" in client.get(stopped["Location"]).content.decode()


def test_the_token_page_keeps_what_was_typed_and_says_what_is_wrong(client, world):
    client.force_login(world.people["volunteer"])
    response = client.post(reverse("accounts:api_tokens"), {"name": "", "days": "7"})
    page = response.content.decode()
    assert response.status_code == 400 and not ApiToken.objects.exists()
    assert 'aria-invalid="true"' in page
    client.cookies["django_language"] = "en"
    response = client.post(reverse("accounts:api_tokens"), {"name": "Agenda", "days": "7"})
    assert response.status_code == 400 and 'value="Agenda"' in response.content.decode()


def test_staff_make_a_token_on_the_page_only_after_their_second_factor(client, world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    coordinator = world.people["coordinator"]
    client.force_login(coordinator)
    response = client.get(reverse("accounts:api_tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    client.post(reverse("accounts:api_tokens"), {"name": "Rooster", "days": "90"})
    assert not ApiToken.objects.filter(user=coordinator).exists()
