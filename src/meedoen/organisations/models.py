"""Municipalities, their areas, organisations, networks, memberships and boundary policies."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedoen.catalogue import policy
from meedoen.catalogue.models import CARE_LEVEL_CHOICES
from meedoen.organisations import weights
from meedoen.permissions import is_admin


class PublicQuerySet(models.QuerySet):
    """Directory data that every signed-in user may read."""

    def visible_to(self, user):
        return self.all()


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.CharField(
        _("municipality code"), max_length=6, unique=True, help_text=_("CBS code, e.g. GM0363.")
    )
    retention_days = models.PositiveIntegerField(
        _("retention period (days)"),
        default=365,
        help_text=_("How long closed or withdrawn requests are kept before anonymisation."),
    )
    inactive_months = models.PositiveSmallIntegerField(
        _("erase inactive people after (months)"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A volunteer without open work or a person without open requests who has done "
            "nothing in Meedoen for this long is erased."
        ),
    )

    widest_volunteer_care_level = models.PositiveSmallIntegerField(
        _("widest care level its organisations may open to trained volunteers"),
        choices=[c for c in CARE_LEVEL_CHOICES if c[0] <= policy.WIDEST_VOLUNTEER_LEVEL],
        default=int(policy.WIDEST_VOLUNTEER_LEVEL),
        help_text=_(
            "The municipality's limit on its organisations' boundary policies. Lowering it "
            "lowers every organisation that went further."
        ),
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    widest_volunteer_care_level__gte=int(policy.BASE_VOLUNTEER_LEVEL)
                )
                & models.Q(widest_volunteer_care_level__lte=int(policy.WIDEST_VOLUNTEER_LEVEL)),
                name="municipality_policy_within_limits",
            ),
        ]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")
        VILLAGE = "village", _("village")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="areas", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    latitude = models.DecimalField(
        _("latitude of centre"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude of centre"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    postcodes = models.CharField(
        _("postcode areas"),
        max_length=300,
        blank=True,
        help_text=_("Four-digit postcodes in this area, separated by commas."),
    )
    population = models.PositiveIntegerField(
        _("inhabitants"),
        null=True,
        blank=True,
        help_text=_("Number of inhabitants, for figures per 1,000 inhabitants."),
    )
    population_year = models.PositiveSmallIntegerField(
        _("inhabitants counted in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year the number of inhabitants is from."),
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="area_unique_name")
        ]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"

    def distance_km(self, other: Area) -> float:
        """Great-circle distance between the centres of two areas."""
        lat1, lon1, lat2, lon2 = map(
            math.radians,
            (
                float(self.latitude),
                float(self.longitude),
                float(other.latitude),
                float(other.longitude),
            ),
        )
        a = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return 6371.0 * 2 * math.asin(math.sqrt(a))


class OrganisationQuerySet(PublicQuerySet):
    """The kinds of organisation the rules of the network speak of, defined once."""

    def volunteer_led(self):
        """Volunteers do the primary work (types 1 and 2): where requests go to be matched."""
        return self.filter(
            type__in=[Organisation.Type.VOLUNTEERS_ONLY, Organisation.Type.VOLUNTEERS_SUPPORTED]
        )

    def taking_referrals(self):
        """Where a professional may refer a client for volunteer support (types 1 to 3)."""
        return self.filter(
            type__in=[
                Organisation.Type.VOLUNTEERS_ONLY,
                Organisation.Type.VOLUNTEERS_SUPPORTED,
                Organisation.Type.PROFESSIONALS_SUPPORTED,
            ]
        )

    def professional(self):
        """Professionals do the primary work (types 3 and 4): where formal care is referred
        and handed over to."""
        return self.filter(type__in=Organisation.PROFESSIONAL_TYPES)


class Organisation(models.Model):
    class Type(models.IntegerChoices):
        VOLUNTEERS_ONLY = 1, _("volunteers only")
        VOLUNTEERS_SUPPORTED = 2, _("volunteers, supported by professionals")
        PROFESSIONALS_SUPPORTED = 3, _("professionals, supported by volunteers")
        PROFESSIONALS_ONLY = 4, _("professionals only")

    class Sector(models.TextChoices):
        VOLUNTEER_CENTRE = "volunteer_centre", _("volunteer centre")
        CARER_SUPPORT = "carer_support", _("carer support point")
        BUDDY_NETWORK = "buddy_network", _("buddy network")
        VILLAGE_COOPERATIVE = "village_cooperative", _("village care cooperative")
        CLIENT_RUN = "client_run", _("client-run organisation")
        WELFARE = "welfare", _("welfare and social work")
        HOME_CARE = "home_care", _("home care")
        NURSING_HOME = "nursing_home", _("nursing home")
        MENTAL_HEALTH = "mental_health", _("mental health care")
        GENERAL_PRACTICE = "general_practice", _("general practice")
        HOUSING = "housing", _("housing corporation")
        PUBLIC_HEALTH = "public_health", _("public health service (GGD)")
        CENTRAL_DESK = "central_desk", _("central desk")
        TERMINAL_CARE = "terminal_care", _("palliative terminal care (VPTZ)")
        VISITING_SERVICE = "visiting_service", _("visiting service")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=160)
    type = models.PositiveSmallIntegerField(
        _("organisation type"),
        choices=Type.choices,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    areas = models.ManyToManyField(
        Area, blank=True, related_name="organisations", verbose_name=_("areas served")
    )
    is_central_desk = models.BooleanField(
        _("central desk"),
        default=False,
        help_text=_("Routes requests to the member organisations of its network."),
    )
    volunteer_care_level = models.PositiveSmallIntegerField(
        _("highest care level for trained volunteers"),
        choices=[c for c in CARE_LEVEL_CHOICES if c[0] <= policy.WIDEST_VOLUNTEER_LEVEL],
        default=int(policy.BASE_VOLUNTEER_LEVEL),
        help_text=_(
            "The boundary policy. Default: welfare and support only (welfare yes, formal care "
            "no). It may be widened up to personal care, for trained volunteers only; nursing, "
            "reserved acts and treatment are never open to volunteers."
        ),
    )
    vog_required = models.BooleanField(
        _("certificate of conduct (VOG) required"),
        default=True,
        help_text=_("Volunteers need a VOG before they work with vulnerable people."),
    )
    vog_renewal_years = models.PositiveSmallIntegerField(
        _("renew the VOG after (years)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    motive_review_months = models.PositiveSmallIntegerField(
        _("ask volunteers again after (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Motives shift over time: volunteers confirm or update their motives, "
            "availability and hours this often."
        ),
    )
    matching_weights = models.JSONField(
        _("matching weights"),
        default=dict,
        blank=True,
        help_text=_(
            "Leave empty for the defaults. Keys: activity, skill, motive, distance, continuity, "
            "waiting, urgency, load; values from 0 to 100."
        ),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    check_in_after_weeks = models.PositiveSmallIntegerField(
        _("first check-in after (weeks)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_("The first check-in with the volunteer and the person helped."),
    )
    check_in_every_weeks = models.PositiveSmallIntegerField(
        _("then check in every (weeks)"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    quiet_after_days = models.PositiveSmallIntegerField(
        _("warn when no hours are logged for (days)"),
        default=21,
        validators=[MinValueValidator(3), MaxValueValidator(180)],
    )
    concern_answer_hours = models.PositiveSmallIntegerField(
        _("acknowledge a concern within (hours)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(336)],
    )
    urgent_concern_answer_hours = models.PositiveSmallIntegerField(
        _("acknowledge an urgent concern within (hours)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(72)],
    )
    allowance_per_hour = models.DecimalField(
        _("volunteer allowance per hour (EUR)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("0 when the organisation pays no allowance; costs are paid back apart."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="organisation_unique"),
            models.CheckConstraint(
                condition=models.Q(volunteer_care_level__gte=int(policy.BASE_VOLUNTEER_LEVEL))
                & models.Q(volunteer_care_level__lte=int(policy.WIDEST_VOLUNTEER_LEVEL)),
                name="organisation_policy_within_limits",
            ),
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    #: Professionals do the primary work (types 3 and 4).
    PROFESSIONAL_TYPES = (Type.PROFESSIONALS_SUPPORTED, Type.PROFESSIONALS_ONLY)

    def __str__(self) -> str:
        return self.name

    @property
    def is_professional(self) -> bool:
        return self.type in self.PROFESSIONAL_TYPES

    def clean(self) -> None:
        if (
            self.municipality_id
            and self.volunteer_care_level > self.municipality.widest_volunteer_care_level
        ):
            raise ValidationError(
                {
                    "volunteer_care_level": _(
                        "%(municipality)s allows its organisations to go no further than %(level)s."
                    )
                    % {
                        "municipality": self.municipality.name,
                        "level": self.municipality.get_widest_volunteer_care_level_display(),
                    }
                }
            )
        if not weights.valid(self.matching_weights or {}):
            raise ValidationError(
                {
                    "matching_weights": _(
                        "Use only the keys activity, skill, motive, distance, continuity, waiting, "
                        "urgency and load, each with a number from 0 to 100."
                    )
                }
            )

    @property
    def boundary_policy(self) -> policy.Policy:
        return policy.Policy(trained_volunteer_level=policy.CareLevel(self.volunteer_care_level))


class Network(models.Model):
    """A central desk and the member organisations it routes requests to."""

    name = models.CharField(_("name"), max_length=160)
    desk = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="desk_network",
        limit_choices_to={"is_central_desk": True},
        verbose_name=_("central desk"),
    )
    members = models.ManyToManyField(
        Organisation, related_name="networks", blank=True, verbose_name=_("member organisations")
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.desk_id and not self.desk.is_central_desk:
            raise ValidationError({"desk": _("Only a central desk can lead a network.")})

    @staticmethod
    def member_ids_of_desks(desk_ids) -> set[int]:
        """The member organisations of the networks these central desks lead."""
        return set(
            Network.members.through.objects.filter(network__desk_id__in=desk_ids).values_list(
                "organisation_id", flat=True
            )
        )

    @staticmethod
    def desk_ids_for(organisation) -> set[int]:
        """The central desks whose network holds this organisation (or the desk itself)."""
        if organisation is None:
            return set()
        ids = set(Network.objects.filter(members=organisation).values_list("desk_id", flat=True))
        if organisation.is_central_desk:
            ids.add(organisation.pk)
        return ids

    @staticmethod
    def served_ids(organisation) -> frozenset[int]:
        """The organisation, and for a central desk the members of its network: whose
        volunteers it may match."""
        if organisation is None:
            return frozenset()
        ids = {organisation.pk}
        if organisation.is_central_desk:
            ids |= Network.member_ids_of_desks([organisation.pk])
        return frozenset(ids)


class Membership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        PROFESSIONAL = "professional", _("professional")
        MANAGER = "manager", _("manager")
        GUIDE = "guide", _("guide")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique"
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class MunicipalityMembership(models.Model):
    """A person's place in a municipality: a policy officer sees its figures (aggregates only);
    its data protection officer sees the audit of its records (who did what with whose file),
    never the files themselves."""

    class Role(models.TextChoices):
        POLICY_OFFICER = "policy_officer", _("policy officer")
        DATA_PROTECTION_OFFICER = "data_protection_officer", _("data protection officer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="municipality_memberships",
        verbose_name=_("person"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    role = models.CharField(
        _("role"), max_length=30, choices=Role.choices, default=Role.POLICY_OFFICER
    )
    is_active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["municipality__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="municipality_membership_unique"
            )
        ]
        verbose_name = _("municipal role")
        verbose_name_plural = _("municipal roles")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.municipality}"


class SubstitutionSignal(models.Model):
    """An attempt to have volunteers do what the boundary policy keeps for professionals.

    Counted on the substitution monitor: a request that had to be split, a vacancy that was
    refused, a task division that would have given volunteers formal care.
    """

    class Kind(models.TextChoices):
        REQUEST_SPLIT = "request_split", _("request split: formal care referred to professionals")
        REQUEST_REFERRED = "request_referred", _("request referred entirely to professionals")
        VACANCY_REFUSED = "vacancy_refused", _("vacancy asked volunteers for formal care")
        TASK_DIVISION_REFUSED = (
            "task_division_refused",
            _("task division gave volunteers formal care"),
        )

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="substitution_signals",
        verbose_name=_("organisation"),
    )
    activity = models.ForeignKey(
        "catalogue.Activity",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("activity"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("substitution signal")
        verbose_name_plural = _("substitution signals")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.activity} ({self.organisation})"


class TaskDivisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An organisation's own coordinators and managers, and the policy officers of its
        municipality (the register describes work, not people)."""
        if user is None or not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(
            models.Q(
                organisation_id__in=user.organisation_ids(
                    Membership.Role.COORDINATOR, Membership.Role.MANAGER
                )
            )
            | models.Q(organisation__municipality_id__in=user.policy_municipality_ids())
        )

    def current(self):
        """The entry in force per organisation and activity: the latest one recorded."""
        latest = self.model.objects.filter(
            organisation=models.OuterRef("organisation"), activity=models.OuterRef("activity")
        ).order_by("-since", "-recorded_at", "-pk")
        return self.filter(pk=models.Subquery(latest.values("pk")[:1]))


