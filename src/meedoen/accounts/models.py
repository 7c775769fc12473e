"""People who use Meedoen, with the role they come in as."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("citizen")
    CARER = "carer", _("informal carer")
    VOLUNTEER = "volunteer", _("volunteer")
    PROFESSIONAL = "professional", _("professional")
    COORDINATOR = "coordinator", _("coordinator")
    POLICY_OFFICER = "policy_officer", _("policy officer")
    ADMIN = "admin", _("administrator")


#: Roles that work with other people's files: they sign in with two factors.
STAFF_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.POLICY_OFFICER, Role.ADMIN})


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("municipality"),
    )
    phone = models.CharField(_("telephone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # The administrator role and Django's admin flags go together, one way only:
        # an administrator may use the admin; nobody else is given it by role.
        if self.role == Role.ADMIN:
            self.is_staff = True
        super().save(*args, **kwargs)

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES or self.is_superuser

    def organisation_ids(self, *roles: str) -> set[int]:
        """Organisations in which this person has an active membership in one of `roles`.

        Remembered on this object (one request's user), since scoping asks it several times.
        """
        cache = self.__dict__.setdefault("_organisation_ids", {})
        if roles not in cache:
            memberships = self.memberships.filter(is_active=True)
            if roles:
                memberships = memberships.filter(role__in=roles)
            cache[roles] = set(memberships.values_list("organisation_id", flat=True))
        return set(cache[roles])
