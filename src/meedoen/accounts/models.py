"""People who use Meedoen. Their roles come from where they take part, not from the account."""

from __future__ import annotations

from functools import cache

from django.contrib.auth.models import AbstractUser
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.organisations.models import Membership, MunicipalityMembership, Network
from meedoen.permissions import STAFF_ROLES, Role


@cache
def _role_facts_sql() -> str:
    """The roles' facts from the tables of the apps above this one: read through the
    relations those apps declare on the account, never by importing them."""
    quote = connection.ops.quote_name
    fields = User._meta
    profile = fields.get_field("volunteer_profile").related_model._meta
    asked = fields.get_field("help_requests").related_model._meta
    policy = MunicipalityMembership._meta

    def column(meta, name):  # type: ignore[no-untyped-def]
        return quote(meta.get_field(name).column)

    # Only table and column names of the models go into the text, quoted; values are bound.
    requests = f"SELECT 1 FROM {quote(asked.db_table)} WHERE {column(asked, 'requester')} = %s"  # noqa: S608
    return (
        f"SELECT EXISTS (SELECT 1 FROM {quote(profile.db_table)}"  # noqa: S608
        f" WHERE {column(profile, 'user')} = %s),"
        f" EXISTS (SELECT 1 FROM {quote(policy.db_table)}"
        f" WHERE {column(policy, 'user')} = %s AND {column(policy, 'is_active')} = %s"
        f" AND {column(policy, 'role')} = %s),"
        f" EXISTS (SELECT 1 FROM {quote(policy.db_table)}"
        f" WHERE {column(policy, 'user')} = %s AND {column(policy, 'is_active')} = %s"
        f" AND {column(policy, 'role')} = %s),"
        f" EXISTS ({requests} AND {column(asked, 'source')} <> %s),"
        f" EXISTS ({requests} AND {column(asked, 'source')} = %s)"
    )


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
    def is_erased(self) -> bool:
        """Erased on request or by retention (`accounts.rights`): the account stays, as other
        records and the figures refer to it, without anything that names the person."""
        return not self.is_active and self.username == f"erased-{self.pk}"

    def get_full_name(self) -> str:
        if self.is_erased:
            return str(_("erased person"))
        return super().get_full_name()

    @property
    def roles(self) -> frozenset[str]:
        """Every role this person holds, derived from where they take part: memberships of
        organisations (coordinator, professional, manager, guide), appointments in a municipality
        (policy officer, data protection officer), a volunteer profile, and the help requests
        they asked themselves or as an informal carer. Anyone with an account may ask for
        help, so a person with no role at all is a citizen. Two queries, remembered on this
        object (one request's user), which also keep the organisations of each membership for
        scoping."""
        cached = self.__dict__.get("_roles")
        if cached is not None:
            return cached
        roles: set[str] = set()
        if self.pk is not None:
            roles.update(role for role, _organisation, _desk in self._memberships())
            volunteer, policy_officer, privacy_officer, citizen, carer = self._role_facts()
            flags = {
                Role.VOLUNTEER: volunteer,
                Role.POLICY_OFFICER: policy_officer,
                Role.DATA_PROTECTION_OFFICER: privacy_officer,
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

    def _role_facts(self) -> tuple[bool, bool, bool, bool, bool]:
        """Has a volunteer profile, is a policy officer, is a data protection officer, asked
        for help, asked as a carer: one statement, its text composed once per process (the ORM
        would compile five subqueries on every request)."""
        appointed = MunicipalityMembership.Role
        with connection.cursor() as cursor:
            pk = self.pk
            cursor.execute(
                _role_facts_sql(),
                [
                    pk,
                    pk,
                    True,
                    appointed.POLICY_OFFICER,
                    pk,
                    True,
                    appointed.DATA_PROTECTION_OFFICER,
                    pk,
                    Role.CARER,
                    pk,
                    Role.CARER,
                ],
            )
            row = cursor.fetchone()
        return tuple(bool(value) for value in row)  # type: ignore[return-value]

    @property
    def is_staff_role(self) -> bool:
        """Works with other people's files: signs in with two factors. A staff membership
        answers it from the memberships alone, without reading the facts of the other roles."""
        if self.is_superuser:
            return True
        if self.pk is not None and any(role in STAFF_ROLES for role, _o, _d in self._memberships()):
            return True
        return bool(self.roles & STAFF_ROLES)

    def organisation_ids(self, *roles: str) -> set[int]:
        """Organisations in which this person has an active membership in one of `roles`.

        Remembered on this object (one request's user), since scoping asks it several times.
        """
        return {
            organisation
            for role, organisation, _desk in self._memberships()
            if not roles or role in roles
        }

    def _memberships(self) -> list[tuple[str, int, bool]]:
        """(role, organisation, whether it is a central desk) of each active membership, read
        once per object."""
        if "_membership_rows" not in self.__dict__:
            self.__dict__["_membership_rows"] = list(
                Membership.objects.filter(user_id=self.pk, is_active=True)
                .order_by()
                .values_list("role", "organisation_id", "organisation__is_central_desk")
            )
        return self.__dict__["_membership_rows"]

    def coordinated_organisation_ids(self, *, with_network: bool) -> set[int]:
        """Organisations this person coordinates; with the members of the networks whose
        central desk they coordinate when `with_network` (only a central desk leads one)."""
        own = self.organisation_ids(Membership.Role.COORDINATOR)
        desks = {
            organisation
            for role, organisation, desk in self._memberships()
            if desk and role == Membership.Role.COORDINATOR
        }
        if not with_network or not desks:
            return own
        return own | Network.member_ids_of_desks(desks)

    def policy_municipality_ids(self) -> set[int]:
        """Municipalities in which this person is a policy officer."""
        return self._appointed_in(MunicipalityMembership.Role.POLICY_OFFICER)

    def privacy_municipality_ids(self) -> set[int]:
        """Municipalities in which this person is the data protection officer."""
        return self._appointed_in(MunicipalityMembership.Role.DATA_PROTECTION_OFFICER)

    def _appointed_in(self, role: str) -> set[int]:
        return set(
            MunicipalityMembership.objects.filter(
                user_id=self.pk, is_active=True, role=role
            ).values_list("municipality_id", flat=True)
        )


class ApiToken(models.Model):
    """A key to the API, named by its owner. Only a digest of the key is kept: the key itself
    is shown once, when it is made (`accounts.tokens`). It ends when it expires, when it is
    revoked, and when its owner's password changes."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("account")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Invitation(models.Model):
    """An invitation to take a role in an organisation, sent by e-mail as a single-use link.

    Only a digest of the link's token is kept (`accounts.invitations`). It names one
    organisation and one role; accepting it gives exactly that membership. It ends when it is
    accepted, when it expires and when whoever may invite withdraws it."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language of the invitation"), max_length=8, default="nl")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
        verbose_name=_("accepted by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.organisation}"

    def is_open(self, now=None) -> bool:
        return (
            self.accepted_at is None
            and self.withdrawn_at is None
            and self.expires_at > (now or timezone.now())
        )


class ProcessingActivity(models.Model):
    """One entry of the register of processing activities (verwerkingsregister, GDPR article
    30): what Meedoen does with personal data, why, on what legal basis, about whom, which
    data, who receives it, how long it is kept and how it is protected.

    Each text is kept in Dutch and in English side by side (`*_nl`, `*_en`), not as one row
    per language: an entry is one processing, and its two texts are read, edited and exported
    together, so they cannot drift apart or exist in one language only. `text(name)` gives the
    text in the current language."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    purpose_nl = models.TextField(_("purpose (Dutch)"))
    purpose_en = models.TextField(_("purpose (English)"))
    legal_basis_nl = models.TextField(_("legal basis (Dutch)"))
    legal_basis_en = models.TextField(_("legal basis (English)"))
    persons_nl = models.TextField(_("categories of persons (Dutch)"))
    persons_en = models.TextField(_("categories of persons (English)"))
    data_nl = models.TextField(_("categories of personal data (Dutch)"))
    data_en = models.TextField(_("categories of personal data (English)"))
    special_category = models.BooleanField(
        _("special-category data (health)"),
        default=False,
        help_text=_("Whether this processing includes data about health (GDPR article 9)."),
    )
    recipients_nl = models.TextField(_("recipients (Dutch)"))
    recipients_en = models.TextField(_("recipients (English)"))
    retention_nl = models.TextField(_("retention period (Dutch)"))
    retention_en = models.TextField(_("retention period (English)"))
    security_nl = models.TextField(_("security measures (Dutch)"))
    security_en = models.TextField(_("security measures (English)"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    #: The texts kept in both languages, in the order of the register.
    TEXTS = (
        "name",
        "purpose",
        "legal_basis",
        "persons",
        "data",
        "recipients",
        "retention",
        "security",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("processing activity")
        verbose_name_plural = _("register of processing activities")

    def __str__(self) -> str:
        return self.text("name")

    def text(self, name: str, language: str | None = None) -> str:
        """The text `name` in `language` (default: the current one; Dutch unless English)."""
        from django.utils import translation

        language = language or translation.get_language() or "nl"
        suffix = "en" if language.startswith("en") else "nl"
        return str(getattr(self, f"{name}_{suffix}"))
