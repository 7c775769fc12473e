"""Audit: writes to registered models, and staff reads of a person's file.

Writes are recorded by django-auditlog for the models registered below (who, what, when,
from where: the middleware adds the actor and address). A read of a person's file by staff
is recorded with :func:`record_read`, which every view that shows such a file calls.
"""

from __future__ import annotations

from auditlog.context import set_actor
from auditlog.middleware import AuditlogMiddleware
from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.apps import apps

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


def register_models() -> None:
    for label, excluded in AUDITED_MODELS.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=excluded)


def is_personal(instance) -> bool:
    return instance._meta.label in PERSONAL_MODELS


def record_read(request, instance) -> None:
    """Log that the signed-in staff member read this person's file (for views and API)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff_role:
        return
    if user.pk == getattr(instance, "pk", None) and instance._meta.label == "accounts.User":
        return  # reading one's own account is not a read of someone else's file
    with set_actor(user, remote_addr=AuditlogMiddleware._get_remote_addr(request)):
        accessed.send(sender=instance.__class__, instance=instance)
