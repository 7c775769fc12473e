"""Pages name what they show in words: no page title or main heading carries a request's
reference code, two assignments with one person are told apart, and buttons repeated on a
page (one per volunteer or per question) each have a name of their own."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import timezone

from meedoen.catalogue.models import Activity
from meedoen.engagements.tests.factories import agree
from meedoen.matching.tests.factories import MatchProposalFactory, matched_request
from meedoen.matching.tests.test_suggestions import volunteer as suggested_volunteer
from meedoen.requests.models import HelpRequest
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.requests.tests.test_request_desk import public_form
from meedoen.volunteers.tests.factories import volunteer

#: A request's reference code, as Meedoen makes them (`MD-` and six letters or digits).
REFERENCE = re.compile(r"\bMD-[A-Z0-9]{6}\b")


class _Names(HTMLParser):
    """The page title, the main heading and the accessible name of every button in <main>
    (its aria-label, else its text with visually hidden parts)."""

    def __init__(self) -> None:
        super().__init__()
        self.title = self.h1 = ""
        self.buttons: list[str] = []
        self._in: list[str] = []
        self._button: list[str] | None = None
        self._label: str | None = None
        self._main = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "main":
            self._main = True
        if tag in ("title", "h1"):
            self._in.append(tag)
        if tag == "button" and self._main:
            self._button, self._label = [], attributes.get("aria-label")

    def handle_endtag(self, tag):
        if tag == "main":
            self._main = False
        if tag in ("title", "h1") and self._in:
            self._in.pop()
        if tag == "button" and self._button is not None:
            text = " ".join("".join(self._button).split())
            self.buttons.append(self._label or text)
            self._button = None

    def handle_data(self, data):
        if "title" in self._in:
            self.title += data
        if "h1" in self._in:
            self.h1 += data
        if self._button is not None:
            self._button.append(data)


def names(page: str) -> _Names:
    parser = _Names()
    parser.feed(page)
    parser.title = " ".join(parser.title.split())
    parser.h1 = " ".join(parser.h1.split())
    return parser


def assert_named_in_words(response) -> _Names:
    assert response.status_code == 200
    found = names(response.content.decode())
    assert not REFERENCE.search(found.title), f"a code in the title: {found.title}"
    assert not REFERENCE.search(found.h1), f"a code in the heading: {found.h1}"
    twice = sorted(name for name, n in Counter(found.buttons).items() if n > 1)
    assert not twice, f"buttons with the same name: {twice}"
    return found


def test_a_request_is_named_by_its_person_and_its_activities(client, world):
    help_request = HelpRequestFactory.ready(
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        first_name="Wilma",
        self_reliance=4,
        activities=list(Activity.objects.filter(code="walks-outings")),
    )
    # Two suggested volunteers with the same first name: each "Propose" says which.
    for username in ("greet", "greet2"):
        profile = suggested_volunteer(world, username, world.organisation)
        profile.user.first_name = "Greet"
        profile.user.save()
    client.force_login(world.people["coordinator"])
    found = assert_named_in_words(client.get(reverse("requests:detail", args=[help_request.pk])))
    assert found.title == "Hulpvraag van Wilma, wandelen en uitstapjes · Meedoen"
    assert found.h1 == "Hulpvraag van Wilma, wandelen en uitstapjes"
    proposing = [b for b in found.buttons if b.startswith("Greet voorstellen")]
    assert len(proposing) == 2


def test_the_person_who_asked_reads_their_question_in_words(client, world):
    response = client.post(reverse("requests:ask"), public_form(world, first_name="Wilma"))
    found = assert_named_in_words(client.get(response["Location"]))
    assert found.h1 == "Uw vraag: iemand die langskomt voor een praatje"
    mine = HelpRequestFactory(requester=world.people["citizen"], first_name="Wilma")
    client.force_login(world.people["citizen"])
    found = assert_named_in_words(client.get(reverse("requests:mine", args=[mine.pk])))
    assert found.h1.startswith("Uw vraag: ")
    assert HelpRequest.objects.count() == 2


def test_two_assignments_with_one_person_are_told_apart(client, world):
    profile = volunteer(world.organisation, area=world.area)
    today = timezone.localdate()
    assignments = []
    for code, days_ago in (("visiting", 60), ("walks-outings", 10)):
        help_request = matched_request(
            profile,
            world.people["coordinator"],
            organisation=world.organisation,
            area=world.area,
            first_name="Bram",
            activities=list(Activity.objects.filter(code=code)),
        )
        assignments.append(
            agree(
                help_request,
                profile,
                world.people["coordinator"],
                starts_on=today - timedelta(days=days_ago),
            )
        )
    client.force_login(profile.user)
    titles = [
        assert_named_in_words(client.get(reverse("engagements:assignment", args=[a.pk]))).title
        for a in assignments
    ]
    assert titles[0] != titles[1]
    assert all(t.startswith("Inzet bij Bram: ") for t in titles)
    assert "wandelen en uitstapjes" in titles[1]
    page = client.get(reverse("engagements:mine")).content.decode()
    for a in assignments:
        assert a.title in page


def test_answers_to_two_proposals_each_name_their_question(client, world):
    profile = volunteer(world.organisation, area=world.area)
    for first_name in ("Bram", "Truus"):
        help_request = HelpRequestFactory.ready(
            coordinator=world.people["coordinator"],
            organisation=world.organisation,
            area=world.area,
            first_name=first_name,
        )
        MatchProposalFactory(
            help_request=help_request, profile=profile, proposed_by=world.people["coordinator"]
        )
    client.force_login(profile.user)
    found = assert_named_in_words(client.get(reverse("matching:proposals")))
    assert len([b for b in found.buttons if b.startswith("Ja, ik help graag")]) == 2
