"""Forgot your password: a link by e-mail through the mail queue, the same answer for any
address, limits per address and per e-mail address, and a new password ends the person's
other sessions and API tokens; staff still need their second factor."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from meedoen import limits
from meedoen.accounts import tokens
from meedoen.accounts.models import ApiToken
from meedoen.accounts.tests.factories import PASSWORD
from meedoen.models import OutgoingMail

NEW_PASSWORD = "een-heel-nieuw-wachtwoord-7"


@pytest.fixture
def citizen(world):
    person = world.people["citizen"]
    person.email = "anna@example.nl"
    person.save()
    return person


def ask(client, email, **extra):
    return client.post(reverse("accounts:password_reset"), {"email": email}, **extra)


def link_in(mail: OutgoingMail) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", mail.body)
    assert match, mail.body
    return match.group(1)


def test_the_sign_in_page_links_to_it_and_the_page_is_dutch_and_english(client, db, settings):
    assert (
        reverse("accounts:password_reset") in client.get(reverse("accounts:login")).content.decode()
    )
    dutch = client.get(reverse("accounts:password_reset")).content.decode()
    assert "Wachtwoord vergeten?" in dutch
    assert 'autocomplete="email"' in dutch
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("accounts:password_reset"))
    assert "Forgot your password?" in english.content.decode()


def test_the_same_answer_whether_or_not_an_account_has_the_address(client, citizen):
    known = ask(client, "Anna@Example.nl")
    unknown = ask(client, "nobody@example.nl")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_done")
    mail = OutgoingMail.objects.get()  # queued for the worker; only for the real account
    assert mail.recipients == ["anna@example.nl"]
    assert "citizen" in mail.body  # the username, in case that was forgotten too
    assert "nieuw wachtwoord" in mail.subject


def test_a_new_password_ends_other_sessions_and_tokens(client, citizen):
    elsewhere = Client()
    elsewhere.force_login(citizen)
    _token, key = tokens.issue(citizen, "app")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/activities").status_code == 200

    ask(client, "anna@example.nl")
    form_page = client.get(link_in(OutgoingMail.objects.get()), follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert "_auth_user_id" not in client.session  # not signed in by the link

    assert "_auth_user_id" not in elsewhere.get(reverse("start:index")).wsgi_request.session
    assert api.get("/api/v1/activities").status_code == 401
    assert not ApiToken.objects.filter(user=citizen, revoked_at__isnull=True).exists()
    old = client.post(reverse("accounts:login"), {"username": "citizen", "password": PASSWORD})
    assert old.status_code == 200
    new = client.post(reverse("accounts:login"), {"username": "citizen", "password": NEW_PASSWORD})
    assert new.status_code == 302


def test_the_link_works_once(client, citizen):
    ask(client, "anna@example.nl")
    link = link_in(OutgoingMail.objects.get())
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    again = Client().get(link, follow=True)
    assert not again.context["validlink"]
    assert "werkt niet meer" in again.content.decode()


def test_staff_still_need_their_second_factor_after_a_reset(client, world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    coordinator = world.people["coordinator"]
    coordinator.email = "coordinator@example.nl"
    coordinator.save()
    ask(client, coordinator.email)
    page = client.get(link_in(OutgoingMail.objects.get()), follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    signed_in = client.post(
        reverse("accounts:login"),
        {"username": "coordinator", "password": NEW_PASSWORD},
        follow=True,
    )
    assert signed_in.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_setup"))
    assert client.get(reverse("start:coordinator")).status_code == 302


def test_limited_per_address_and_per_e_mail_address(client, citizen):
    for _ in range(limits.PASSWORD_RESET_EMAIL.limit + 1):
        assert ask(client, "anna@example.nl", REMOTE_ADDR="192.0.2.10").status_code == 302
    # Past the limit of that e-mail address: the same answer, no more messages.
    assert OutgoingMail.objects.count() == limits.PASSWORD_RESET_EMAIL.limit
    for number in range(limits.PASSWORD_RESET.limit - limits.PASSWORD_RESET_EMAIL.limit - 1):
        ask(client, f"someone-{number}@example.nl", REMOTE_ADDR="192.0.2.10")
    refused = ask(client, "other@example.nl", REMOTE_ADDR="192.0.2.10")
    assert refused.status_code == 429
    assert "Probeer het later opnieuw" in refused.content.decode()
    assert ask(client, "other@example.nl", REMOTE_ADDR="192.0.2.11").status_code == 302
