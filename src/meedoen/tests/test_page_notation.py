"""Pages speak to people, in Dutch or in English: never a code ("wed-morning", "in_intake"),
never an ISO date, Dutch pages with decimal commas and without English words, English pages
without Dutch words. A sample of every role's pages, rendered from the shared test world."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from meedoen.conftest import kept_for_module
from meedoen.tests.worlds import build_rich_world


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker, build_rich_world) as built:
        yield built


@pytest.fixture
def world(shared_world, db):
    return shared_world


def _volunteer_pk(w):
    return w.people["volunteer"].volunteer_profile.pk


#: (who, URL name, arguments): start pages, a request with its suggestions, an assignment.
PAGES = [
    ("anonymous", "requests:ask", None),
    ("citizen", "start:citizen", None),
    ("citizen", "requests:mine", lambda w: [w.objects["own_request"].pk]),
    ("volunteer", "start:volunteer", None),
    ("volunteer", "matching:proposals", None),
    ("volunteer", "engagements:mine", None),
    ("volunteer", "engagements:assignment", lambda w: [w.objects["assignment"].pk]),
    ("coordinator", "start:coordinator", None),
    ("coordinator", "requests:queue", None),
    ("coordinator", "requests:detail", lambda w: [w.objects["ready"].pk]),
    ("coordinator", "engagements:assignment", lambda w: [w.objects["assignment"].pk]),
    ("coordinator", "volunteers:list", None),
    ("professional", "start:professional", None),
    ("policy", "start:policy", None),
]
SUGGESTIONS = ("coordinator", "requests:detail", lambda w: [w.objects["ready"].pk])

CODE = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)-(?:morning|afternoon|evening)\b"  # parts of the week
    r"|\b[a-z]+_[a-z_]+\b"  # status and kind codes such as in_intake
    r"|\b\d{4}-\d{2}-\d{2}\b"  # ISO dates
)
#: A decimal point in Dutch (not a time of day: "14.00 uur").
DOT_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])(?! uur)")
ENGLISH = re.compile(
    r"\b(?:hours?|morning|afternoon|evening|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|November|December|parts? of the week|Please|the|and|with)\b"
)
DUTCH = re.compile(
    r"\b(?:uur|dagdelen|dagdeel|ochtend|middag|avond|maandag|dinsdag|woensdag|donderdag|"
    r"vrijdag|zaterdag|zondag|november|december|Graag|vóór|en|met|het)\b"
)


def visible_text(page: str) -> str:
    """What a person sees or hears: text and the names of controls, without scripts, styles
    and the values sent with a form."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    labels = " ".join(re.findall(r'(?:aria-label|title|alt)="([^"]*)"', page))
    text = re.sub(r"(?s)<[^>]+>", " ", page)
    return html.unescape(" ".join((text + " " + labels).split()))


def _get(world, who, name, args, language, query=""):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if who != "anonymous":
        client.force_login(world.people[who])
    response = client.get(reverse(name, args=args(world) if args else None) + query)
    assert response.status_code == 200, (who, name, response.status_code)
    return visible_text(response.content.decode())


def problems(text: str, language: str) -> list[str]:
    found = [match.group(0) for match in CODE.finditer(text)]
    if language == "nl":
        found += [f"decimal point {m.group(0)}" for m in DOT_DECIMAL.finditer(text)]
        found += [f"English {m.group(0)}" for m in ENGLISH.finditer(text)]
    else:
        found += [f"Dutch {m.group(0)}" for m in DUTCH.finditer(text)]
    return found


def test_the_check_finds_codes_iso_dates_and_the_wrong_language():
    assert problems("Voorkeurstijden: wed-morning, status in_intake, 2026-11-30", "nl") == [
        "wed-morning",
        "in_intake",
        "2026-11-30",
        "English morning",
    ]
    assert problems("op 1.3 km, score 42.5, 1 hours; om 14.00 uur", "nl") == [
        "decimal point 1.3",
        "decimal point 42.5",
        "English hours",
    ]
    assert problems("2 dagdelen, Wednesday morning", "en") == ["Dutch dagdelen"]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("who", "name", "args"), PAGES, ids=[f"{p[0]}-{p[1]}" for p in PAGES])
def test_pages_show_no_codes_and_speak_one_language(world, who, name, args, language):
    text = _get(world, who, name, args, language)
    assert problems(text, language) == [], text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_why_a_volunteer_fits_reads_in_the_pages_language(world, language):
    who, name, args = SUGGESTIONS
    text = _get(world, who, name, args, language, f"?volunteer={_volunteer_pk(world)}")
    assert problems(text, language) == [], text
    assert ("afstand" if language == "nl" else "away") in text
