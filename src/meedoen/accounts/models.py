"""People who use Meedoen. Their roles come from where they take part, not from the account."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedoen.organisations.models import Membership, MunicipalityMembership, Network
from meedoen.permissions import STAFF_ROLES, Role, ordered

__all__ = ["STAFF_ROLES", "Role", "User"]


class User(AbstractUser):
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

    @property
    def roles(self) -> frozenset[str]:
        """Every role this person holds, derived from where they take part: memberships of
        organisations (coordinator, professional, manager), appointments in a municipality
        (policy officer), a volunteer profile, and the help requests they asked themselves
        or as an informal carer. Anyone with an account may ask for help, so a person with
        no role at all is a citizen. Remembered on this object (one request's user)."""
        cached = self.__dict__.get("_roles")
        if cached is not None:
            return cached
        roles: set[str] = set()
        if self.pk is not None:
            roles.update(
                self.memberships.filter(is_active=True).values_list("role", flat=True).distinct()
            )
            if self.municipality_memberships.filter(is_active=True).exists():
                roles.add(Role.POLICY_OFFICER)
            if type(self).objects.filter(pk=self.pk, volunteer_profile__isnull=False).exists():
                roles.add(Role.VOLUNTEER)
            roles.update(
                Role.CARER if source == Role.CARER else Role.CITIZEN
                for source in self.help_requests.values_list("source", flat=True).distinct()
            )
            if self.is_superuser:
                roles.add(Role.ADMIN)
        if not roles:
            roles.add(Role.CITIZEN)
        result = frozenset(str(role) for role in roles)
        self.__dict__["_roles"] = result
        return result

    def forget_roles(self) -> None:
        """After a membership, appointment or profile changed for this object."""
        for key in ("_roles", "_organisation_ids"):
            self.__dict__.pop(key, None)

    @property
    def ordered_roles(self) -> list[str]:
        return ordered(self.roles)

    @property
    def is_staff_role(self) -> bool:
        """Works with other people's files: signs in with two factors."""
        return bool(self.roles & STAFF_ROLES) or self.is_superuser

    def organisation_ids(self, *roles: str) -> set[int]:
        """Organisations in which this person has an active membership in one of `roles`.

        Remembered on this object (one request's user), since scoping asks it several times.
        """
        cache = self.__dict__.setdefault("_organisation_ids", {})
        if roles not in cache:
            memberships = Membership.objects.filter(user_id=self.pk, is_active=True)
            if roles:
                memberships = memberships.filter(role__in=roles)
            cache[roles] = set(memberships.values_list("organisation_id", flat=True))
        return set(cache[roles])

    def coordinated_organisation_ids(self, *, with_network: bool) -> set[int]:
        """Organisations this person coordinates; with the members of the networks whose
        central desk they coordinate when `with_network`."""
        own = self.organisation_ids(Membership.Role.COORDINATOR)
        if not with_network or not own:
            return own
        return own | Network.member_ids_of_desks(own)

    def policy_municipality_ids(self) -> set[int]:
        """Municipalities in which this person is a policy officer."""
        return set(
            MunicipalityMembership.objects.filter(user_id=self.pk, is_active=True).values_list(
                "municipality_id", flat=True
            )
        )
