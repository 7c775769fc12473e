"""Every page and API operation that shows a person's file to staff records the read: one
entry per file shown (lists too), with who, when, from where, the municipality and the page;
never a value. A person's own file is not a read of someone else's."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meedoen.accounts.audit import record_reads
from meedoen.conftest import kept_for_module
from meedoen.requests.models import HelpRequest
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.tests.worlds import build_rich_world
from meedoen.volunteers.models import VolunteerProfile


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker, build_rich_world) as built:
        yield built


@pytest.fixture
def world(shared_world, db):
    return shared_world


def _as(world, role) -> Client:
    client = Client(REMOTE_ADDR="10.9.8.7")
    client.force_login(world.people[role])
    return client


def _reads(model, actor=None):
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, content_type=ContentType.objects.get_for_model(model)
    )
    if actor is not None:
        entries = entries.filter(actor=actor)
    return entries


def _read_ids(model, actor=None) -> set[int]:
    return {int(pk) for pk in _reads(model, actor).values_list("object_pk", flat=True)}


def test_the_help_request_list_of_the_api_logs_every_request_it_returns(world):
    coordinator = world.people["coordinator"]
    response = _as(world, "coordinator").get(reverse("api:help-request-list"))
    assert response.status_code == 200
    shown = {row["id"] for row in response.json()["results"]}
    assert shown
    assert _read_ids(HelpRequest, coordinator) == shown
    entry = _reads(HelpRequest, coordinator).first()
    assert entry.remote_addr == "10.9.8.7"
    assert entry.changes is None
    assert entry.additional_data == {
        "municipality": world.municipality.pk,
        "via": reverse("api:help-request-list"),
    }


def test_a_list_costs_two_statements_whatever_its_length(world, django_assert_max_num_queries):
    """One statement reads the files' municipalities and owners, one inserts the entries."""
    client = _as(world, "coordinator")
    url = reverse("api:help-request-list")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(15):
        HelpRequestFactory(
            organisation=world.organisation, area=world.area, first_name=f"Extra {number}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.json()["results"]) > 15
    inserts = [
        q for q in few.captured_queries if q["sql"].startswith('INSERT INTO "auditlog_logentry"')
    ]
    assert len(inserts) == 1


def test_the_volunteer_list_of_the_api_logs_every_volunteer_it_returns(world):
    coordinator = world.people["coordinator"]
    response = _as(world, "coordinator").get(reverse("api:volunteer-list"))
    shown = {row["id"] for row in response.json()["results"]}
    assert shown and _read_ids(VolunteerProfile, coordinator) == shown


def test_check_ins_concerns_handovers_and_transitions_log_the_request_they_belong_to(world):
    coordinator = world.people["coordinator"]
    client = _as(world, "coordinator")
    active = world.objects["active"]
    for url in (
        reverse("api:check-in-list"),
        reverse("api:concern-detail", args=[world.objects["concern"].pk]),
        reverse("api:handover-detail", args=[world.objects["handover"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert active.pk in _read_ids(HelpRequest, coordinator), url
        assert _reads(HelpRequest, coordinator).filter(additional_data__via=url).exists(), url
    request = world.objects["request"]
    client.get(reverse("api:help-request-transitions", args=[request.pk]))
    assert request.pk in _read_ids(HelpRequest, coordinator)


def test_suggestions_log_the_request_and_every_volunteer_suggested(world):
    coordinator = world.people["coordinator"]
    waiting = world.objects["ready"]
    response = _as(world, "coordinator").get(
        reverse("api:help-request-suggestions", args=[waiting.pk])
    )
    assert response.status_code == 200
    assert waiting.pk in _read_ids(HelpRequest, coordinator)
    suggested = {row["volunteer"] for row in response.json()}
    assert suggested and suggested <= _read_ids(VolunteerProfile, coordinator)
    # Each read names the municipality the file belongs to, as the log's search filters on.
    homes = dict(
        VolunteerProfile.objects.filter(pk__in=suggested).values_list("pk", "area__municipality")
    )
    for entry in _reads(VolunteerProfile, coordinator).filter(object_id__in=suggested):
        assert entry.additional_data["municipality"] == homes[entry.object_id]
    (read,) = _reads(HelpRequest, coordinator).filter(object_id=waiting.pk)
    assert read.additional_data["municipality"] == waiting.municipality_id


def test_the_pages_with_lists_log_every_file_they_show(world):
    coordinator = world.people["coordinator"]
    client = _as(world, "coordinator")
    queue = client.get(reverse("requests:queue"))
    shown = {row["request"].pk for row in queue.context["rows"]}
    assert shown and shown <= _read_ids(HelpRequest, coordinator)
    volunteers = client.get(reverse("volunteers:list"))
    shown = {row["enrolment"].profile_id for row in volunteers.context["rows"]}
    assert shown and shown <= _read_ids(VolunteerProfile, coordinator)
    before = _reads(HelpRequest, coordinator).count()
    client.get(reverse("engagements:concerns"))
    client.get(reverse("engagements:handovers"))
    assert _reads(HelpRequest, coordinator).count() > before


def test_the_concern_and_handover_pages_log_the_request(world):
    coordinator = world.people["coordinator"]
    client = _as(world, "coordinator")
    for name, key in (("engagements:concern", "concern"), ("engagements:handover", "handover")):
        url = reverse(name, args=[world.objects[key].pk])
        assert client.get(url).status_code == 200
        assert _reads(HelpRequest, coordinator).filter(additional_data__via=url).exists(), url


def test_a_person_reading_their_own_file_is_not_logged(world):
    citizen = world.people["citizen"]
    own = world.objects["own_request"]

    class Seen:
        user = citizen
        path = "/"
        META = {"REMOTE_ADDR": "127.0.0.1"}
        headers: dict = {}

    record_reads(Seen, HelpRequest, [own.pk])
    assert not _reads(HelpRequest, citizen).exists()
    # A professional who asked for help themselves reads their own request: not logged either.
    HelpRequest.objects.filter(pk=own.pk).update(requester=world.people["professional"])
    Seen.user = world.people["professional"]
    record_reads(Seen, HelpRequest, [own.pk, world.objects["request"].pk])
    assert _read_ids(HelpRequest, world.people["professional"]) == {world.objects["request"].pk}


def test_writes_keep_the_municipality_and_the_file_they_belong_to(world):
    concern = world.objects["concern"]
    entry = LogEntry.objects.get_for_object(concern).latest("timestamp")
    assert entry.additional_data["municipality"] == world.municipality.pk
    assert entry.additional_data["subject"] == f"requests.helprequest:{concern.help_request_id}"


def test_the_professionals_start_page_logs_the_clients_it_names(world):
    professional = world.people["professional"]
    referred = HelpRequestFactory(
        organisation=world.organisation, area=world.area, referred_by=professional
    )
    response = _as(world, "professional").get(reverse("start:professional"))
    assert response.status_code == 200
    assert referred.pk in _read_ids(HelpRequest, professional)
