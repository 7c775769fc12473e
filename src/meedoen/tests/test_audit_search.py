"""The audit log's search: a municipality's data protection officer finds who read or changed
a person's file of their municipality, never another's; an administrator finds everything;
nobody else opens it. The CSV holds what the search found."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from meedoen.accounts.tests.factories import MunicipalityMembershipFactory, UserFactory
from meedoen.catalogue.models import Skill
from meedoen.organisations.tests.factories import (
    AreaFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from meedoen.permissions import Role
from meedoen.requests.tests.factories import HelpRequestFactory


@pytest.fixture
def two_towns(world):
    """Our municipality with a request the coordinator reads, and another municipality with
    its own data protection officer, coordinator and request."""
    elsewhere = MunicipalityFactory(name="Anderstad", code="GM0002")
    area = AreaFactory(municipality=elsewhere, name="Haven")
    organisation = OrganisationFactory(municipality=elsewhere, name="Havenhulp")
    their_dpo = UserFactory(username="dpo-elders", municipality=elsewhere)
    MunicipalityMembershipFactory(
        user=their_dpo, municipality=elsewhere, role="data_protection_officer"
    )
    ours = HelpRequestFactory(organisation=world.organisation, area=world.area)
    theirs = HelpRequestFactory(organisation=organisation, area=area)
    world.objects.update(ours=ours, theirs=theirs, their_dpo=their_dpo, elsewhere=elsewhere)
    return world


def _read_by_coordinator(client, world, help_request):
    client.force_login(world.people["coordinator"])
    url = reverse("api:help-request-detail", args=[help_request.pk])
    assert client.get(url, REMOTE_ADDR="10.0.0.5").status_code == 200
    client.logout()


def _search(client, user, **criteria):
    client.force_login(user)
    response = client.get(reverse("accounts:audit"), criteria)
    assert response.status_code == 200, response.content
    return response


def test_the_data_protection_officer_is_a_role_from_the_municipality(world):
    dpo = world.people["dpo"]
    assert Role.DATA_PROTECTION_OFFICER in dpo.roles
    assert Role.POLICY_OFFICER not in dpo.roles
    assert Role.DATA_PROTECTION_OFFICER not in world.people["policy"].roles
    assert dpo.is_staff_role
    assert dpo.privacy_municipality_ids() == {world.municipality.pk}
    assert dpo.policy_municipality_ids() == set()


def test_the_data_protection_officer_lands_on_the_audit_log(client, world):
    client.force_login(world.people["dpo"])
    response = client.get(reverse("start:index"))
    assert response.status_code == 302 and response.url == reverse("accounts:audit")
    page = client.get(response.url)
    assert reverse("accounts:audit") in [item["url"] for item in page.context["nav_items"]]


def test_a_coordinators_read_shows_in_the_search_by_that_request(client, two_towns):
    world = two_towns
    ours = world.objects["ours"]
    _read_by_coordinator(client, world, ours)
    for file in (ours.reference, str(ours.pk), ours.reference.lower()):
        response = _search(client, world.people["dpo"], kind="request", subject=file)
        rows = response.context["rows"]
        reads = [row for row in rows if row.action == "gelezen"]
        assert len(reads) == 1, file
        coordinator = world.people["coordinator"]
        assert reads[0].actor == coordinator.get_full_name()
        assert reads[0].number == ours.reference
        assert reads[0].municipality == world.municipality.name
        assert reads[0].address == "10.0.0.5"
    # Its creation is there too, and nothing about other requests.
    assert {row.action for row in rows} == {"aangemaakt", "gelezen"}


def test_the_data_protection_officer_of_another_municipality_does_not_see_it(client, two_towns):
    world = two_towns
    ours, theirs = world.objects["ours"], world.objects["theirs"]
    _read_by_coordinator(client, world, ours)
    response = _search(client, world.objects["their_dpo"], kind="request", subject=ours.reference)
    assert response.context["page"].paginator.count == 0
    everything = _search(client, world.objects["their_dpo"])
    shown = {row.number for row in everything.context["rows"]}
    assert ours.reference not in shown and theirs.reference in shown
    municipalities = {row.municipality for row in everything.context["rows"]}
    assert municipalities == {"Anderstad"}
    # And ours sees nothing of theirs.
    response = _search(client, world.people["dpo"], kind="request", subject=theirs.reference)
    assert response.context["page"].paginator.count == 0


def test_an_administrator_sees_every_entry(client, two_towns):
    world = two_towns
    Skill.objects.create(code="audit-skill", name_nl="Luisteren", name_en="Listening")
    response = _search(client, world.people["admin"])
    records = {row.record for row in response.context["rows"]}
    assert "vaardigheid" in records  # the catalogue belongs to no municipality
    numbers = {row.number for row in response.context["rows"]}
    assert {world.objects["ours"].reference, world.objects["theirs"].reference} <= numbers
    assert reverse("accounts:audit") in [item["url"] for item in response.context["nav_items"]]


def test_the_search_filters_by_actor_action_and_period(client, two_towns):
    world = two_towns
    ours = world.objects["ours"]
    _read_by_coordinator(client, world, ours)
    dpo = world.people["dpo"]
    by_coordinator = _search(client, dpo, actor="coordinator", action="read")
    assert [row.number for row in by_coordinator.context["rows"]] == [ours.reference]
    assert _search(client, dpo, actor="volunteer").context["page"].paginator.count == 0
    assert _search(client, dpo, actor="nobody-at-all").context["page"].paginator.count == 0
    today = timezone.localdate()
    assert (
        _search(client, dpo, subject=ours.reference, since=today, until=today)
        .context["page"]
        .paginator.count
        == 2
    )
    yesterday = today - timedelta(days=1)
    assert (
        _search(client, dpo, subject=ours.reference, until=yesterday)
        .context["page"]
        .paginator.count
        == 0
    )
    response = client.get(reverse("accounts:audit"), {"since": today, "until": yesterday})
    assert response.status_code == 400


def test_the_search_pages(client, world):
    for number in range(55):
        HelpRequestFactory(
            organisation=world.organisation, area=world.area, first_name=f"N{number}"
        )
    first = _search(client, world.people["dpo"], action="created")
    assert len(first.context["rows"]) == 50 and first.context["page"].has_next()
    second = _search(client, world.people["dpo"], action="created", page=2)
    assert len(second.context["rows"]) >= 5
    assert not {r.number for r in first.context["rows"]} & {
        r.number for r in second.context["rows"]
    }


def test_the_csv_holds_what_the_search_found(client, two_towns):
    world = two_towns
    ours = world.objects["ours"]
    _read_by_coordinator(client, world, ours)
    criteria = {"kind": "request", "subject": ours.reference}
    page = _search(client, world.people["dpo"], **criteria)
    response = client.get(reverse("accounts:audit_csv"), criteria)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, body = lines[0], lines[1:]
    assert len(body) == page.context["page"].paginator.count == 2
    assert [row[header.index("Wat")] for row in body] == [
        row.action for row in page.context["rows"]
    ]
    assert {row[header.index("Nummer of referentie")] for row in body} == {ours.reference}
    assert "coordinator" in {row[header.index("Gebruikersnaam")] for row in body}
    assert not any(world.objects["theirs"].reference in ",".join(row) for row in body)


@pytest.mark.parametrize("role", ["volunteer", "coordinator", "policy", "citizen", "professional"])
def test_nobody_else_opens_the_audit_log(client, world, role):
    client.force_login(world.people[role])
    assert client.get(reverse("accounts:audit")).status_code == 403
    assert client.get(reverse("accounts:audit_csv")).status_code == 403


def test_entries_never_show_values(client, world):
    request = HelpRequestFactory(
        organisation=world.organisation, area=world.area, first_name="Geheimnaam"
    )
    request.first_name = "Andere geheimnaam"
    request.save()
    response = _search(client, world.people["dpo"], subject=request.reference)
    assert "eheimnaam" not in response.content.decode()
    csv_text = b"".join(
        client.get(reverse("accounts:audit_csv"), {"subject": request.reference}).streaming_content
    ).decode()
    assert "eheimnaam" not in csv_text
    assert "voornaam" in csv_text  # the field that changed, by its name
    assert LogEntry.objects.filter(object_pk=str(request.pk)).exists()


def test_a_coordinator_who_is_also_data_protection_officer_switches_to_the_audit_log(client, world):
    coordinator = world.people["coordinator"]
    MunicipalityMembershipFactory(
        user=coordinator, municipality=world.municipality, role="data_protection_officer"
    )
    client.force_login(coordinator)
    page = client.get(reverse("start:coordinator"))
    switch = reverse("start:switch", args=[Role.DATA_PROTECTION_OFFICER])
    assert switch in [item["url"] for item in page.context["role_switch"]]
    response = client.get(switch)
    assert response.status_code == 302 and response.url == reverse("accounts:audit")
    assert client.get(response.url).status_code == 200


def test_appointing_a_data_protection_officer_is_in_the_log(client, world):
    someone = UserFactory(username="new-dpo", municipality=world.municipality)
    MunicipalityMembershipFactory(
        user=someone, municipality=world.municipality, role="data_protection_officer"
    )
    response = _search(client, world.people["dpo"], action="created")
    assert "rol bij de gemeente" in {row.record for row in response.context["rows"]}
