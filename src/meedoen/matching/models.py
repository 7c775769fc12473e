"""Proposals of a volunteer for a request, and global matching runs for an organisation."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.permissions import Role, scope


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scope(
            self,
            user,
            own={Role.VOLUNTEER: lambda u: Q(profile__user=u)},
            organisations=lambda ids: Q(help_request__organisation_id__in=ids),
        )


class MatchProposal(models.Model):
    class Status(models.TextChoices):
        OFFERED = "offered", _("offered by the volunteer")
        PROPOSED = "proposed", _("proposed to the volunteer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        EXPIRED = "expired", _("expired")
        WITHDRAWN = "withdrawn", _("withdrawn")

    help_request = models.ForeignKey(
        "requests.HelpRequest",
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("help request"),
    )
    profile = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    score = models.FloatField(_("score"), default=0)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    run = models.ForeignKey(
        "MatchingRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("matching run"),
    )
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    expires_at = models.DateTimeField(_("answer before"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "profile"],
                condition=Q(status__in=["offered", "proposed"]),
                name="one_open_proposal_per_pair",
            )
        ]
        verbose_name = _("match proposal")
        verbose_name_plural = _("match proposals")

    def __str__(self) -> str:
        return f"{self.help_request} ↔ {self.profile}"


class MatchingRun(models.Model):
    """A global matching for an organisation (or a desk's network), to review and confirm.

    Started from the page it is queued, then run by the worker (with progress), then proposed
    for review; one that failed can be started again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        FAILED = "failed", _("failed")
        PROPOSED = "proposed", _("to review")
        CONFIRMED = "confirmed", _("confirmed")

    UNFINISHED = (Status.QUEUED, Status.RUNNING)

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="matching_runs",
        verbose_name=_("organisation"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    requests_considered = models.PositiveIntegerField(_("requests considered"), default=0)
    volunteers_considered = models.PositiveIntegerField(_("volunteers considered"), default=0)
    matched = models.PositiveIntegerField(_("requests matched"), default=0)
    total_score = models.FloatField(_("total score"), default=0)
    greedy_matched = models.PositiveIntegerField(_("matched first-come"), default=0)
    greedy_score = models.FloatField(_("total score first-come"), default=0)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One run at a time per organisation (a desk's run covers its network).
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status__in=["queued", "running"]),
                name="one_unfinished_run_per_organisation",
            )
        ]
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")

    def __str__(self) -> str:
        return f"{self.organisation} {self.created_at:%Y-%m-%d %H:%M}"


class RunPair(models.Model):
    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="pairs")
    help_request = models.ForeignKey(
        "requests.HelpRequest", on_delete=models.CASCADE, related_name="+"
    )
    profile = models.ForeignKey(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField(default=0)

    class Meta:
        ordering = ["-score"]
        verbose_name = _("proposed pair")
        verbose_name_plural = _("proposed pairs")

    def __str__(self) -> str:
        return f"{self.help_request} ↔ {self.profile}"
