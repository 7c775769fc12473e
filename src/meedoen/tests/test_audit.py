"""Writes and staff reads of a person's file are logged: who, what, when, from where."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.urls import reverse

from meedoen.requests.models import HelpRequest


def test_staff_reading_a_help_request_in_the_admin_is_logged(client, world):
    request = HelpRequest.objects.create(
        municipality=world.municipality, area=world.area, source="citizen", first_name="Truus"
    )
    client.force_login(world.people["admin"])
    url = reverse("admin:requests_helprequest_change", args=[request.pk])
    response = client.get(url, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(request.pk))
    assert entry.actor == world.people["admin"]
    assert entry.remote_addr == "10.1.2.3"
    assert entry.timestamp is not None


def test_changes_are_logged_with_the_actor(client, world):
    client.force_login(world.people["admin"])
    organisation = world.organisation
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["areas"] = [a.pk for a in organisation.areas.all()]
    data["name"] = "Nieuwe naam"
    response = client.post(url, data)
    assert response.status_code == 302, response.content
    entry = (
        LogEntry.objects.get_for_object(organisation)
        .filter(action=LogEntry.Action.UPDATE)
        .latest("timestamp")
    )
    assert entry.actor == world.people["admin"]
    assert "name" in entry.changes_dict


def test_a_person_reading_their_own_account_is_not_a_staff_read(client, world):
    from meedoen.accounts.audit import record_read

    class FakeRequest:
        user = world.people["coordinator"]
        META = {"REMOTE_ADDR": "127.0.0.1"}
        headers = {}

    record_read(FakeRequest, world.people["coordinator"])
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
    record_read(FakeRequest, world.people["citizen"])
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == 1
