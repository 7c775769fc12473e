"""Audit: writes to registered models, and staff reads of a person's file.

Writes are recorded by django-auditlog for the models registered below (who, what, when,
from where: the middleware adds the actor and the address Meedoen trusts). A read of a
person's file (a help request, a volunteer file, an account) by someone in a staff role who
is not that person is recorded with :func:`record_reads` (:func:`record_read` for one file),
which every page and API operation that returns such data calls: a list records one entry per
file it shows, in one insert.

The log says who changed which fields of which record, never what a person wrote or is
called: before an entry is stored, the values of free text (names, contact details,
descriptions, notes) of every model outside the directory and the catalogue are replaced by a
mark, the entry names its record by model and number, and a step taken without an account
(the public form) keeps no address. Each entry keeps, in `additional_data`, the municipality
its record belongs to (for the data protection officer's search) and, for a record that
belongs to a person's file (a concern, hours), that file (`subject`).

The log is append-only from the application: saving an existing entry or deleting one is
refused, except through :func:`forget_about`, which retention and erasure call to clear what
the entries about given records changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import set_actor
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.db.models.signals import pre_delete, pre_save

from meedoen.addresses import client_address
from meedoen.durability import without_waiting_for_the_disk

#: Models that hold a person's file: staff reads of them are logged.
PERSONAL_MODELS = ("accounts.User", "volunteers.VolunteerProfile", "requests.HelpRequest")

#: Models whose writes are logged, with fields never to store in the log.
AUDITED_MODELS: dict[str, list[str]] = {
    "accounts.User": ["password", "last_login"],
    "accounts.Invitation": ["digest"],
    "organisations.Municipality": [],
    "organisations.Area": [],
    "organisations.Organisation": [],
    "organisations.Network": [],
    "organisations.Membership": [],
    "organisations.MunicipalityMembership": [],
    "organisations.TaskDivision": [],
    "catalogue.Activity": [],
    "catalogue.Skill": [],
    "catalogue.Motive": [],
    "catalogue.PerformanceField": [],
    "volunteers.VolunteerProfile": [],
    "volunteers.Enrolment": [],
    "volunteers.Vacancy": [],
    "requests.HelpRequest": [],
    "engagements.Assignment": [],
    "engagements.HoursEntry": [],
    "engagements.AllowanceLimit": [],
    "engagements.Concern": [],
    "engagements.Handover": [],
    "engagements.GuidanceSession": [],
    "agenda.CalendarFeed": ["digest", "last_used_at"],
    "cooperation.Assessment": [],
    "cooperation.Participant": ["digest"],
    "cooperation.Consultation": [],
    "cooperation.ConsultationAnswer": [],
    "cooperation.Agreement": [],
}


#: Where each record's municipality is found (a lookup from the model), kept with its entries
#: so that a data protection officer sees those of their municipality. The catalogue and the
#: national allowance limits belong to no municipality.
MUNICIPALITY_OF: dict[str, str] = {
    "accounts.User": "municipality",
    "accounts.Invitation": "organisation__municipality",
    "organisations.Municipality": "pk",
    "organisations.Area": "municipality",
    "organisations.Organisation": "municipality",
    "organisations.Network": "desk__municipality",
    "organisations.Membership": "organisation__municipality",
    "organisations.MunicipalityMembership": "municipality",
    "organisations.TaskDivision": "organisation__municipality",
    "volunteers.VolunteerProfile": "area__municipality",
    "volunteers.Enrolment": "organisation__municipality",
    "volunteers.Vacancy": "organisation__municipality",
    "requests.HelpRequest": "municipality",
    "engagements.Assignment": "help_request__municipality",
    "engagements.HoursEntry": "assignment__help_request__municipality",
    "engagements.Concern": "help_request__municipality",
    "engagements.Handover": "help_request__municipality",
    "engagements.GuidanceSession": "enrolment__organisation__municipality",
    "agenda.CalendarFeed": "user__municipality",
    "cooperation.Assessment": "municipality",
    "cooperation.Participant": "assessment__municipality",
    "cooperation.Consultation": "municipality",
    "cooperation.ConsultationAnswer": "consultation__municipality",
    "cooperation.Agreement": "municipality",
}

#: The person's file a record belongs to, where it is not one itself: an auditor searching a
#: file finds the writes to its concerns, hours and enrolments too.
SUBJECT_OF: dict[str, tuple[str, str]] = {
    "volunteers.Enrolment": ("volunteers.VolunteerProfile", "profile"),
    "engagements.Assignment": ("requests.HelpRequest", "help_request"),
    "engagements.HoursEntry": ("requests.HelpRequest", "assignment__help_request"),
    "engagements.Concern": ("requests.HelpRequest", "help_request"),
    "engagements.Handover": ("requests.HelpRequest", "help_request"),
    "engagements.GuidanceSession": ("volunteers.VolunteerProfile", "enrolment__profile"),
}

#: Whose file it is: their own reads are not reads of someone else's file.
OWNER_OF: dict[str, str] = {
    "accounts.User": "pk",
    "volunteers.VolunteerProfile": "user",
    "requests.HelpRequest": "requester",
}

#: The directory and the catalogue describe organisations and activities, not people: the
#: log keeps their texts.
DIRECTORY_APPS = ("organisations", "catalogue")
#: What the log shows instead of a value it does not keep.
WITHHELD = "[...]"


class AuditLogIsAppendOnly(RuntimeError):
    """Something tried to change or remove an entry of the audit log."""


#: Set while :func:`forget_about` clears entries: the only change the log accepts.
_forgetting: ContextVar[bool] = ContextVar("meedoen_audit_forgetting", default=False)


class AppendOnlyQuerySet(models.QuerySet):
    """The log's queryset: it adds entries and reads them, and refuses to change or delete
    them in bulk (outside :func:`forget_about`)."""

    def update(self, **kwargs: Any) -> int:
        if not _forgetting.get():
            raise AuditLogIsAppendOnly("The audit log is append-only.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("The audit log is append-only.")

    delete.queryset_only = True  # type: ignore[attr-defined]


def register_models() -> None:
    for label, excluded in AUDITED_MODELS.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=excluded)
        if not hasattr(model, "get_additional_data"):
            # auditlog asks a record for what its entry keeps beside the changes.
            model.get_additional_data = _additional_data
    pre_save.connect(_without_personal_values, sender=LogEntry, dispatch_uid="meedoen-audit")
    pre_save.connect(_refuse_change, sender=LogEntry, dispatch_uid="meedoen-audit-append-only")
    pre_delete.connect(_refuse_delete, sender=LogEntry, dispatch_uid="meedoen-audit-no-delete")
    # The log's manager hands out querysets that refuse bulk updates and deletes (the
    # managers Django copies from the model's own, and the one it hands out now).
    for manager in (*LogEntry._meta.local_managers, LogEntry.objects):
        manager._queryset_class = AppendOnlyQuerySet


def _refuse_change(sender, instance: LogEntry, **kwargs) -> None:
    if instance.pk is not None and not instance._state.adding and not _forgetting.get():
        raise AuditLogIsAppendOnly("The audit log is append-only.")


def _refuse_delete(sender, instance: LogEntry, **kwargs) -> None:
    raise AuditLogIsAppendOnly("The audit log is append-only.")


def _follow(instance: Any, path: str) -> Any:
    """The value at the end of `path` ("help_request__municipality") from a record in memory:
    the id of the last relation, or None where a step is empty."""
    *steps, last = path.split("__")
    try:
        for step in steps:
            instance = getattr(instance, step)
            if instance is None:
                return None
        return instance.pk if last == "pk" else getattr(instance, f"{last}_id")
    except (ObjectDoesNotExist, AttributeError):
        # A write is never refused for its entry: without the fact, the entry lacks it.
        return None


def _additional_data(instance: Any) -> dict[str, Any] | None:
    """What an entry about a write keeps beside the changes: the record's municipality, and
    the person's file it belongs to."""
    label = instance._meta.label
    data: dict[str, Any] = {}
    path = MUNICIPALITY_OF.get(label)
    if path:
        data["municipality"] = _follow(instance, path)
    if label in SUBJECT_OF:
        subject_label, subject_path = SUBJECT_OF[label]
        subject = _follow(instance, subject_path)
        if subject is not None:
            data["subject"] = subject_key(subject_label, subject)
    return data or None


