"""Concerns a volunteer raises about the person helped (the signal function, report 3.3.2),
and warm handovers between volunteers and professionals (3.3.3, 4.4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.engagements import lifecycles
from meedoen.i18n import language_field
from meedoen.permissions import Role, is_admin


class ConcernQuerySet(models.QuerySet):
    def handled_by(self, user):
        """The concerns this person must act on, in one of their staff roles.

        Level 0: coordinators of the organisation and the responsible professional. Level 1
        adds the organisation's managers; level 2 the coordinators of its central desk, or
        the municipality's policy officers where there is no desk.
        """
        if not user or not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(self._handling(user)).distinct()

    @staticmethod
    def _handling(user) -> Q:
        condition = Q(pk__in=[])
        coordinated = user.organisation_ids("coordinator")
        if coordinated:
            condition |= Q(organisation_id__in=coordinated)
            condition |= Q(level__gte=2, organisation__networks__desk_id__in=coordinated)
        managed = user.organisation_ids("manager")
        if managed:
            condition |= Q(level__gte=1, organisation_id__in=managed)
        if Role.PROFESSIONAL in user.roles:
            condition |= Q(help_request__responsible_professional=user)
        municipalities = user.policy_municipality_ids()
        if municipalities:
            condition |= Q(
                level__gte=2,
                organisation__municipality_id__in=municipalities,
                organisation__networks__isnull=True,
            )
        return condition

    def visible_to(self, user):
        """Who must act sees the concern; the volunteer who raised it sees their own (the
        reply, never the team's notes)."""
        if not user or not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        condition = self._handling(user)
        if Role.VOLUNTEER in user.roles:
            condition |= Q(raised_by=user)
        return self.filter(condition).distinct()


class Concern(models.Model):
    class Category(models.TextChoices):
        HEALTH = "health", _("health is getting worse")
        LONELINESS = "loneliness", _("loneliness")
        SAFETY = "safety", _("safety")
        CARER = "carer", _("the informal carer is overburdened")
        TOO_HEAVY = "too_heavy", _("the support is too heavy for a volunteer")
        OTHER = "other", _("something else")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("normal")
        URGENT = "urgent", _("urgent")

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for acknowledgement")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        RESOLVED = "resolved", _("resolved")

    class Level(models.IntegerChoices):
        TEAM = 0, _("coordinator and responsible professional")
        MANAGER = 1, _("manager of the organisation")
        DESK = 2, _("central desk or municipality")

    help_request = models.ForeignKey(
        "requests.HelpRequest",
        on_delete=models.CASCADE,
        related_name="concerns",
        verbose_name=_("help request"),
    )
    assignment = models.ForeignKey(
        "engagements.Assignment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("assignment"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="concerns",
        verbose_name=_("organisation"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="concerns_raised",
        verbose_name=_("raised by"),
    )
    category = models.CharField(_("concern"), max_length=20, choices=Category.choices)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    description = models.TextField(_("what did you notice?"), max_length=2000)
    language = language_field()
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="open")
    level = models.PositiveSmallIntegerField(
        _("escalation level"), choices=Level.choices, default=Level.TEAM
    )
    answer_by = models.DateTimeField(_("acknowledge before"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    outcome = models.TextField(_("what was done (for the team)"), max_length=2000, blank=True)
    reply = models.TextField(
        _("what the volunteer hears back"),
        max_length=1000,
        blank=True,
        help_text=_("In plain words, without details the volunteer should not know."),
    )
    reply_language = language_field(_("language of what was done and the reply"))
    created_at = models.DateTimeField(_("raised at"), default=timezone.now)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-urgency", "answer_by"]
        indexes = [models.Index(fields=["status", "answer_by"], name="concern_due_idx")]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.help_request})"

    @property
    def awaits_acknowledgement(self) -> bool:
        return lifecycles.CONCERN.allows("acknowledge", self.status)

    @property
    def is_overdue(self) -> bool:
        return self.awaits_acknowledgement and self.answer_by <= timezone.now()

    @property
    def plain_status(self):
        """What the status means for the volunteer who raised the concern."""
        return lifecycles.CONCERN_PLAIN[self.status]


class ConcernEvent(models.Model):
    """The history of a concern: raised, escalated, acknowledged, resolved."""

    class Kind(models.TextChoices):
        RAISED = "raised", _("raised")
        ESCALATED = "escalated", _("escalated")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        RESOLVED = "resolved", _("resolved")

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Concern.Level.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    language = language_field()
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("concern event")
        verbose_name_plural = _("concern events")

    def __str__(self) -> str:
        return f"{self.concern_id} {self.kind}"


class HandoverQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators and professionals of the giving and the receiving organisation, the
        responsible professional, and the volunteer whose assignment it touches."""
        if not user or not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        condition = self._handling(user)
        if Role.VOLUNTEER in user.roles:
            condition |= Q(assignment__profile__user=user)
        return self.filter(condition)

    def handled_by(self, user):
        """The handovers this person deals with in one of their staff roles."""
        if not user or not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(self._handling(user))

    @staticmethod
    def _handling(user) -> Q:
        staff = user.organisation_ids("coordinator", "professional", "manager")
        condition = Q(from_organisation_id__in=staff) | Q(to_organisation_id__in=staff)
        if Role.PROFESSIONAL in user.roles:
            condition |= Q(help_request__responsible_professional=user)
        return condition


class Handover(models.Model):
    """The baton passes: from volunteers to a professional organisation, or back."""

    class Direction(models.TextChoices):
        TO_PROFESSIONALS = "to_professionals", _("to professionals")
        TO_VOLUNTEERS = "to_volunteers", _("back to volunteers")

    class Status(models.TextChoices):
        OFFERED = "offered", _("waiting for the receiver")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    class After(models.TextChoices):
        CONTINUE = "continue", _("the volunteer goes on alongside")
        END = "end", _("the volunteer's assignment ends")

    help_request = models.ForeignKey(
        "requests.HelpRequest",
        on_delete=models.CASCADE,
        related_name="handovers",
        verbose_name=_("help request"),
    )
    assignment = models.ForeignKey(
        "engagements.Assignment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handovers",
        verbose_name=_("assignment"),
    )
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    from_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="handovers_given",
        verbose_name=_("from"),
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="handovers_received",
        verbose_name=_("to"),
    )
    part = models.CharField(
        _("what is handed over"),
        max_length=300,
        help_text=_("All support, or the part that goes over, e.g. help with showering."),
    )
    note = models.TextField(
        _("handover note"),
        max_length=3000,
        help_text=_("What the receiver needs to know to take over well. Never a diagnosis."),
    )
    after = models.CharField(
        _("the assignment then"), max_length=20, choices=After.choices, default=After.CONTINUE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFERED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    created_at = models.DateTimeField(_("handed over at"), default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handovers_received",
        verbose_name=_("received by"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=1000, blank=True)
    #: What is handed over and the note, in the language the hander wrote them in; the answer
    #: in the receiver's.
    language = language_field()
    answer_language = language_field(_("language of the answer"))

    objects = HandoverQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")),
                name="handover_between_two_organisations",
            )
        ]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")

    def __str__(self) -> str:
        return f"{self.help_request}: {self.from_organisation} → {self.to_organisation}"

    @property
    def is_accepted(self) -> bool:
        return self.status == lifecycles.ACCEPTED
