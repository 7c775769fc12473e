"""A notification: one thing that asks something of one person, with where to do it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROPOSAL = "proposal", _("a question whether you would like to help")
    INTAKE = "intake", _("an intake planned with you")
    HOURS = "hours", _("a question about your hours")
    CHECK_IN = "check_in", _("a check-in that is due")
    CONCERN = "concern", _("a concern to acknowledge")
    PROPOSAL_ANSWER = "proposal_answer", _("an answer of a volunteer to a proposal")
    HANDOVER = "handover", _("a handover or referral waiting for your organisation")
    APPLICATION = "application", _("an application for volunteer work")
    INVITATION = "invitation", _("an invitation")
    MESSAGE = "message", _("a new message in a conversation")
    CONSULTATION = "consultation", _("a consultation that asks your view")


class Mail(models.TextChoices):
    NOW = "now", _("at once")
    DAILY = "daily", _("once a day, all together")
    NEVER = "never", _("never (only in Meedoen)")


#: What a person gets by e-mail unless they chose otherwise: at once for what waits for their
#: answer, a daily digest for what they only need to know.
DEFAULT_MAIL = {
    Kind.PROPOSAL: Mail.NOW,
    Kind.INTAKE: Mail.NOW,
    Kind.HOURS: Mail.NOW,
    Kind.CHECK_IN: Mail.DAILY,
    Kind.CONCERN: Mail.NOW,
    Kind.PROPOSAL_ANSWER: Mail.DAILY,
    Kind.HANDOVER: Mail.NOW,
    Kind.APPLICATION: Mail.DAILY,
    Kind.INVITATION: Mail.NOW,
    Kind.MESSAGE: Mail.NOW,
    Kind.CONSULTATION: Mail.DAILY,
}


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's own notifications only (also for administrators: they are personal)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(person=user)

    def unread(self):
        return self.filter(read_at=None)


class Notification(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    #: The sentence in each of Meedoen's languages, so that it reads in the page's language.
    text_nl = models.CharField(_("text in Dutch"), max_length=300)
    text_en = models.CharField(_("text in English"), max_length=300)
    link = models.CharField(_("where to act"), max_length=300)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    #: What it is about ("check-in:12"), for what a person is told once only; empty for the
    #: rest.
    about = models.CharField(_("about"), max_length=60, blank=True, default="")
    in_digest = models.BooleanField(
        _("waits for the daily e-mail"),
        default=False,
        help_text=_("Set while the notification waits for the next daily e-mail."),
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["person", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["in_digest", "person"], name="notification_digest_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "about"],
                condition=~models.Q(about=""),
                name="notification_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The sentence in the language now active (Dutch when it has no other)."""
        return self.text_en if translation.get_language() == "en" else self.text_nl


class MailPreferences(models.Model):
    """How a person wants to hear of each kind by e-mail, and in which language."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_preferences",
        verbose_name=_("person"),
    )
    choices = models.JSONField(_("e-mail per kind"), default=dict, blank=True)
    language = models.CharField(_("language of the e-mails"), max_length=8, default="nl")

    class Meta:
        verbose_name = _("e-mail preferences")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self) -> str:
        return str(self.person)

    def choice(self, kind: str) -> str:
        chosen = self.choices.get(kind)
        if chosen in Mail.values:
            return str(chosen)
        return str(DEFAULT_MAIL.get(Kind(kind), Mail.NOW))
