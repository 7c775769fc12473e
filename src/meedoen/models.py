"""The kernel's tables: leases that keep a periodic job from running twice at once, the
messages waiting for the mail server, and the attempts counted at each rate-limited door."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobLease(models.Model):
    """Held by the worker that runs the job `name` until `until` (see `meedoen.jobs`)."""

    name = models.CharField(_("job"), max_length=100, primary_key=True)
    holder = models.CharField(_("held by"), max_length=32, blank=True)
    until = models.DateTimeField(_("held until"))

    class Meta:
        verbose_name = _("job lease")
        verbose_name_plural = _("job leases")

    def __str__(self) -> str:
        return self.name


class OutgoingMail(models.Model):
    """A message waiting for the mail server (see `meedoen.notify`): written in the same
    transaction as the change it tells about, sent by the worker, deleted once sent (the
    addresses are not kept)."""

    recipients = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_until = models.DateTimeField(_("being sent until"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        indexes = [models.Index(fields=["next_attempt_at"], name="outgoing_mail_due_idx")]

    def __str__(self) -> str:
        return self.subject


class Attempts(models.Model):
    """How often one door was tried by one sender in one window of time (see `meedoen.limits`).
    The sender is kept only as part of a one-way fingerprint; rows go after a day."""

    key = models.CharField(_("door and sender (fingerprint)"), max_length=64)
    window_start = models.DateTimeField(_("window from"))
    count = models.PositiveIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("attempts")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="attempts_once_per_window")
        ]

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
