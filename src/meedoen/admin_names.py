"""Dutch names for what the admin shows of the libraries' models and of fields that were
named after their attribute only.

The libraries' own Dutch catalogues are missing (django-axes, django-otp, django-q2) or their
models carry plain, untranslatable names; Meedoen gives them translatable ones here, when the
apps are ready. Only the names the admin shows change (`verbose_name`); what a migration
records (the field's constructor arguments) stays the same.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

#: app label -> its name in the admin's index.
APPS = {
    "axes": _("Sign-in attempts"),
    "otp_totp": _("Two-step verification"),
    "auditlog": _("Audit log"),
}

#: (app label, model) -> (name, plural).
MODELS = {
    ("axes", "accessattempt"): (_("access attempt"), _("access attempts")),
    ("axes", "accesslog"): (_("access log"), _("access logs")),
    ("axes", "accessfailurelog"): (_("access failure"), _("access failures")),
    ("otp_totp", "totpdevice"): (_("TOTP device"), _("TOTP devices")),
    ("django_q", "schedule"): (_("Scheduled task"), _("Scheduled tasks")),
    ("django_q", "success"): (_("Successful task"), _("Successful tasks")),
    ("django_q", "failure"): (_("Failed task"), _("Failed tasks")),
    ("django_q", "ormq"): (_("Queued task"), _("Queued tasks")),
}

#: (app label, model) -> {field: name}.
FIELDS = {
    ("axes", "accessattempt"): {
        "user_agent": _("User Agent"),
        "ip_address": _("IP Address"),
        "http_accept": _("HTTP Accept"),
        "path_info": _("Path"),
        "attempt_time": _("Attempt Time"),
        "get_data": _("GET Data"),
        "post_data": _("POST Data"),
        "failures_since_start": _("Failed Logins"),
    },
    ("axes", "accesslog"): {
        "user_agent": _("User Agent"),
        "ip_address": _("IP Address"),
        "http_accept": _("HTTP Accept"),
        "path_info": _("Path"),
        "attempt_time": _("Attempt Time"),
        "logout_time": _("Logout Time"),
        "session_hash": _("Session key hash (sha256)"),
    },
    ("axes", "accessfailurelog"): {
        "user_agent": _("User Agent"),
        "ip_address": _("IP Address"),
        "http_accept": _("HTTP Accept"),
        "path_info": _("Path"),
        "attempt_time": _("Attempt Time"),
        "locked_out": _("Access lock out"),
    },
    ("otp_totp", "totpdevice"): {
        "user": _("user"),
        "name": _("name"),
        "confirmed": _("confirmed"),
        "throttling_failure_timestamp": _("throttling failure timestamp"),
        "throttling_failure_count": _("throttling failure count"),
        "created_at": _("created at"),
        "last_used_at": _("last used at"),
        "key": _("key"),
        "step": _("step"),
        "t0": _("t0"),
        "digits": _("digits"),
        "tolerance": _("tolerance"),
        "drift": _("drift"),
        "last_t": _("last t"),
    },
    ("cooperation", "assessment"): {
        "municipality": _("municipality"),
        "organisation": _("organisation"),
        "started_by": _("started by"),
        "previous": _("previous"),
        "round": _("round"),
        "created_at": _("created at"),
        "closed_at": _("closed at"),
    },
}


def name_everything() -> None:
    for label, name in APPS.items():
        if label in apps.app_configs:
            apps.app_configs[label].verbose_name = name
    for (label, model_name), (name, plural) in MODELS.items():
        meta = apps.get_model(label, model_name)._meta
        meta.verbose_name, meta.verbose_name_plural = name, plural
    for (label, model_name), fields in FIELDS.items():
        model = apps.get_model(label, model_name)
        for field_name, name in fields.items():
            model._meta.get_field(field_name).verbose_name = name
