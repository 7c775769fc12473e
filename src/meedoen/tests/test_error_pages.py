"""Meedoen's own error pages: in the house style, in Dutch and English, saying what the
person can do next; the 500 page renders without the request."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import path

from meedoen import urls as meedoen_urls


def _boom(request):
    raise RuntimeError("a mistake in a view")


urlpatterns = [path("boom/", _boom), *meedoen_urls.urlpatterns]
handler400 = meedoen_urls.handler400
handler404 = meedoen_urls.handler404
handler500 = meedoen_urls.handler500


def _client(language="nl", **kwargs):
    client = Client(raise_request_exception=False, **kwargs)
    client.cookies["django_language"] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "start"),
    [
        ("nl", "Pagina niet gevonden", "Naar de startpagina van Meedoen"),
        ("en", "Page not found", "Go to Meedoen's start page"),
    ],
)
def test_an_unknown_page_says_what_to_do_next_in_the_persons_language(language, title, start):
    response = _client(language).get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert f'<h1 class="utrecht-heading-1">{title}</h1>' in page
    assert start in page
    assert 'href="/accounts/login/"' in page  # not signed in: signing in may help
    assert "Traceback" not in page and "urlpatterns" not in page.lower()


@pytest.mark.django_db
def test_a_page_outside_ones_role_is_meedoens_403_page(world):
    client = _client()
    client.force_login(world.people["volunteer"])
    response = client.get("/audit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Geen toegang" in page
    assert "Naar de startpagina van Meedoen" in page


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["testserver"])
@pytest.mark.parametrize(
    ("language", "title"),
    [("nl", "Er klopte iets niet in het verzoek"), ("en", "Something in the request was wrong")],
)
def test_a_request_that_cannot_be_read_gets_meedoens_400_page(language, title):
    response = _client(language).get("/", HTTP_HOST="elders.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert title in page
    assert "meedoen.css" in page


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"), [("nl", "Er ging iets mis"), ("en", "Something went wrong")]
)
def test_a_mistake_in_a_view_gets_meedoens_500_page_without_the_details(language, title):
    response = _client(language).get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    assert f'<h1 class="utrecht-heading-1">{title}</h1>' in page
    assert "a mistake in a view" not in page and "RuntimeError" not in page
    assert 'href="/"' in page


def test_static_files_are_served_without_debug(client, settings):
    assert settings.DEBUG is False
    response = client.get("/static/meedoen/meedoen.css")
    assert response.status_code == 200
    assert b".meedoen-header" in b"".join(response.streaming_content)
