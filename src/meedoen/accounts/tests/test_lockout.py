"""Password spraying: one password over many usernames from one address locks that address
out at its own, higher limit; other addresses still sign in."""

from __future__ import annotations

from django.urls import reverse

from meedoen.accounts.tests.factories import PASSWORD

SPRAYER, NEIGHBOUR = "198.51.100.7", "198.51.100.8"
USERNAMES = ["citizen", "carer", "volunteer", "professional", "coordinator", "policy"]


def sign_in(client, username, password=PASSWORD, address=SPRAYER):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_one_password_over_many_usernames_locks_the_address(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 4
    for username in USERNAMES[:3]:  # once each: never the limit of one username
        assert sign_in(client, username, "Welkom2026!voorjaar").status_code == 200
    assert sign_in(client, USERNAMES[3], "Welkom2026!voorjaar").status_code == 429
    locked = sign_in(client, USERNAMES[4])  # even the right password no longer helps
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session

    elsewhere = sign_in(client, USERNAMES[4], address=NEIGHBOUR)
    assert elsewhere.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_success_does_not_clear_the_failures_against_other_usernames(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 4
    for username in ("citizen", "carer", "volunteer"):
        sign_in(client, username, "wrong-password-here")
    assert sign_in(client, "policy").status_code == 302  # the sprayer's own account
    client.logout()
    # The three failures against other usernames still count: the fourth locks the address.
    assert sign_in(client, "professional", "wrong-password-here").status_code == 429
    assert sign_in(client, "policy").status_code == 429


def test_one_username_is_locked_at_its_own_lower_limit(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 30
    sign_in(client, "citizen", "wrong-password-here")
    sign_in(client, "citizen", "wrong-password-here")
    assert sign_in(client, "citizen").status_code == 429
    assert sign_in(client, "carer").status_code == 302  # the address is not locked
