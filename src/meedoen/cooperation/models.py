"""An assessment of one cooperation between volunteers and professionals, and the people
who answer it (each from their perspective)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meedoen.cooperation import framework as fw
from meedoen.organisations.models import Membership, Municipality, Organisation
from meedoen.permissions import Role, scope

CONTEXT_CHOICES = [(c.value, c.label) for c in fw.Context]
PERSPECTIVE_CHOICES = [(p.value, p.label) for p in fw.Perspective]


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def managed_by(self, user: Any) -> AssessmentQuerySet:
        """The assessments this person runs: those of the organisations they coordinate or
        manage, and those of the municipalities where they are a policy officer."""
        return scope(
            self,
            user,
            own={
                Role.COORDINATOR: lambda u: Q(
                    organisation_id__in=u.organisation_ids(
                        Membership.Role.COORDINATOR, Membership.Role.MANAGER
                    )
                ),
                Role.MANAGER: lambda u: Q(
                    organisation_id__in=u.organisation_ids(
                        Membership.Role.COORDINATOR, Membership.Role.MANAGER
                    )
                ),
                Role.POLICY_OFFICER: lambda u: Q(
                    organisation=None, municipality_id__in=u.policy_municipality_ids()
                ),
            },
        )

    def visible_to(self, user: Any) -> AssessmentQuerySet:
        """What the person runs, and what they were invited to with their account."""
        if user is None or not user.is_authenticated:
            return self.none()
        managed = self.managed_by(user).values("pk")
        return self.filter(Q(pk__in=managed) | Q(participants__user_id=user.pk)).distinct()


class Assessment(models.Model):
    """One round of the self-assessment of a cooperation. A new round of the same cooperation
    points to the round before it (`previous`)."""

    title = models.CharField(_("name of the cooperation"), max_length=200)
    context = models.CharField(_("context"), max_length=32, choices=CONTEXT_CHOICES)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="assessments"
    )
    #: The organisation that runs it (its coordinators and managers); empty when the
    #: municipality runs it (its policy officers).
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments_run",
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="assessments",
        verbose_name=_("organisations in the cooperation"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments_started",
    )
    previous = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_round"
    )
    round = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("cooperation assessment")
        verbose_name_plural = _("cooperation assessments")

    def __str__(self) -> str:
        return f"{self.title} ({self.round})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def context_label(self) -> Any:
        return fw.Context(self.context).label


class Participant(models.Model):
    """Someone asked to answer, from one perspective: by account, or by a private e-mail link
    (only its digest is kept; the address is deleted when the assessment closes)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="participants"
    )
    perspective = models.CharField(_("perspective"), max_length=16, choices=PERSPECTIVE_CHOICES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_participations",
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    language = models.CharField(max_length=8, default="nl")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    answers = models.JSONField(default=dict, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user"],
                condition=Q(user__isnull=False),
                name="cooperation_participant_once_per_account",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_perspective_display()} #{self.pk}"

    @property
    def has_answered(self) -> bool:
        return self.answered_at is not None
