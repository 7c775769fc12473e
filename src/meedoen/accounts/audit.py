"""Audit: writes to registered models, and staff reads of a person's file.

Writes are recorded by django-auditlog for the models registered below (who, what, when,
from where: the middleware adds the actor and the address Meedoen trusts). A read of a
person's file by staff is recorded with :func:`record_read`, which every view that shows such
a file calls.

The log says who changed which fields of which record, never what a person wrote or is
called: before an entry is stored, the values of free text (names, contact details,
descriptions, notes) of every model outside the directory and the catalogue are replaced by a
mark, the entry names its record by model and number, and a step taken without an account
(the public form) keeps no address.
"""

from __future__ import annotations

from functools import cache

from auditlog.context import set_actor
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.apps import apps
from django.db import models
from django.db.models.signals import pre_save

from meedoen.addresses import client_address

#: Models that hold a person's file: staff reads of them are logged.
PERSONAL_MODELS = ("accounts.User", "volunteers.VolunteerProfile", "requests.HelpRequest")

#: Models whose writes are logged, with fields never to store in the log.
AUDITED_MODELS: dict[str, list[str]] = {
    "accounts.User": ["password", "last_login"],
    "organisations.Municipality": [],
    "organisations.Area": [],
    "organisations.Organisation": [],
    "organisations.Network": [],
    "organisations.Membership": [],
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
}


#: The directory and the catalogue describe organisations and activities, not people: the
#: log keeps their texts.
DIRECTORY_APPS = ("organisations", "catalogue")
#: What the log shows instead of a value it does not keep.
WITHHELD = "[...]"


def register_models() -> None:
    for label, excluded in AUDITED_MODELS.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=excluded)
    pre_save.connect(_without_personal_values, sender=LogEntry, dispatch_uid="meedoen-audit")


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
    """Log that the signed-in staff member read this person's file (for views and API)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff_role:
        return
    if user.pk == getattr(instance, "pk", None) and instance._meta.label == "accounts.User":
        return  # reading one's own account is not a read of someone else's file
    with set_actor(user, remote_addr=client_address(request) or None):
        accessed.send(sender=instance.__class__, instance=instance)


def record_export(request, person, kind: str) -> None:
    """Log that the signed-in person exported `person`'s data (as `kind`: json, pdf): who
    exported whose, never what the export held."""
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    with set_actor(actor, remote_addr=client_address(request) or None):
        LogEntry.objects.log_create(
            person,
            force_log=True,
            action=LogEntry.Action.ACCESS,
            changes=None,
            additional_data={"export": kind},
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
        additional_data={"erased": True},
        serialized_data=None,
    )


def forget_changes(model, pks) -> None:
    """Erasure: the log keeps that records of `model` with these numbers were written and by
    whom, not which values they held."""
    from django.contrib.contenttypes.models import ContentType

    pks = [str(pk) for pk in pks]
    if not pks:
        return
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_pk__in=pks
    ).update(changes=None, changes_text="", serialized_data=None)


def forget_actor(user) -> None:
    """Erasure: entries written by this person no longer carry their e-mail address."""
    LogEntry.objects.filter(actor_id=user.pk).update(actor_email=None)
