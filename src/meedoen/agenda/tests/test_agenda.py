"""The agenda of a volunteer and of a coordinator, by week, and its private calendar feed.

On Wednesday 2 December 2026 our volunteer Gerrit starts walking with Bram on Monday 7
December (planned to end on Friday 22 January), with the first check-ins three weeks later;
Gerrit has an intake at the other organisation on Thursday 10 December at 14:30, and our
organisation an intake with Sanne on Tuesday 8 December at 10:00. Piet volunteers for Mien at
the other organisation: nothing of that is ours.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from icalendar import Calendar

from meedoen import limits, personal_data
from meedoen.accounts import rights
from meedoen.accounts.tests.factories import UserFactory
from meedoen.agenda import services
from meedoen.agenda.models import CalendarFeed
from meedoen.agenda.tests.factories import CalendarFeedFactory
from meedoen.catalogue.models import Activity
from meedoen.engagements.models import CheckIn
from meedoen.engagements.tests.factories import agree
from meedoen.matching.tests.factories import matched_request
from meedoen.volunteers import lifecycle
from meedoen.volunteers import services as volunteer_services
from meedoen.volunteers.tests.factories import EnrolmentFactory, VolunteerProfileFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def _wednesday_2_december():
    with time_machine.travel(NOW, tick=False):
        yield


def _volunteer(world, username, first_name, organisation, *, active=True):
    user = UserFactory(
        username=username,
        first_name=first_name,
        last_name="Achternaamsen",
        municipality=world.municipality,
    )
    profile = VolunteerProfileFactory(user=user, area=world.area)
    if active:
        EnrolmentFactory.active(profile=profile, organisation=organisation)
    return profile


def _intake(profile, organisation, at, by):
    enrolment = EnrolmentFactory(profile=profile, organisation=organisation)
    return volunteer_services.change_status(
        enrolment.pk, lifecycle.INTAKE_PLANNED, by, "Kennismaken", intake_at=at
    )


@pytest.fixture
def agenda_world(world):
    people, objects = world.people, world.objects
    walking = list(Activity.objects.filter(code="walks-outings"))
    gerrit = _volunteer(world, "gerrit", "Gerrit", world.organisation)
    bram = matched_request(
        gerrit,
        organisation=world.organisation,
        area=world.area,
        first_name="Bram",
        activities=walking,
        contact_phone="0612345678",
    )
    objects["assignment"] = agree(
        bram,
        gerrit,
        people["coordinator"],
        starts_on=date(2026, 12, 7),
        planned_end=date(2027, 1, 22),
    )
    objects["bram"] = bram
    objects["gerrit"] = gerrit
    objects["gerrit_intake"] = _intake(
        gerrit,
        world.other_organisation,
        datetime(2026, 12, 10, 14, 30, tzinfo=AMSTERDAM),
        people["stranger"],
    )
    sanne = _volunteer(world, "sanne", "Sanne", world.organisation, active=False)
    objects["sanne_intake"] = _intake(
        sanne,
        world.organisation,
        datetime(2026, 12, 8, 10, 0, tzinfo=AMSTERDAM),
        people["coordinator"],
    )
    piet = _volunteer(world, "piet", "Piet", world.other_organisation)
    mien = matched_request(
        piet,
        organisation=world.other_organisation,
        area=world.area,
        first_name="Mien",
        activities=walking,
    )
    agree(mien, piet, people["stranger"], starts_on=date(2026, 12, 9))
    return world


def _signed_in(client, user):
    client.force_login(user)
    return client


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_volunteer_sees_their_own_agenda_by_week_in_dutch(client, agenda_world):
    gerrit = agenda_world.objects["gerrit"].user
    response = _signed_in(client, gerrit).get("/agenda/")
    assert response.status_code == 200
    text = _text(response)
    assert "Deze week: 30 november tot en met 6 december 2026" in text
    assert "Volgende week: 7 december tot en met 13 december 2026" in text
    assert "Week 52: 21 december tot en met 27 december 2026" in text
    assert "ma 7 december 2026 Inzet begint: Wandelen en uitstapjes (Bram)" in text
    assert "do 10 december 2026, 14.30 Intake bij Andere Vrijwilligers" in text
    # The first check-in, Gerrit's own, and the planned end.
    assert "ma 28 december 2026 Contactmoment: hoe gaat het? Wandelen en uitstapjes" in text
    assert "vr 22 januari 2027 Inzet stopt (gepland)" in text
    # Not the coordinator's side: neither Sanne's intake nor the check-in with Bram himself.
    assert "Sanne" not in text and "Contactmoment met de geholpen persoon" not in text
    # Nothing of another volunteer, and nothing that names Bram more than his first name.
    assert "Mien" not in text and "Piet" not in text
    assert "0612345678" not in text and "Achternaamsen" not in text


def test_a_coordinator_sees_the_intakes_and_check_ins_of_their_organisation(client, agenda_world):
    response = _signed_in(client, agenda_world.people["coordinator"]).get("/agenda/")
    assert response.status_code == 200
    text = _text(response)
    assert "di 8 december 2026, 10.00 Intake met vrijwilliger Sanne" in text
    assert "Contactmoment met de vrijwilliger: Wandelen en uitstapjes (Bram)" in text
    assert "Contactmoment met de geholpen persoon: Wandelen en uitstapjes (Bram)" in text
    # The other organisation's intake with Gerrit and its assignment are not ours.
    assert "Gerrit" not in text and "Mien" not in text
    # The coordinator read Bram's and the volunteers' files: recorded.
    reads = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, actor=agenda_world.people["coordinator"]
    )
    assert reads.filter(object_pk=str(agenda_world.objects["bram"].pk)).exists()


def test_the_other_coordinator_sees_their_own_and_nothing_of_ours(client, agenda_world):
    text = _text(_signed_in(client, agenda_world.people["stranger"]).get("/agenda/"))
    assert "Intake met vrijwilliger Gerrit" in text
    assert "(Mien)" in text
    assert "Bram" not in text and "Sanne" not in text


@pytest.mark.parametrize("who", ["citizen", "professional", "policy"])
def test_people_without_an_agenda_are_refused(client, agenda_world, who):
    assert _signed_in(client, agenda_world.people[who]).get("/agenda/").status_code == 403


def _make_link(client, user) -> str:
    response = _signed_in(client, user).post("/agenda/link/", {"confirm": "yes"})
    assert response.status_code == 200
    found = re.search(
        r"http://testserver(/agenda/feed/[A-Za-z0-9_-]+\.ics)", response.content.decode()
    )
    assert found, "the link is shown once"
    client.logout()
    return found.group(1)


def _events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_the_volunteers_events_at_their_times_in_amsterdam(client, agenda_world):
    gerrit = agenda_world.objects["gerrit"].user
    link = _make_link(client, gerrit)
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response)
    intake = events["Intake bij Andere Vrijwilligers"]
    assert intake.start == datetime(2026, 12, 10, 14, 30, tzinfo=AMSTERDAM)
    assert intake.start.utcoffset().total_seconds() == 3600
    assert intake["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert intake.end == datetime(2026, 12, 10, 15, 30, tzinfo=AMSTERDAM)
    assert Calendar.from_ical(response.content).walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    starts = events["Inzet begint: Wandelen en uitstapjes (Bram)"]
    assert starts.start == date(2026, 12, 7)
    assert str(starts["URL"]).startswith("http://testserver/assignments/")
    assert events["Inzet stopt (gepland): Wandelen en uitstapjes (Bram)"].start == date(2027, 1, 22)
    check_in = agenda_world.objects["assignment"].check_ins.get(party=CheckIn.Party.VOLUNTEER)
    assert check_in.due_on == date(2026, 12, 28)
    assert events["Contactmoment: hoe gaat het? Wandelen en uitstapjes (Bram)"].start == date(
        2026, 12, 28
    )
    assert len(events) == 4
    body = response.content.decode()
    for never in ("Mien", "Piet", "Sanne", "0612345678", "Achternaamsen", str(gerrit.last_name)):
        assert never not in body


def test_the_feed_is_in_the_language_the_link_was_made_in(client, agenda_world):
    gerrit = agenda_world.objects["gerrit"].user
    feed = CalendarFeedFactory(user=gerrit, language="en")
    events = _events(client.get(f"/agenda/feed/{feed.secret}.ics"))
    assert "Intake at Andere Vrijwilligers" in events
    assert "Volunteering starts: Walks and outings (Bram)" in events
    # The page that asked the feed is still in Dutch.
    assert translation.get_language() == "nl"


def test_the_coordinators_feed_holds_their_organisations_intakes_and_check_ins(
    client, agenda_world
):
    link = _make_link(client, agenda_world.people["coordinator"])
    events = _events(client.get(link))
    assert events["Intake met vrijwilliger Sanne"].start == datetime(
        2026, 12, 8, 10, 0, tzinfo=AMSTERDAM
    )
    assert "Contactmoment met de geholpen persoon: Wandelen en uitstapjes (Bram)" in events
    assert not any("Gerrit" in summary or "Mien" in summary for summary in events)


def test_a_revoked_or_replaced_link_and_an_unknown_one_are_refused(client, agenda_world):
    gerrit = agenda_world.objects["gerrit"].user
    first = _make_link(client, gerrit)
    # A new link stops the one in use: Meedoen asks first, and asking changes nothing.
    asked = _signed_in(client, gerrit).post("/agenda/link/")
    assert asked.status_code == 200 and 'name="confirm" value="yes"' in asked.content.decode()
    client.logout()
    assert client.get(first).status_code == 200
    second = _make_link(client, gerrit)
    assert client.get(first).status_code == 404  # a new link stops the one before
    assert client.get(second).status_code == 200
    _signed_in(client, gerrit)
    asked = client.post("/agenda/link/revoke/")
    assert asked.status_code == 200 and 'name="confirm" value="yes"' in asked.content.decode()
    assert client.get(second).status_code == 200  # asking stops nothing
    assert client.post("/agenda/link/revoke/", {"confirm": "yes"}).status_code == 302
    client.logout()
    assert client.get(second).status_code == 404
    assert client.get("/agenda/feed/onbekend-geheim.ics").status_code == 404
    # Making and revoking are in the audit log, without the secret's digest.
    kind = ContentType.objects.get_for_model(CalendarFeed)
    entries = LogEntry.objects.filter(content_type=kind, actor=gerrit)
    assert entries.filter(action=LogEntry.Action.CREATE).count() == 2
    assert entries.filter(action=LogEntry.Action.UPDATE).count() == 2
    for entry in entries:
        assert "digest" not in (entry.changes or {})


def test_the_link_page_shows_the_link_once_and_then_only_its_start(client, agenda_world):
    gerrit = agenda_world.objects["gerrit"].user
    link = _make_link(client, gerrit)
    page = _signed_in(client, gerrit).get("/agenda/link/").content.decode()
    assert link not in page
    assert CalendarFeed.objects.get(user=gerrit, revoked_at__isnull=True).prefix in page


def test_a_deactivated_or_erased_persons_feed_stops_and_erasure_removes_the_link(
    client, agenda_world
):
    coordinator = agenda_world.people["coordinator"]
    feed = CalendarFeedFactory(user=coordinator)
    coordinator.is_active = False
    coordinator.save()
    assert client.get(f"/agenda/feed/{feed.secret}.ics").status_code == 404

    sanne = agenda_world.objects["sanne_intake"].profile.user
    sannes = CalendarFeedFactory(user=sanne)
    assert client.get(f"/agenda/feed/{sannes.secret}.ics").status_code == 200
    exported = personal_data.export(sanne)["sections"]["agenda"]["calendar_links"]
    assert [link["starts_with"] for link in exported] == [sannes.prefix]
    rights.erase_person(sanne.pk, sanne)
    assert client.get(f"/agenda/feed/{sannes.secret}.ics").status_code == 404
    assert not CalendarFeed.objects.filter(user=sanne).exists()


def test_a_coordinator_whose_membership_ended_no_longer_gets_the_organisations_events(
    client, agenda_world
):
    coordinator = agenda_world.people["coordinator"]
    feed = CalendarFeedFactory(user=coordinator)
    assert "Intake met vrijwilliger Sanne" in _events(client.get(f"/agenda/feed/{feed.secret}.ics"))
    coordinator.memberships.update(is_active=False)
    assert _events(client.get(f"/agenda/feed/{feed.secret}.ics")) == {}


def test_a_working_link_is_asked_at_most_sixty_times_an_hour(client, agenda_world):
    feed = CalendarFeedFactory(user=agenda_world.objects["gerrit"].user)
    assert client.get(f"/agenda/feed/{feed.secret}.ics").status_code == 200
    # The polls of the last hour, counted as the feed counts them.
    for _ in range(services.FEED.limit - 1):
        assert limits.attempt(services.FEED, services.digest(feed.secret))
    assert client.get(f"/agenda/feed/{feed.secret}.ics").status_code == 429
    assert client.get("/agenda/feed/een-ander-geheim.ics").status_code == 404
