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


# --- append-only ------------------------------------------------------------------------


def _an_entry(world):
    organisation = world.organisation
    organisation.name = "Andere naam"
    organisation.save()
    return LogEntry.objects.get_for_object(organisation).latest("timestamp")


def test_the_application_cannot_change_or_delete_an_entry(world):
    import pytest
    from django.db import transaction

    from meedoen.accounts.audit import AuditLogIsAppendOnly

    entry = _an_entry(world)
    entry.changes = {"name": ["x", "y"]}
    attempts = [
        entry.save,
        entry.delete,
        lambda: LogEntry.objects.filter(pk=entry.pk).update(actor=None),
        lambda: LogEntry.objects.filter(pk=entry.pk).delete(),
        lambda: LogEntry.objects.all().delete(),
    ]
    for attempt in attempts:
        with pytest.raises(AuditLogIsAppendOnly), transaction.atomic():
            attempt()
    entry.refresh_from_db()
    assert entry.changes["name"] == ["Onze Vrijwilligers", "Andere naam"]


def test_forgetting_a_record_clears_its_changes_and_keeps_who_did_what(world):
    from meedoen.accounts.audit import forget_about

    request = HelpRequest.objects.create(
        municipality=world.municipality, area=world.area, source="citizen", first_name="Truus"
    )
    request.status = "intake"
    request.save()
    other = HelpRequest.objects.create(
        municipality=world.municipality, area=world.area, source="citizen", first_name="Kees"
    )
    assert forget_about(HelpRequest, [request.pk]) == 2
    for entry in LogEntry.objects.get_for_object(request):
        assert entry.changes is None and entry.changes_text == ""
    assert LogEntry.objects.get_for_object(request).count() == 2
    assert LogEntry.objects.get_for_object(other).get().changes is not None


def test_the_admin_shows_the_log_read_only(client, world):
    entry = _an_entry(world)
    client.force_login(world.people["admin"])
    page = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    assert page.status_code == 200
    assert reverse("admin:auditlog_logentry_delete", args=[entry.pk]) not in page.content.decode()
    response = client.post(
        reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    listing = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert listing.status_code == 200
    assert 'name="action"' not in listing.content.decode()
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_an_account_keeps_its_entries_without_the_actor(client, world):
    from meedoen.accounts.tests.factories import UserFactory

    gone = UserFactory(username="gone", is_staff=True, is_superuser=True)
    client.force_login(gone)
    request = HelpRequest.objects.create(
        municipality=world.municipality, area=world.area, source="citizen", first_name="Truus"
    )
    client.get(reverse("admin:requests_helprequest_change", args=[request.pk]))
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, actor=gone)
    client.logout()
    gone.delete()
    entry.refresh_from_db()
    assert entry.actor_id is None


def test_every_path_to_a_municipality_or_a_file_follows_real_relations():
    from django.apps import apps

    from meedoen.accounts.audit import MUNICIPALITY_OF, OWNER_OF, SUBJECT_OF

    paths = [(label, path) for label, path in MUNICIPALITY_OF.items()]
    paths += [(label, path) for label, (_subject, path) in SUBJECT_OF.items()]
    paths += list(OWNER_OF.items())
    for label, path in paths:
        model = apps.get_model(label)
        for step in path.split("__"):
            if step == "pk":
                continue
            field = model._meta.get_field(step)
            assert field.is_relation, (label, path)
            model = field.related_model
    for label, (subject, path) in SUBJECT_OF.items():
        model = apps.get_model(label)
        for step in path.split("__"):
            model = model._meta.get_field(step).related_model
        assert model is apps.get_model(subject), label


def test_every_audited_model_names_its_municipality_unless_it_belongs_to_none():
    from meedoen.accounts.audit import AUDITED_MODELS, MUNICIPALITY_OF

    without = set(AUDITED_MODELS) - set(MUNICIPALITY_OF)
    assert all(label.startswith("catalogue.") for label in without - {"engagements.AllowanceLimit"})
