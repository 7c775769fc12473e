"""People who use Meedoen. Their roles come from where they take part, not from the account."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from meedoen.organisations.models import Membership, MunicipalityMembership, Network
from meedoen.permissions import STAFF_ROLES, Role


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
        no role at all is a citizen. Two queries, remembered on this object (one request's
        user), which also keep the organisations of each membership for scoping."""
        cached = self.__dict__.get("_roles")
        if cached is not None:
            return cached
        roles: set[str] = set()
        if self.pk is not None:
            roles.update(role for role, _organisation in self._memberships())
            # Volunteers and requests belong to apps above this one: read through the
            # relations those apps declare on the account, never by importing them.
            profile = self._meta.get_field("volunteer_profile").related_model
            asked = self._meta.get_field("help_requests").related_model.objects.filter(
                requester_id=OuterRef("pk")
            )
            volunteer, policy_officer, citizen, carer = (
                type(self)
                .objects.filter(pk=self.pk)
                .values_list(
                    Exists(profile.objects.filter(user_id=OuterRef("pk"))),
                    Exists(
                        MunicipalityMembership.objects.filter(
                            user_id=OuterRef("pk"), is_active=True
                        )
                    ),
                    Exists(asked.exclude(source=Role.CARER)),
                    Exists(asked.filter(source=Role.CARER)),
                )
                .get()
            )
            flags = {
                Role.VOLUNTEER: volunteer,
                Role.POLICY_OFFICER: policy_officer,
                Role.CITIZEN: citizen,
                Role.CARER: carer,
                Role.ADMIN: self.is_superuser,
            }
            roles.update(role for role, held in flags.items() if held)
        if not roles:
            roles.add(Role.CITIZEN)
        result = frozenset(str(role) for role in roles)
        self.__dict__["_roles"] = result
        return result

    @property
    def is_staff_role(self) -> bool:
        """Works with other people's files: signs in with two factors."""
        return bool(self.roles & STAFF_ROLES) or self.is_superuser

    def organisation_ids(self, *roles: str) -> set[int]:
        """Organisations in which this person has an active membership in one of `roles`.

        Remembered on this object (one request's user), since scoping asks it several times.
        """
        return {
            organisation for role, organisation in self._memberships() if not roles or role in roles
        }

    def _memberships(self) -> list[tuple[str, int]]:
        """(role, organisation) of each active membership, read once per object."""
        if "_membership_rows" not in self.__dict__:
            self.__dict__["_membership_rows"] = list(
                Membership.objects.filter(user_id=self.pk, is_active=True)
                .order_by()
                .values_list("role", "organisation_id")
            )
        return self.__dict__["_membership_rows"]

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
