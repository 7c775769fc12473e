"""Text people write keeps the language it was written in, and a page in another language
marks it with `lang`, so that a screen reader reads it in its own language (WCAG 3.1.2)."""

from __future__ import annotations

from html.parser import HTMLParser

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from meedoen.accounts.tests.factories import coordinator_of
from meedoen.catalogue.models import Activity
from meedoen.engagements.models import Concern, ConcernEvent, HoursEntry, Message
from meedoen.engagements.tests.factories import AssignmentFactory
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
    # The heading quotes the description inside a Dutch sentence: only the quote is English.
    # The <title> cannot hold markup and keeps the plain sentence.
    assert (
        '<h1 class="utrecht-heading-1">Hulpvraag van Wilma, '
        '<span lang="en">Someone to walk with on Sundays</span></h1>'
    ) in page
    assert "<title>Hulpvraag van Wilma, Someone to walk with on Sundays" in page


def test_a_heading_that_quotes_a_vacancy_title_marks_only_the_quote(client, world):
    english = VacancyFactory(organisation=world.organisation, title="Walking buddy", language="en")
    dutch = VacancyFactory(organisation=world.organisation, title="Wandelmaatje", language="nl")
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("volunteers:applications", args=[english.pk])).content.decode()
    assert (
        '<h1 class="utrecht-heading-1">Reacties op <span lang="en">Walking buddy</span></h1>'
    ) in page
    assert "<title>Reacties op Walking buddy" in page
    page = client.get(reverse("volunteers:applications", args=[dutch.pk])).content.decode()
    assert '<h1 class="utrecht-heading-1">Reacties op Wandelmaatje</h1>' in page


def test_what_a_volunteer_writes_on_the_english_pages_is_marked_english_on_dutch_ones(client, db):
    assignment = AssignmentFactory()
    volunteer = assignment.profile.user
    client.force_login(volunteer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = reverse("engagements:assignment", args=[assignment.pk])
    today = timezone.localdate().isoformat()
    client.post(page, {"action": "hours", "date": today, "hours": "1", "note": "Went to town"})
    client.post(
        reverse("engagements:raise_concern", args=[assignment.pk]),
        {"category": "loneliness", "description": "She says nobody visits any more."},
    )
    client.post(
        reverse("engagements:conversation_assignment", args=[assignment.pk]),
        {"body": "Can we move Thursday to Friday?"},
    )
    assert HoursEntry.objects.get().language == "en"
    concern = Concern.objects.get()
    assert concern.language == "en"
    assert Message.objects.get().language == "en"

    # The coordinator reads it on the Dutch pages and answers in Dutch.
    client.force_login(coordinator_of(assignment.organisation))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    overview = client.get(reverse("engagements:overview")).content.decode()
    assert '<html lang="nl"' in overview
    assert _lang_of(overview, "Went to town") == "en"
    concern_page = reverse("engagements:concern", args=[concern.pk])
    client.post(concern_page, {"action": "acknowledge", "note": "Ik bel haar vandaag."})
    shown = client.get(concern_page).content.decode()
    assert _lang_of(shown, "She says nobody visits any more.") == "en"
    assert ConcernEvent.objects.get(kind="acknowledged").language == "nl"
    assert _lang_of(shown, "Ik bel haar vandaag.") is None  # Dutch on a Dutch page
    conversation = reverse("engagements:conversation_assignment", args=[assignment.pk])
    client.post(conversation, {"body": "Vrijdag is goed."})
    shown = client.get(conversation).content.decode()
    assert _lang_of(shown, "Can we move Thursday to Friday?") == "en"
    assert _lang_of(shown, "Vrijdag is goed.") is None
    assert Message.objects.get(body="Vrijdag is goed.").language == "nl"

    # The volunteer on the English pages: now the Dutch answer is the marked one.
    client.force_login(volunteer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    shown = client.get(conversation).content.decode()
    assert _lang_of(shown, "Vrijdag is goed.") == "nl"
    assert _lang_of(shown, "Can we move Thursday to Friday?") is None


def test_a_message_and_a_check_in_through_the_api_keep_the_language_of_the_call(db):
    assignment = AssignmentFactory()
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(assignment.profile.user)
    written = api.post(
        f"/api/v1/assignments/{assignment.pk}/messages",
        {"body": "See you on Friday"},
        format="json",
    )
    assert written.status_code == 201, written.content
    check_in = assignment.check_ins.get(party="volunteer")
    answered = api.post(
        f"/api/v1/check-ins/{check_in.pk}/answer",
        {"how_it_goes": "well", "load": "right", "note": "All good"},
        format="json",
    )
    assert answered.status_code in (200, 201), answered.content
    check_in.refresh_from_db()
    assert check_in.language == "en" and check_in.note == "All good"
    assert Message.objects.get().language == "en"


def test_a_response_to_a_vacancy_and_its_answer_keep_their_languages(client, world):
    from django.utils import translation

    from meedoen.volunteers import services

    vacancy = VacancyFactory(organisation=world.organisation, title="Wandelmaatje")
    profile = world.people["volunteer"].volunteer_profile
    with translation.override("en"):
        application = services.apply(vacancy.pk, profile, "I walk every morning anyway.")
    with translation.override("nl"):
        services.decline(application.pk, world.people["coordinator"], answer="Helaas vol.")
    application.refresh_from_db()
    assert (application.language, application.answer_language) == ("en", "nl")
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("volunteers:applications", args=[vacancy.pk])).content.decode()
    assert _lang_of(page, "“I walk every morning anyway.”") == "en"
    assert _lang_of(page, "Helaas vol.") is None
    client.force_login(world.people["volunteer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    start = client.get(reverse("start:volunteer")).content.decode()
    assert _lang_of(start, "Helaas vol.") == "nl"
