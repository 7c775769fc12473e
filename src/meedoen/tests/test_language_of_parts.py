"""Text people write keeps the language it was written in, and a page in another language
marks it with `lang`, so that a screen reader reads it in its own language (WCAG 3.1.2)."""

from __future__ import annotations

from html.parser import HTMLParser

from django.conf import settings
from django.urls import reverse

from meedoen.catalogue.models import Activity
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.volunteers.models import Vacancy
from meedoen.volunteers.tests.factories import VacancyFactory


def _lang_of(page: str, text: str) -> str | None:
    """The `lang` of the nearest element (below <html>) around the text node `text`, or None."""
    found: list[str | None] = []
    open_: list[str | None] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in ("br", "input", "img", "meta", "link"):
                open_.append(dict(attrs).get("lang"))

        def handle_endtag(self, tag):
            if tag not in ("br", "input", "img", "meta", "link") and open_:
                open_.pop()

        def handle_data(self, data):
            if data.strip() == text and not found:
                # The <html> element carries the page's language; look inside it only.
                found.append(next((lang for lang in reversed(open_[1:]) if lang), None))

    Parser().feed(page)
    assert found, f"{text!r} is not on the page"
    return found[0]


def test_an_english_vacancy_in_a_dutch_page_is_marked_english(client, world):
    english = VacancyFactory(
        organisation=world.organisation,
        title="Walking buddy",
        description="Go for a walk with a neighbour once a week.",
        language="en",
    )
    dutch = VacancyFactory(
        organisation=world.organisation,
        title="Wandelmaatje",
        description="Eens per week samen een ommetje.",
        language="nl",
    )
    page = client.get(reverse("volunteers:vacancy", args=[english.pk])).content.decode()
    assert '<html lang="nl"' in page
    assert _lang_of(page, "Walking buddy") == "en"
    assert _lang_of(page, "Go for a walk with a neighbour once a week.") == "en"
    board = client.get(reverse("volunteers:board")).content.decode()
    assert _lang_of(board, "Walking buddy") == "en"
    assert _lang_of(board, "Wandelmaatje") is None  # Dutch in a Dutch page: nothing to mark
    page = client.get(reverse("volunteers:vacancy", args=[dutch.pk])).content.decode()
    assert _lang_of(page, "Eens per week samen een ommetje.") is None
    # The same pages in English mark the Dutch text instead.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("volunteers:vacancy", args=[dutch.pk])).content.decode()
    assert '<html lang="en"' in page
    assert _lang_of(page, "Wandelmaatje") == "nl"
    page = client.get(reverse("volunteers:vacancy", args=[english.pk])).content.decode()
    assert _lang_of(page, "Walking buddy") is None


def test_a_vacancy_is_in_the_language_of_its_writer_unless_they_choose_another(client, world):
    client.force_login(world.people["coordinator"])
    form = client.get(reverse("volunteers:vacancy_new")).content.decode()
    assert 'name="language"' in form and '<option value="nl" selected>' in form
    posted = {
        "description": "Samen een ommetje",
        "activities": [Activity.objects.get(code="walks-outings").pk],
        "hours_per_week": "2",
        "regularity": "regular",
        "contact_name": "Petra",
    }
    for title, chosen in (("Wandelmaatje", {}), ("Walking buddy", {"language": "en"})):
        response = client.post(
            reverse("volunteers:vacancy_new"), posted | {"title": title} | chosen
        )
        assert response.status_code == 302
    assert dict(Vacancy.objects.values_list("title", "language")) == {
        "Wandelmaatje": "nl",
        "Walking buddy": "en",
    }


def test_a_request_written_in_english_is_marked_english_for_the_dutch_coordinator(client, world):
    help_request = HelpRequestFactory(
        organisation=world.organisation,
        area=world.area,
        first_name="Wilma",
        description="Someone to walk with on Sundays",
        language="en",
        activities=[],
    )
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("requests:detail", args=[help_request.pk])).content.decode()
    assert _lang_of(page, "Someone to walk with on Sundays") == "en"
