"""Conversations on a case: a volunteer and their coordinator about an application or an
assignment, a professional and the sending coordinator about a referral. A message belongs to
exactly one case and goes with it; the person helped is never part of a conversation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.i18n import language_field

MAX_LENGTH = 2000


class Message(models.Model):
    application = models.ForeignKey(
        "volunteers.Application",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("application"),
    )
    assignment = models.ForeignKey(
        "engagements.Assignment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("assignment"),
    )
    referral = models.ForeignKey(
        "requests.ProfessionalReferral",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("referral"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    body = models.TextField(_("message"), max_length=MAX_LENGTH)
    language = language_field()
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(application__isnull=False, assignment=None, referral=None)
                    | Q(application=None, assignment__isnull=False, referral=None)
                    | Q(application=None, assignment=None, referral__isnull=False)
                ),
                name="message_about_one_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author_id} {self.created_at:%Y-%m-%d %H:%M}"
