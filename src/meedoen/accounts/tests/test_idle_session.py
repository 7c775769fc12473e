"""A session ends after a quiet while; the sign-in page then says so, and staying signed in
moves the end."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone


def test_after_a_quiet_while_the_sign_in_page_says_the_session_ended(client, world):
    client.force_login(world.people["volunteer"])
    assert client.get(reverse("accounts:my_data")).status_code == 200
    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later, tick=False):
        response = client.get(reverse("accounts:my_data"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert "reason=expired" in response["Location"]
        page = client.get(response["Location"]).content.decode()
    assert 'id="session-ended"' in page and "U bent uitgelogd" in page


def test_someone_who_never_signed_in_is_not_told_a_session_ended(client, world):
    response = client.get(reverse("accounts:my_data"))
    assert response.status_code == 302 and "reason=expired" not in response["Location"]
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'id="session-ended"' not in page


def test_staying_signed_in_moves_the_end_of_the_session(client, world):
    client.force_login(world.people["volunteer"])
    almost = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    with time_machine.travel(almost, tick=False):
        page = client.get(reverse("accounts:my_data")).content.decode()
        assert 'data-seconds="1800"' in page and 'data-warn="120"' in page
        answer = client.post(reverse("accounts:session_extend"), HTTP_ACCEPT="application/json")
        assert answer.json() == {"seconds": settings.SESSION_COOKIE_AGE}
    later = almost + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    with time_machine.travel(later, tick=False):
        assert client.get(reverse("accounts:my_data")).status_code == 200
        # Without the page's script the same button brings the person back where they were.
        back = client.post(reverse("accounts:session_extend"), {"next": "/my-data/"})
        assert back["Location"] == "/my-data/"
        away = client.post(reverse("accounts:session_extend"), {"next": "https://example.org/"})
        assert away["Location"] == reverse("start:index")
