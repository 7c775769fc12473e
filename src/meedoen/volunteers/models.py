"""Volunteer profiles: what someone would like to do, can do, and when."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedoen import availability
from meedoen.accounts.models import Role
from meedoen.catalogue.models import VolunteerType
from meedoen.scoping import coordinated_organisation_ids, is_admin


class VolunteerProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user or not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        if user.role == Role.VOLUNTEER:
            return self.filter(user=user)
        organisation_ids = coordinated_organisation_ids(user, with_network=True)
        if organisation_ids:
            return self.filter(
                user__memberships__organisation_id__in=organisation_ids,
                user__memberships__role="volunteer",
                user__memberships__is_active=True,
            ).distinct()
        return self.none()


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
        help_text=_("Language codes separated by commas, e.g. nl,en,ar."),
    )
    wants_to_grow = models.BooleanField(_("wants to grow"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

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
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]
