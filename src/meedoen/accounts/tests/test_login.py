"""Signing in: each role lands on its own page; lock-out, two-factor and the demo password."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedoen.accounts.forms import current_token
from meedoen.accounts.tests.factories import PASSWORD

LANDING = {
    "citizen": "start:citizen",
    "carer": "start:citizen",
    "volunteer": "start:volunteer",
    "professional": "start:professional",
    "coordinator": "start:coordinator",
    "desk": "start:coordinator",
    "policy": "start:policy",
}


def sign_in(client, username, password=PASSWORD):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, follow=True
    )


@pytest.mark.parametrize("role", list(LANDING))
def test_each_role_lands_on_its_own_start_page(client, world, role):
    response = sign_in(client, world.people[role].username)
    assert response.redirect_chain[-1][0] == reverse(LANDING[role])
    assert response.status_code == 200


def test_administrator_lands_in_the_admin(client, world):
    response = sign_in(client, "admin")
    assert response.redirect_chain[-1][0] == reverse("admin:index")


def test_wrong_password_keeps_the_username_and_explains_in_dutch(client, world):
    response = sign_in(client, "citizen", "not-the-password")
    content = response.content.decode()
    assert 'value="citizen"' in content
    assert "gebruikersnaam of het wachtwoord klopt niet" in content
    assert 'role="alert"' in content


def test_repeated_failures_lock_the_account_for_a_while(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "citizen", "wrong-password-here")
    response = sign_in(client, "citizen")  # the right password no longer helps
    assert response.status_code == 429
    assert (
        "tijdelijk" in response.content.decode().lower() or "vijftien" in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_password_rules_refuse_short_and_common_passwords():
    with pytest.raises(ValidationError):
        validate_password("kort-1")
    with pytest.raises(ValidationError):
        validate_password("password1234")
    validate_password("een-lang-en-eigen-wachtwoord")


def test_demo_password_is_refused_outside_demo_environments(client, world, settings):
    user = world.people["citizen"]
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    settings.DEMO_ALLOWED = False
    response = sign_in(client, "citizen", settings.DEMO_PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    settings.DEMO_ALLOWED = True
    sign_in(client, "citizen", settings.DEMO_PASSWORD)
    assert "_auth_user_id" in client.session


def test_staff_must_set_up_and_pass_two_factor_when_required(client, world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    response = sign_in(client, "coordinator")
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_setup"))
    assert "QR" in response.content.decode()
    # Nothing else is reachable before the second step.
    assert client.get(reverse("start:coordinator")).status_code == 302
    api = client.get("/api/v1/activities")
    assert api.status_code == 403
    assert api["Content-Type"] == "application/problem+json"

    device = TOTPDevice.objects.get(user=world.people["coordinator"])
    wrong = client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a person would wait a moment before the next try
    response = client.post(
        reverse("accounts:two_factor_setup"),
        {"token": current_token(device), "next": reverse("start:coordinator")},
    )
    assert response.status_code == 302
    assert client.get(reverse("start:coordinator")).status_code == 200

    # Next time: the verify step, with the confirmed device.
    client.logout()
    response = sign_in(client, "coordinator")
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_verify"))
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step again in this test
    device.save()
    client.post(reverse("accounts:two_factor_verify"), {"token": current_token(device)})
    assert client.get(reverse("start:coordinator")).status_code == 200


def test_citizens_and_volunteers_need_no_second_factor(client, world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    response = sign_in(client, "volunteer")
    assert response.redirect_chain[-1][0] == reverse("start:volunteer")


def test_sessions_end_when_idle(settings):
    assert settings.SESSION_COOKIE_AGE <= 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST
