"""The private link to a person's agenda as a calendar feed (`agenda.feeds`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """A private link that a calendar program subscribes to. Only a digest of the link's
    secret is kept: the link itself is shown once, when it is made. A person has at most one
    link that works; it stops when it is revoked, when a new one is made, and when the
    account is deactivated or erased (erasure removes it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("account"),
    )
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language of the calendar"), max_length=8, default="nl")
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_working_calendar_feed_per_person",
            )
        ]
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self) -> str:
        return f"{self.prefix}…"
