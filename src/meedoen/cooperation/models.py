"""An assessment of one cooperation between volunteers and professionals, and the people
who answer it (each from their perspective)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meedoen.cooperation import framework as fw
from meedoen.i18n import language_field
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


# --- Consultations --------------------------------------------------------------------------


class Respondent(models.TextChoices):
    """The perspectives a consultation asks and groups its answers by."""

    VOLUNTEERS = "volunteers", _("volunteers")
    PROFESSIONALS = "professionals", _("professionals")
    ORGANISATIONS = "organisations", _("organisations")


class Stance(models.TextChoices):
    AGREE = "agree", _("agree")
    PARTLY = "partly", _("partly agree")
    DISAGREE = "disagree", _("disagree")


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def organised_by(self, user: Any) -> ConsultationQuerySet:
        """The consultations this person organises: those of the municipalities where they
        are a policy officer, and those of the organisations they manage."""
        return scope(
            self,
            user,
            own={
                Role.MANAGER: lambda u: Q(
                    organisation_id__in=u.organisation_ids(Membership.Role.MANAGER)
                ),
                Role.POLICY_OFFICER: lambda u: Q(
                    organisation=None, municipality_id__in=u.policy_municipality_ids()
                ),
            },
        )


class Consultation(models.Model):
    """A policy question put to the volunteers, professionals and organisations of a
    municipality (by its policy officer) or of one organisation (by its manager), before the
    decision is taken (report 4.3, 5.2, 5.4)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="consultations"
    )
    #: The organisation that asks (its managers); empty when the municipality asks.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), max_length=2000)
    background = models.TextField(_("background"), max_length=5000, blank=True)
    #: The question holds a proposal: respondents may say whether they agree.
    has_proposal = models.BooleanField(_("the question holds a proposal"), default=False)
    closes_on = models.DateField(_("closing date"))
    ask_volunteers = models.BooleanField(_("volunteers"), default=False)
    ask_professionals = models.BooleanField(_("professionals"), default=False)
    ask_organisations = models.BooleanField(_("organisations"), default=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    response = models.TextField(_("what we did with it"), max_length=5000, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    #: The title, question and background in the organiser's language; what was done with the
    #: answers in the language it was written in.
    language = language_field()
    response_language = language_field(_("language of what was done with it"))

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day: Any) -> bool:
        return bool(day <= self.closes_on)

    @property
    def asked(self) -> list[str]:
        """The perspectives asked, in the fixed order."""
        flags = {
            Respondent.VOLUNTEERS: self.ask_volunteers,
            Respondent.PROFESSIONALS: self.ask_professionals,
            Respondent.ORGANISATIONS: self.ask_organisations,
        }
        return [str(value) for value, asked in flags.items() if asked]


class ConsultationAnswer(models.Model):
    """One person's answer, from one perspective. The organiser sees it without a name
    unless the person chose to sign it; it goes when the person is erased."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_answers"
    )
    perspective = models.CharField(_("perspective"), max_length=16, choices=Respondent.choices)
    #: For the perspective of an organisation: the organisation the person answers for.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("answer"), max_length=5000)
    stance = models.CharField(_("your view on the proposal"), max_length=8, blank=True,
                              choices=Stance.choices)  # fmt: skip
    signed = models.BooleanField(_("show my name with my answer"), default=False)
    answered_at = models.DateTimeField(auto_now=True)
    language = language_field()

    class Meta:
        ordering = ["answered_at", "pk"]
        verbose_name = _("answer to a consultation")
        verbose_name_plural = _("answers to consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "respondent"], name="consultation_answer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_perspective_display()} #{self.pk}"


# --- Cooperation agreements -----------------------------------------------------------------


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def visible_to(self, user: Any) -> AgreementQuerySet:
        """The coordinators and managers of both sides, and the policy officers of the
        municipality (an agreement describes work, not people)."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        led = user.organisation_ids(Membership.Role.COORDINATOR, Membership.Role.MANAGER)
        return self.filter(
            Q(organisation_id__in=led)
            | Q(partner_id__in=led)
            | Q(municipality_id__in=user.policy_municipality_ids())
        )


class Agreement(models.Model):
    """A written agreement on how an organisation and a partner organisation (or the
    municipality) work together: what volunteers do, what professionals do, who to contact,
    how concerns go up, when it is looked at again. A draft until each side's manager (the
    municipality's policy officer) confirmed it."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="agreements"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="agreements"
    )
    #: The other side; empty when it is the municipality.
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements_as_partner",
    )
    title = models.CharField(_("name of the agreement"), max_length=200)
    volunteer_tasks = models.TextField(_("what volunteers do"), max_length=3000)
    professional_tasks = models.TextField(_("what professionals do"), max_length=3000)
    volunteer_activities = models.ManyToManyField(
        "catalogue.Activity", blank=True, related_name="+", verbose_name=_("done by volunteers")
    )
    professional_activities = models.ManyToManyField(
        "catalogue.Activity",
        blank=True,
        related_name="+",
        verbose_name=_("done by professionals"),
    )
    contact_here = models.CharField(_("contact point of the organisation"), max_length=200)
    contact_partner = models.CharField(_("contact point of the partner"), max_length=200)
    escalation = models.TextField(_("how concerns are raised"), max_length=2000)
    #: The name and texts, in the language of whoever last wrote them.
    language = language_field()
    review_on = models.DateField(_("look at it again on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_here_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_here_at = models.DateTimeField(null=True, blank=True)
    confirmed_partner_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_partner_at = models.DateTimeField(null=True, blank=True)
    #: The review date the parties were last reminded of (each date once).
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "-created_at", "-pk"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")

    def __str__(self) -> str:
        return self.title

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_here_at is not None and self.confirmed_partner_at is not None

    def review_due(self, today: Any) -> bool:
        return bool(self.is_confirmed and self.review_on <= today)