def subject_key(label: str, pk: Any) -> str:
    """How an entry names the person's file a record belongs to: "requests.helprequest:12"."""
    return f"{label.lower()}:{pk}"


@cache
def free_text(model) -> frozenset[str]:
    """The fields of `model` whose values the log never keeps: text without fixed choices
    and structured data, unless the model belongs to the directory or the catalogue."""
    if model is None or model._meta.app_label in DIRECTORY_APPS:
        return frozenset()
    return frozenset(
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        and not field.choices
    )


def _without_personal_values(sender, instance: LogEntry, **kwargs) -> None:
    if instance.pk is not None:
        return
    model = instance.content_type.model_class() if instance.content_type_id else None
    withheld = free_text(model)
    changes = instance.changes
    if isinstance(changes, dict) and withheld:
        instance.changes = {
            name: (
                [WITHHELD if value not in ("", None, "None") else value for value in change]
                if name in withheld and isinstance(change, (list, tuple))
                else change
            )
            for name, change in changes.items()
        }
    if model is not None:
        instance.object_repr = f"{model._meta.verbose_name} {instance.object_pk}"
    if instance.actor_id is None:
        instance.remote_addr = None


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware, with the client address that Meedoen trusts (never one the
    client wrote in X-Forwarded-For itself)."""

    @staticmethod
    def _get_remote_addr(request):
        return client_address(request) or None


def is_personal(instance) -> bool:
    return instance._meta.label in PERSONAL_MODELS


def record_read(request, instance) -> None:
    """Log that the signed-in staff member read this person's file (pages and the API)."""
    record_reads(request, type(instance), [instance.pk])