class TaskDivision(models.Model):
    """Who does an activity in an organisation: professionals, volunteers or both, since when
    and why. Every change is a new entry; the entries of one activity are its history."""

    class DoneBy(models.TextChoices):
        PROFESSIONALS = "professionals", _("professionals")
        BOTH = "both", _("professionals and volunteers")
        VOLUNTEERS = "volunteers", _("volunteers")

    class Shift(models.TextChoices):
        NONE = "", _("first entry")
        TO_VOLUNTEERS = "to_volunteers", _("moved towards volunteers")
        TO_PROFESSIONALS = "to_professionals", _("moved towards professionals")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="task_divisions",
        verbose_name=_("organisation"),
    )
    activity = models.ForeignKey(
        "catalogue.Activity",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("activity"),
    )
    done_by = models.CharField(_("done by"), max_length=20, choices=DoneBy.choices)
    previous = models.CharField(
        _("done by before"), max_length=20, choices=DoneBy.choices, blank=True
    )
    shift = models.CharField(
        _("change"), max_length=20, choices=Shift.choices, blank=True, db_index=True
    )
    since = models.DateField(_("since"))
    reason = models.CharField(_("why"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = TaskDivisionQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "activity", "-since", "-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "activity", "since"], name="task_division_idx")
        ]
        verbose_name = _("task division")
        verbose_name_plural = _("task divisions")

    #: How much of an activity volunteers do, to tell the direction of a change.
    VOLUNTEER_SHARE = {DoneBy.PROFESSIONALS: 0, DoneBy.BOTH: 1, DoneBy.VOLUNTEERS: 2}

    def __str__(self) -> str:
        return f"{self.organisation}: {self.activity} – {self.get_done_by_display()}"


class ContactPoint(models.Model):
    """The person volunteers can turn to at an organisation that employs professionals
    (report 5.4: large institutions are hard to reach for volunteers; name a contact point).
    Volunteers see only what they need: the first name, the role and how to reach them."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contact_point",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=120)
    reach = models.CharField(_("how to reach them"), max_length=300)
    named_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact point for volunteers")
        verbose_name_plural = _("contact points for volunteers")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.role}"

    @property
    def first_name(self) -> str:
        return self.person.first_name or str(_("your contact"))

    @staticmethod
    def for_volunteer(user, professionals=()) -> list[ContactPoint]:
        """The contact points a volunteer needs: of the organisations where they volunteer, and
        of the organisations of `professionals` (the professionals responsible for the clients
        they help)."""
        if user is None or not user.is_authenticated:
            return []
        return list(
            ContactPoint.objects.filter(
                models.Q(
                    organisation__enrolments__profile__user=user,
                    organisation__enrolments__status="active",
                )
                | models.Q(
                    organisation__memberships__user__in=professionals,
                    organisation__memberships__role=Membership.Role.PROFESSIONAL,
                    organisation__memberships__is_active=True,
                )
            )
            .select_related("organisation", "person")
            .distinct()
            .order_by("organisation__name")
        )
