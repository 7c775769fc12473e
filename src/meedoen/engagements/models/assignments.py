"""An assignment: the agreements after a match, and the hours, check-ins and guidance in it."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meedoen import notation
from meedoen.engagements import lifecycles
from meedoen.i18n import language_field, sentence_html
from meedoen.permissions import Role, is_admin, scope
from meedoen.requests.models import in_words


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The volunteer their own; the responsible professional the person's; coordinators
        their organisations' (a central desk its network's)."""
        return scope(
            self,
            user,
            own={
                Role.VOLUNTEER: lambda u: Q(profile__user=u),
                Role.PROFESSIONAL: lambda u: Q(help_request__responsible_professional=u),
            },
            organisations=lambda ids: Q(organisation_id__in=ids),
        )

    def active(self):
        return self.filter(status__in=lifecycles.ASSIGNMENT.open)


class Assignment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    class Frequency(models.TextChoices):
        ONCE = "once", _("once")
        WEEKLY = "weekly", _("every week")
        FORTNIGHTLY = "fortnightly", _("every two weeks")
        MONTHLY = "monthly", _("every month")
        AS_NEEDED = "as_needed", _("when needed")

    class EndReason(models.TextChoices):
        COMPLETED = "completed", _("the help is no longer needed")
        PERSON_STOPPED = "person_stopped", _("the person no longer wants it")
        VOLUNTEER_STOPPED = "volunteer_stopped", _("the volunteer stops")
        HANDED_OVER = "handed_over", _("handed over to a professional")
        TOO_HEAVY = "too_heavy", _("too heavy for a volunteer")
        OTHER = "other", _("other reason")

    help_request = models.ForeignKey(
        "requests.HelpRequest",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("help request"),
    )
    profile = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("volunteer"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("organisation"),
    )
    proposal = models.OneToOneField(
        "matching.MatchProposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignment",
        verbose_name=_("match"),
    )
    tasks = models.ManyToManyField(
        "catalogue.Activity", related_name="assignments", verbose_name=_("agreed tasks")
    )
    frequency = models.CharField(
        _("how often"), max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    contact_route = models.TextField(
        _("contact route"),
        max_length=500,
        help_text=_("Whom the volunteer contacts with questions or worries, and how."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed by"),
    )
    created_at = models.DateTimeField(_("agreed at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    end_reason = models.CharField(
        _("reason for ending"), max_length=20, choices=EndReason.choices, blank=True
    )
    volunteer_evaluation = models.TextField(
        _("evaluation by the volunteer"), max_length=2000, blank=True
    )
    person_evaluation = models.TextField(
        _("evaluation by the person helped"), max_length=2000, blank=True
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "profile"],
                condition=Q(status="active"),
                name="one_active_assignment_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_end__gte=models.F("starts_on")),
                name="assignment_ends_after_start",
            ),
        ]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.help_request} – {self.profile}"

    @property
    def is_active(self) -> bool:
        """Still going: hours, check-ins, concerns and handovers belong to it."""
        return self.status in lifecycles.ASSIGNMENT.open

    def _title(self, *, html: bool = False) -> str:
        about = in_words(self.tasks.all()) or (
            self.help_request.about_html if html else self.help_request.about
        )
        values = {
            "name": self.help_request.first_name,
            "about": about,
            "date": notation.day(self.starts_on),
        }
        sentence = (
            gettext("Assignment with %(name)s: %(about)s, from %(date)s")
            if about
            else gettext("Assignment with %(name)s, from %(date)s")
        )
        return sentence_html(sentence, values) if html else sentence % values

    @property
    def title(self) -> str:
        """The assignment named in words, told apart from another one with the same person
        by what it is about and when it began ("Assignment with Bram: walks and outings,
        from 3 March 2026")."""
        return self._title()

    @property
    def title_html(self) -> str:
        """`title` for a heading, a quoted description marked with its language."""
        return self._title(html=True)


class HoursQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(assignment__in=Assignment.objects.visible_to(user))

    def approved(self):
        return self.filter(status__in=lifecycles.HOURS.final)


