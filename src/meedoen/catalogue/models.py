"""The catalogue: activities with their care level, Wmo performance fields, skills, motives."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedoen.catalogue.policy import CARE_LEVEL_LABELS, SELF_RELIANCE_LABELS, CareLevel
from meedoen.i18n import BilingualNameMixin

CARE_LEVEL_CHOICES = [(int(level), label) for level, label in CARE_LEVEL_LABELS.items()]
SELF_RELIANCE_CHOICES = list(SELF_RELIANCE_LABELS.items())


class VolunteerType(models.TextChoices):
    REGULAR = "regular", _("regular volunteer")
    REINTEGRATION = "reintegration", _("re-integration volunteer")
    INTERNSHIP = "internship", _("school internship or community service")
    EMPLOYEE = "employee", _("employee volunteering")
    PEER = "peer", _("peer with lived experience")


class ActivityGroup(models.TextChoices):
    """Activities as a citizen thinks of them, for long lists of choices (asking for help,
    signing up as a volunteer). In this order on the forms."""

    COMPANY = "company", _("Company and outings")
    HOME = "home", _("At home and in the garden")
    ERRANDS = "errands", _("Transport, errands and appointments")
    PAPERWORK = "paperwork", _("Paperwork, money and advice")
    SUPPORT = "support", _("Support and a listening ear")
    LEARNING = "learning", _("Learning, children and young people")
    NEIGHBOURHOOD = "neighbourhood", _("Together for the neighbourhood")
    CARE = "care", _("Health and personal care")
    OTHER = "other", _("Other help")


class CatalogueQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(is_active=True)


class PerformanceField(BilingualNameMixin):
    """One of the nine performance fields of the Wmo (2007)."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    short_nl = models.CharField(_("short name (Dutch)"), max_length=80)
    short_en = models.CharField(_("short name (English)"), max_length=80)
    is_active = models.BooleanField(_("active"), default=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("Wmo performance field")
        verbose_name_plural = _("Wmo performance fields")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Activity(BilingualNameMixin):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    care_level = models.PositiveSmallIntegerField(
        _("care level"), choices=CARE_LEVEL_CHOICES, default=int(CareLevel.WELFARE)
    )
    performance_fields = models.ManyToManyField(
        PerformanceField,
        verbose_name=_("Wmo performance fields"),
        related_name="activities",
        blank=True,
    )
    plain_nl = models.CharField(
        _("in everyday words (Dutch)"),
        max_length=200,
        blank=True,
        help_text=_("How a citizen would say it, for the public request form."),
    )
    plain_en = models.CharField(_("in everyday words (English)"), max_length=200, blank=True)
    group = models.CharField(
        _("group"),
        max_length=20,
        choices=ActivityGroup.choices,
        default=ActivityGroup.OTHER,
        help_text=_("Where a citizen looks for it in a long list of activities."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["care_level", "name_nl"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    @property
    def level(self) -> CareLevel:
        return CareLevel(self.care_level)


class Skill(BilingualNameMixin):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class Motive(BilingualNameMixin):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("volunteer motive")
        verbose_name_plural = _("volunteer motives")
