"""The privacy statement: open to anyone, linked from every page's footer and from the forms
that ask for personal details, in Dutch and English."""

from __future__ import annotations

from django.urls import reverse


def test_every_page_links_to_it_in_the_footer(client, world):
    for name in ("home", "accounts:login", "requests:ask", "volunteers:register"):
        content = client.get(reverse(name)).content.decode()
        footer = content[content.index("<footer") :]
        assert f'href="{reverse("privacy")}"' in footer, name


def test_the_forms_that_ask_for_details_say_why_and_link_to_it(client, world):
    for name in ("requests:ask", "volunteers:register"):
        main = client.get(reverse(name)).content.decode().split("<footer")[0]
        assert f'href="{reverse("privacy")}">privacyverklaring</a>' in main, name
        assert "We gebruiken uw gegevens alleen om" in main


def test_it_says_what_happens_in_dutch_and_english(client, db, settings):
    dutch = client.get(reverse("privacy")).content.decode()
    for words in (
        "Privacyverklaring",
        "Hoe lang we uw gegevens bewaren",
        "Autoriteit Persoonsgegevens",
    ):
        assert words in dutch
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("privacy")).content.decode()
    assert "How long we keep your details" in english
