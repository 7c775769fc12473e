"""Everyone signed in keeps their own contact details and password."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from meedoen.accounts import tokens

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-2026"


def test_a_person_corrects_their_telephone_and_e_mail(client, world):
    person = world.people["citizen"]
    client.force_login(person)
    response = client.post(
        reverse("accounts:my_data"),
        {
            "first_name": "Anna",
            "last_name": "Jansen",
            "email": "a@example.nl",
            "phone": "06 1234 5678",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.email, person.phone) == ("a@example.nl", "06 1234 5678")


def test_a_wrong_telephone_keeps_what_was_typed_and_says_what_is_wrong(client, world):
    person = world.people["citizen"]
    client.force_login(person)
    response = client.post(
        reverse("accounts:my_data"),
        {"first_name": "Anna", "last_name": "", "email": "a@example.nl", "phone": "bel mij"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'aria-invalid="true"' in text and 'value="bel mij"' in text
    person.refresh_from_db()
    assert person.email != "a@example.nl"


def test_a_new_password_keeps_this_session_and_ends_the_others_and_the_tokens(world):
    person = world.people["volunteer"]
    person.set_password("het-oude-wachtwoord-1")
    person.save()
    here, elsewhere = Client(), Client()
    here.force_login(person)
    elsewhere.force_login(person)
    _token, key = tokens.issue(person, "Rooster")
    response = here.post(
        reverse("accounts:password_change"),
        {
            "old_password": "het-oude-wachtwoord-1",
            "new_password1": PASSWORD,
            "new_password2": PASSWORD,
        },
    )
    assert response.status_code == 302 and response.url == reverse("accounts:my_data")
    assert here.get(reverse("accounts:my_data")).status_code == 200
    assert elsewhere.get(reverse("accounts:my_data")).status_code == 302
    assert tokens.valid(key) is None
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_a_wrong_current_password_changes_nothing(client, world):
    person = world.people["volunteer"]
    person.set_password("het-oude-wachtwoord-1")
    person.save()
    client.force_login(person)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "fout", "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    person.refresh_from_db()
    assert person.check_password("het-oude-wachtwoord-1")
