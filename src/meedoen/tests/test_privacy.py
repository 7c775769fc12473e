"""Personal data that is really gone when its time is up, and an audit log without it.

A marker is written into every place where people's words about a help request end up
(the request, its notes, steps, referral, the volunteer's decline reason, the agreement, hours,
check-ins, concerns with their history, the handover), each through a save that the audit log
records. When the request's retention has ended and the nightly job has run, no column of any
table (every text and JSON column, the audit log and the outbox included) holds the marker.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from meedoen import notify
from meedoen.accounts.audit import AuditMiddleware
from meedoen.engagements.models import ConcernEvent
from meedoen.matching.models import MatchProposal
from meedoen.requests import services
from meedoen.requests.models import HelpRequest, RequestTransition
from meedoen.tests.worlds import build_rich_world

MARKER = "Zqx7-merkteken"


def tables_holding(marker: str) -> dict[str, int]:
    """Every table and column of the database, as text, searched for the marker."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            for column in connection.introspection.get_table_description(cursor, table):
                name = connection.ops.quote_name(column.name)
                cursor.execute(
                    # names from the database's own catalogue, quoted
                    f"SELECT COUNT(*) FROM {quoted} WHERE CAST({name} AS TEXT) LIKE %s",  # noqa: S608
                    [f"%{marker}%"],
                )
                hits = cursor.fetchone()[0]
                if hits:
                    found[f"{table}.{column.name}"] = hits
    return found


def _write(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()


@pytest.mark.django_db
def test_no_trace_of_a_request_remains_after_its_retention():
    world = build_rich_world()
    coordinator = world.people["coordinator"]
    active = world.objects["active"]
    assignment = world.objects["assignment"]
    mark = MARKER
    _write(
        active,
        first_name=mark,
        requester_name=mark,
        contact_phone=mark,
        contact_email=f"{mark}@example.org",
        description=mark,
        professional_care=mark,
    )
    services.add_note(active.pk, mark, from_requester=True)
    _write(assignment, contact_route=mark)
    _write(world.objects["hours"], note=mark)
    _write(world.objects["queried"], question=mark)
    _write(world.objects["check_in"], note=mark)
    concern = world.objects["concern"]
    _write(concern, description=mark, outcome=mark, reply=mark)
    ConcernEvent.objects.filter(concern=concern).update(note=mark)
    _write(world.objects["handover"], note=mark)
    MatchProposal.objects.filter(help_request=active).update(reason=mark)
    services.take_step(active.pk, "close", coordinator, mark)
    notify.deliver_due()
    assert RequestTransition.objects.filter(help_request=active, reason=mark).exists()
    planted = tables_holding(MARKER)
    assert "requests_helprequest.description" in planted  # the search finds what is there
    assert not any(table.startswith("auditlog") for table in planted)  # never in the log

    municipality = world.municipality
    later = timezone.now() + timedelta(days=municipality.retention_days + 1)
    assert services.anonymise_expired(municipality, now=later) >= 1

    assert tables_holding(MARKER) == {}
    active.refresh_from_db()
    assert active.anonymised_at is not None and active.status == HelpRequest.Status.CLOSED


@pytest.mark.django_db
def test_the_audit_log_names_fields_not_values_and_trusts_only_its_own_proxies(settings):
    world = build_rich_world()
    request = world.objects["request"]
    _write(request, description="Heeft hulp nodig bij het wassen", contact_phone="0612345678")
    entry = LogEntry.objects.get_for_object(request).latest("timestamp")
    assert set(entry.changes) >= {"description", "contact_phone"}
    assert "wassen" not in str(entry.changes) and "0612345678" not in str(entry.changes)
    assert "Truus" not in entry.object_repr  # the record by model and number, no name

    factory = RequestFactory()
    forged = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert AuditMiddleware._get_remote_addr(forged) == "10.0.0.5"  # no proxy: header ignored
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxied = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert AuditMiddleware._get_remote_addr(proxied) == "203.0.113.7"  # what our proxy saw
