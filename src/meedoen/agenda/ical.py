"""The agenda as an iCalendar file (RFC 5545), made with the `icalendar` library.

Each event carries what a calendar needs and no more: a title (`agenda.events`), its start
and end (an intake at its hour in Europe/Amsterdam, with the time zone described in the
file; the rest as whole days), a stable identifier, so that a calendar program updates an
entry instead of adding it again, and the link back to its page in Meedoen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from meedoen.agenda.events import Event

PRODID = "-//Meedoen//Agenda//NL"


def build(events: Iterable[Event], *, base_url: str, host: str) -> bytes:
    """The calendar file of these events; links start with `base_url` ("https://host")."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Meedoen agenda"))
    # Calendar programs that honour it ask again every hour.
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now().replace(microsecond=0)
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"{event.uid}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end)
        if not isinstance(event.start, datetime):
            entry.add("transp", "TRANSPARENT")  # a day to remember, not a busy day
        url = f"{base_url}{event.path}"
        entry.add("url", url)
        entry.add("description", f"{event.organisation}\n{url}")
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