class HoursEntry(models.Model):
    """Time and costs a volunteer spent on an assignment, approved by the coordinator."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for approval")
        APPROVED = "approved", _("approved")
        QUERIED = "queried", _("question from the coordinator")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="hours", verbose_name=_("assignment")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("12"))],
    )
    expenses = models.DecimalField(
        _("costs made (EUR)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000"))],
        help_text=_("Travel or other costs you paid yourself, with a receipt where you have one."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    language = language_field()
    allowance = models.DecimalField(
        _("allowance (EUR)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("The volunteer allowance for these hours, set on approval."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    question = models.CharField(_("question"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("logged at"), default=timezone.now)

    objects = HoursQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        # Approved hours of a period, with their assignment and hours in the index itself:
        # the figures add them up without reading the table.
        # Per assignment, the same: the figures per area and month go from the assignments
        # of a municipality to their hours without reading the table either.
        indexes = [
            models.Index(
                fields=["status", "date", "assignment", "hours"], name="hours_status_date_idx"
            ),
            models.Index(
                fields=["assignment", "status", "date", "hours"], name="hours_assignment_idx"
            ),
        ]
        verbose_name = _("hours")
        verbose_name_plural = _("hours")

    def __str__(self) -> str:
        return f"{self.date} {self.hours} h"


class AllowanceLimit(models.Model):
    """The tax-free limits of the volunteer allowance for one calendar year (Belastingdienst)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    per_hour = models.DecimalField(_("per hour, 21 and over (EUR)"), max_digits=5, decimal_places=2)
    per_hour_under_21 = models.DecimalField(
        _("per hour, under 21 (EUR)"), max_digits=5, decimal_places=2
    )
    per_month = models.DecimalField(_("per month (EUR)"), max_digits=7, decimal_places=2)
    per_year = models.DecimalField(_("per year (EUR)"), max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("allowance limit")
        verbose_name_plural = _("allowance limits")

    def __str__(self) -> str:
        return str(self.year)


class CheckInQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The volunteer sees their own check-ins, never the one with the person helped."""
        visible = Assignment.objects.visible_to(user)
        if not user.is_authenticated or is_admin(user):
            return self.filter(assignment__in=visible)
        # As volunteer: their own check-ins only; in any other role: all of the assignment.
        return self.filter(
            Q(assignment__in=visible.exclude(profile__user=user))
            | Q(assignment__profile__user=user, party=CheckIn.Party.VOLUNTEER)
        )

    def open(self):
        return self.filter(done_at__isnull=True)


class CheckIn(models.Model):
    """How it goes: asked of the volunteer and of the person helped, on a schedule."""

    class Party(models.TextChoices):
        VOLUNTEER = "volunteer", _("the volunteer")
        PERSON = "person", _("the person helped")

    class HowItGoes(models.TextChoices):
        WELL = "well", _("well")
        OKAY = "okay", _("okay")
        NOT_WELL = "not_well", _("not well")

    class Load(models.TextChoices):
        RIGHT = "right", _("about right")
        TOO_MUCH = "too_much", _("too much")
        TOO_LITTLE = "too_little", _("could be more")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("assignment")
    )
    party = models.CharField(_("with"), max_length=20, choices=Party.choices)
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    how_it_goes = models.CharField(
        _("how does it go?"), max_length=20, choices=HowItGoes.choices, blank=True
    )
    load = models.CharField(
        _("is the load right?"), max_length=20, choices=Load.choices, blank=True
    )
    too_heavy = models.BooleanField(
        _("is the support becoming too heavy for a volunteer?"), default=False
    )
    note = models.TextField(_("anything else?"), max_length=2000, blank=True)
    language = language_field()

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.assignment} {self.party} {self.due_on}"


class GuidanceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scope(
            self,
            user,
            own={Role.VOLUNTEER: lambda u: Q(enrolment__profile__user=u)},
            organisations=lambda ids: Q(enrolment__organisation_id__in=ids),
            with_network=False,
        )


class GuidanceSession(models.Model):
    """Time a guide spends on a re-integration or internship volunteer (report 4.6)."""

    enrolment = models.ForeignKey(
        "volunteers.Enrolment",
        on_delete=models.CASCADE,
        related_name="guidance_sessions",
        verbose_name=_("volunteer"),
    )
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="guidance_given",
        verbose_name=_("guide"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("12"))],
    )
    topic = models.CharField(_("what was discussed or learned"), max_length=300)
    created_at = models.DateTimeField(_("logged at"), default=timezone.now)

    objects = GuidanceQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("guidance session")
        verbose_name_plural = _("guidance sessions")

    def __str__(self) -> str:
        return f"{self.enrolment} {self.date} {self.hours} h"