def record_reads(request, model, pks: Iterable[Any]) -> None:
    """Log that the signed-in staff member was shown these files of `model` (one of
    PERSONAL_MODELS): one entry per file, with the municipality it belongs to and the page or
    operation that showed it; never its values. A person's own file is left out. Two
    statements whatever the number: one to read the files' municipalities and owners, one
    insert."""
    record_reads_of(request, (model, pks))


def record_reads_of(request, *shown: tuple[Any, Iterable[Any] | Mapping[Any, Any]]) -> None:
    """`record_reads` for files of several models shown by one page or operation (a request
    and the volunteers suggested for it): one read per model and a single insert, so the
    log costs one write however much the page shows. A caller that already read each file's
    municipality and owner passes them as a mapping {pk: (municipality, owner)}, and that
    model is not read again."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff_role:
        return
    address = client_address(request) or None
    via = getattr(request, "path", "")[:200]
    cid = get_cid()
    entries = []
    for model, pks in shown:
        label = model._meta.label
        if label not in PERSONAL_MODELS:
            raise ValueError(f"{label} is not a person's file")
        rows: Iterable[tuple[Any, Any, Any]]
        if isinstance(pks, Mapping):
            rows = [(pk, municipality, owner) for pk, (municipality, owner) in pks.items()]
        else:
            wanted = list(dict.fromkeys(pk for pk in pks if pk is not None))
            if not wanted:
                continue
            rows = model._base_manager.filter(pk__in=wanted).values_list(
                "pk", MUNICIPALITY_OF[label], OWNER_OF[label]
            )
        content_type = ContentType.objects.get_for_model(model)
        name = model._meta.verbose_name
        entries += [
            LogEntry(
                content_type=content_type,
                object_pk=str(pk),
                object_id=pk if isinstance(pk, int) else None,
                object_repr=f"{name} {pk}",
                action=LogEntry.Action.ACCESS,
                actor=user,
                remote_addr=address,
                cid=cid,
                additional_data={"municipality": municipality, "via": via},
            )
            for pk, municipality, owner in rows
            if owner != user.pk
        ]
    if entries:
        # Read on every page a staff member opens: the commit does not wait for the disk, so
        # a crash of the database server can lose the last fraction of a second of reads
        # (`meedoen.durability`); changes are logged with the change itself.
        with without_waiting_for_the_disk():
            LogEntry.objects.bulk_create(entries)


def forget_about(model, pks: Iterable[Any]) -> int:
    """Retention and erasure: clear what the entries about these records of `model` changed
    (the entries themselves stay: who did what, when). The one change the log accepts."""
    content_type = ContentType.objects.get_for_model(model)
    keys = [str(pk) for pk in pks]
    if not keys:
        return 0
    with _forgetting_allowed(), transaction.atomic():
        return LogEntry.objects.filter(content_type=content_type, object_pk__in=keys).update(
            changes=None, changes_text="", serialized_data=None
        )


@contextmanager
def _forgetting_allowed() -> Iterator[None]:
    token = _forgetting.set(True)
    try:
        yield
    finally:
        _forgetting.reset(token)


def forget_actor(user) -> None:
    """Erasure: the entries this person wrote no longer carry their e-mail address (they keep
    the account's number, which no longer names anyone)."""
    with _forgetting_allowed(), transaction.atomic():
        LogEntry.objects.filter(actor_id=user.pk).update(actor_email=None)


def record_export(request, person, kind: str) -> None:
    """Log that the signed-in person exported `person`'s data (as `kind`: json, pdf): who
    exported whose, with the municipality for its data protection officer; never what the
    export held."""
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    with set_actor(actor, remote_addr=client_address(request) or None):
        LogEntry.objects.log_create(
            person,
            force_log=True,
            action=LogEntry.Action.ACCESS,
            changes=None,
            additional_data={**(_additional_data(person) or {}), "export": kind},
            serialized_data=None,
        )


def record_erasure(person) -> None:
    """Log that `person` was erased (by the actor of the request, or by the retention job):
    the entry names the account by number, nothing else."""
    LogEntry.objects.log_create(
        person,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes=None,
        additional_data={**(_additional_data(person) or {}), "erased": True},
        serialized_data=None,
    )


def record_import(actor, organisation, kind: str, rows: int, *, address: str | None = None) -> None:
    """Log a history import: who imported how many rows of which kind into which
    organisation (and so municipality); never a value of the file."""
    with set_actor(actor, remote_addr=address):
        LogEntry.objects.log_create(
            organisation,
            force_log=True,
            action=LogEntry.Action.CREATE,
            changes=None,
            additional_data={
                **(_additional_data(organisation) or {}),
                "import": kind,
                "rows": rows,
            },
            serialized_data=None,
        )
