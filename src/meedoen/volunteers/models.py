"""Volunteer profiles: what someone would like to do, can do, and when."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen import availability
from meedoen.catalogue.models import VolunteerType
from meedoen.i18n import language_field, language_names
from meedoen.permissions import Role, is_admin, scope
from meedoen.volunteers.lifecycle import GUIDED_TYPES

#: The parts of a profile the volunteer changes themselves; a coordinator sees which changed.
PROFILE_PARTS = (
    ("area", _("area")),
    ("activities", _("activities")),
    ("skills", _("skills")),
    ("languages", _("languages")),
    ("availability", _("availability")),
    ("travel_km", _("travel distance")),
    ("max_hours_per_week", _("hours per week")),
)


class VolunteerProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scope(
            self,
            user,
            own={Role.VOLUNTEER: lambda u: Q(user=u)},
            organisations=lambda ids: Q(
                pk__in=Enrolment.objects.filter(organisation_id__in=ids).values("profile_id")
            ),
        )


class VolunteerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("person"),
    )
    area = models.ForeignKey(
        "organisations.Area",
        on_delete=models.PROTECT,
        related_name="volunteers",
        verbose_name=_("home area"),
    )
    activities = models.ManyToManyField(
        "catalogue.Activity",
        blank=True,
        related_name="volunteers",
        verbose_name=_("would like to do"),
    )
    skills = models.ManyToManyField(
        "catalogue.Skill", blank=True, related_name="volunteers", verbose_name=_("skills")
    )
    motives = models.ManyToManyField(
        "catalogue.Motive", blank=True, related_name="volunteers", verbose_name=_("motives")
    )
    volunteer_type = models.CharField(
        _("volunteer type"),
        max_length=20,
        choices=VolunteerType.choices,
        default=VolunteerType.REGULAR,
    )
    availability = models.PositiveIntegerField(
        _("availability"),
        default=0,
        validators=[MaxValueValidator(availability.ALL)],
        help_text=_("Parts of the week (day by morning, afternoon, evening)."),
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), default=2)
    max_hours_per_week = models.PositiveSmallIntegerField(_("at most hours per week"), default=4)
    travel_km = models.PositiveSmallIntegerField(_("travel distance (km)"), default=5)
    languages = models.CharField(
        _("languages"),
        max_length=100,
        default="nl",
        help_text=_("The languages the volunteer speaks."),
    )
    wants_to_grow = models.BooleanField(
        _("wants to grow"),
        default=False,
        help_text=_("Would like training or more responsibility."),
    )
    vog_issued_on = models.DateField(
        _("certificate of conduct (VOG) issued on"), null=True, blank=True
    )
    reviewed_at = models.DateTimeField(
        _("motives and availability last confirmed"), default=timezone.now
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    changed_at = models.DateTimeField(
        _("profile last changed by the volunteer"), null=True, blank=True
    )
    changed_what = models.CharField(
        _("what the volunteer last changed"),
        max_length=200,
        blank=True,
        help_text=_("The parts of the profile, separated by commas."),
    )

    objects = VolunteerProfileQuerySet.as_manager()

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def availability_slots(self) -> list[str]:
        return availability.to_slots(self.availability)

    @property
    def changed_labels(self) -> list[str]:
        """What the volunteer last changed, in words (never field names)."""
        labels = dict(PROFILE_PARTS)
        return [str(labels[p]) for p in self.changed_what.split(",") if p in labels]

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def language_names(self) -> str:
        """The languages by name, for people ("Nederlands, Engels"), never the codes."""
        return language_names(self.languages)


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scope(
            self,
            user,
            own={Role.VOLUNTEER: lambda u: Q(profile__user=u)},
            organisations=lambda ids: Q(organisation_id__in=ids),
        )

    def handled_by(self, user):
        """The enrolments this person handles as coordinator, without their own."""
        return scope(self, user, organisations=lambda ids: Q(organisation_id__in=ids))

    def guided_by(self, user):
        """The re-integration and internship volunteers (report 4.6) of the organisations in
        which this person is a guide: what a guide sees, and nothing else."""
        if user is None or not user.is_authenticated or Role.GUIDE not in user.roles:
            return self.none()
        return self.filter(
            organisation_id__in=user.organisation_ids(Role.GUIDE),
            profile__volunteer_type__in=GUIDED_TYPES,
        )


class Enrolment(models.Model):
    """A volunteer at one organisation: the intake lifecycle, the guidance, the agreements."""

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("applicant")
        INTAKE_PLANNED = "intake_planned", _("intake planned")
        ACTIVE = "active", _("active")
        PAUSED = "paused", _("paused")
        STOPPED = "stopped", _("stopped")

    class SponsorKind(models.TextChoices):
        SCHOOL = "school", _("school")
        SOCIAL_SERVICE = "social_service", _("social service")
        EMPLOYER = "employer", _("employer")

    profile = models.ForeignKey(
        VolunteerProfile,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("volunteer"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLICANT
    )
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)
    intake_at = models.DateTimeField(_("intake planned at"), null=True, blank=True)
    intake_note = models.TextField(
        _("intake note"),
        blank=True,
        max_length=3000,
        help_text=_("What the coordinator found at the intake: talents, wishes, limits."),
    )
    paused_until = models.DateField(_("paused until"), null=True, blank=True)
    sponsor_kind = models.CharField(
        _("sponsor"), max_length=20, choices=SponsorKind.choices, blank=True
    )
    sponsor_name = models.CharField(_("name of the sponsor"), max_length=160, blank=True)
    required_hours = models.PositiveSmallIntegerField(
        _("hours required by the sponsor"), null=True, blank=True
    )
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guided_enrolments",
        verbose_name=_("guide"),
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "profile__user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "organisation"], name="enrolment_unique")
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="enrolment_status_idx")]
        verbose_name = _("volunteer at an organisation")
        verbose_name_plural = _("volunteers at organisations")

    def __str__(self) -> str:
        return f"{self.profile} – {self.organisation}"


class EnrolmentStatusChange(models.Model):
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("volunteer at an organisation"),
    )
    from_status = models.CharField(
        _("from"), max_length=20, blank=True, choices=Enrolment.Status.choices
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Enrolment.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("status change of a volunteer")
        verbose_name_plural = _("status changes of volunteers")

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.from_status} → {self.to_status}"


class VacancyQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(is_open=True)

    def managed_by(self, user):
        if not user or not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(
            organisation_id__in=user.coordinated_organisation_ids(with_network=False)
        )


class Vacancy(models.Model):
    class Regularity(models.TextChoices):
        ONE_OFF = "one_off", _("one-off")
        REGULAR = "regular", _("regular")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="vacancies",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("what you will do"), max_length=3000)
    language = models.CharField(
        _("language of the text"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="nl",
        help_text=_(
            "The language the title and description are written in; pages in another "
            "language mark them, so that screen readers read them right."
        ),
    )
    activities = models.ManyToManyField(
        "catalogue.Activity", related_name="vacancies", verbose_name=_("activities")
    )
    area = models.ForeignKey(
        "organisations.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("area"),
        help_text=_("Leave empty when it is anywhere in the municipality."),
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), default=2)
    regularity = models.CharField(
        _("one-off or regular"),
        max_length=10,
        choices=Regularity.choices,
        default=Regularity.REGULAR,
    )
    skills = models.ManyToManyField(
        "catalogue.Skill", blank=True, related_name="vacancies", verbose_name=_("skills wanted")
    )
    training_offered = models.BooleanField(_("training offered"), default=False)
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=30, blank=True)
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")

    def __str__(self) -> str:
        return self.title


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scope(
            self,
            user,
            own={Role.VOLUNTEER: lambda u: Q(profile__user=u)},
            organisations=lambda ids: Q(vacancy__organisation_id__in=ids),
            with_network=False,
        )


class Application(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("new")
        INVITED = "invited", _("invited to intake")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    vacancy = models.ForeignKey(
        Vacancy,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("vacancy"),
    )
    profile = models.ForeignKey(
        VolunteerProfile,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("volunteer"),
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    answer = models.TextField(_("answer to the volunteer"), blank=True, max_length=2000)
    #: The volunteer's message in the language they wrote it in; the answer in the
    #: coordinator's.
    language = language_field()
    answer_language = language_field(_("language of the answer"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "profile"], name="application_unique")
        ]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.profile} → {self.vacancy}"
