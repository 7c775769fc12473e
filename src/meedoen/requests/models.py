"""Help requests from citizens, informal carers and referring professionals."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from meedoen import availability
from meedoen.catalogue.models import SELF_RELIANCE_CHOICES
from meedoen.i18n import in_language, language_field, language_names, sentence_html
from meedoen.permissions import Role, scope
from meedoen.requests import referrals, workflow

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud safely


def new_reference() -> str:
    return "MD-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def in_words(activities, *, everyday: bool = False) -> str:
    """Activities as words in a sentence ("wandelen en uitstapjes, boodschappen"), for titles
    that name a request or an assignment by what it is about instead of by its code;
    `everyday` takes the words a citizen would use where the catalogue has them."""
    english = (get_language() or "nl").startswith("en")
    names = [
        (a.plain_en if english else a.plain_nl) or a.name if everyday else a.name
        for a in activities
    ]
    return ", ".join(n[:1].lower() + n[1:] for n in names if n)


class HelpRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scope(
            self,
            user,
            own={
                Role.CITIZEN: lambda u: Q(requester=u),
                Role.CARER: lambda u: Q(requester=u),
                Role.PROFESSIONAL: lambda u: Q(referred_by=u) | Q(responsible_professional=u),
            },
            organisations=lambda ids: Q(organisation_id__in=ids),
        )

    def handled_by(self, user):
        """The requests this person handles as coordinator (of the organisation, or of the
        central desk of its network): the intake side, without what they asked or referred."""
        return scope(self, user, organisations=lambda ids: Q(organisation_id__in=ids))


class HelpRequest(models.Model):
    class Source(models.TextChoices):
        CITIZEN = "citizen", _("the person themselves")
        CARER = "carer", _("an informal carer")
        PROFESSIONAL = "professional", _("a referring professional")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        IN_INTAKE = "in_intake", _("in intake")
        ROUTED = "routed", _("routed to a member organisation")
        RETURNED = "returned", _("returned to the desk")
        READY = "ready", _("ready for matching")
        MATCHED = "matched", _("matched")
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")
        REFERRED = "referred", _("referred to a professional")
        WITHDRAWN = "withdrawn", _("withdrawn")
        DECLINED = "declined", _("declined")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("normal")
        HIGH = "high", _("urgent")

    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("municipality"),
    )
    area = models.ForeignKey(
        "organisations.Area",
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("area"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("handling organisation"),
    )
    source = models.CharField(_("asked by"), max_length=20, choices=Source.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("requester account"),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("referred by"),
    )
    responsible_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for",
        verbose_name=_("responsible professional"),
    )
    first_name = models.CharField(_("first name of the person helped"), max_length=60)
    contact_phone = models.CharField(_("telephone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    activities = models.ManyToManyField(
        "catalogue.Activity", related_name="help_requests", verbose_name=_("activities")
    )
    description = models.TextField(
        _("what help is wanted"),
        blank=True,
        help_text=_("In the requester's words. Never a diagnosis."),
    )
    self_reliance = models.PositiveSmallIntegerField(
        _("self-reliance"),
        choices=SELF_RELIANCE_CHOICES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    availability = models.PositiveIntegerField(
        _("preferred times"), default=0, validators=[MaxValueValidator(availability.ALL)]
    )
    languages = models.CharField(_("languages"), max_length=100, default="nl")
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    requester_name = models.CharField(
        _("name of the person asking"),
        max_length=120,
        blank=True,
        help_text=_("When someone asks for another person: the name of the one asking."),
    )
    referring_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_requests",
        verbose_name=_("referring organisation"),
    )
    professional_care = models.TextField(
        _("care the professional already provides"),
        blank=True,
        help_text=_("What is already arranged, in a few words. Never a diagnosis."),
    )
    referral_consent = models.BooleanField(_("the client agrees to the referral"), default=False)
    performance_field = models.ForeignKey(
        "catalogue.PerformanceField",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("Wmo performance field"),
    )
    access_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    language = models.CharField(
        _("language for messages"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )
    consent_given_at = models.DateTimeField(_("consent to store given at"), null=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    received_at = models.DateTimeField(
        _("came in on"),
        default=timezone.now,
        db_index=True,
        help_text=_(
            "When the request came in: by phone, on paper or in an earlier system it can be "
            "before it was entered here."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="request_queue_idx"),
            # The figures count a municipality's requests of a period per area, month, channel
            # and outcome, and filter them by organisation and Wmo field: all from this index.
            models.Index(
                fields=[
                    "municipality",
                    "received_at",
                    "area",
                    "organisation",
                    "status",
                    "source",
                    "performance_field",
                ],
                name="request_figures_idx",
            ),
        ]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")

    def __str__(self) -> str:
        return self.reference

    def _about(self, *, everyday: bool = False, html: bool = False) -> str:
        words = in_words(self.activities.all(), everyday=everyday)
        if words:
            return words
        start = Truncator(self.description).words(6)
        # As HTML, the quoted start of the description carries its own language.
        return in_language(start, self.language) if html else start

    @property
    def about(self) -> str:
        """What the request is about in a few words: its activities, else the start of its
        description (empty when it has neither)."""
        return self._about()

    @property
    def about_html(self) -> str:
        """`about` inside a sentence of a page: a quoted description marked with its language."""
        return self._about(html=True)

    @property
    def about_in_everyday_words(self) -> str:
        return self._about(everyday=True)

    def _title(self, *, html: bool = False) -> str:
        about = self._about(html=html)
        values = {"name": self.first_name, "about": about}
        sentence = (
            gettext("Help request of %(name)s, %(about)s")
            if about
            else gettext("Help request of %(name)s")
        )
        return sentence_html(sentence, values) if html else sentence % values

    @property
    def title(self) -> str:
        """The request named in words for page titles and headings ("Help request of Wilma,
        walks and outings"), never by its reference code."""
        return self._title()

    @property
    def title_html(self) -> str:
        """`title` for a heading: a quoted description in another language than the page's
        is marked with its `lang` (the `<title>` element cannot, it keeps `title`)."""
        return self._title(html=True)

    def _own_title(self, *, html: bool = False) -> str:
        about = self._about(everyday=True, html=html)
        if not about:
            return gettext("Your question")
        sentence, values = gettext("Your question: %(about)s"), {"about": about}
        return sentence_html(sentence, values) if html else sentence % values

    @property
    def own_title(self) -> str:
        """The same for the person who asked, in their words: "Your question: going for a walk
        together"."""
        return self._own_title()

    @property
    def own_title_html(self) -> str:
        return self._own_title(html=True)

    @property
    def language_names(self) -> str:
        """The languages by name, for people ("Nederlands, Arabisch"), never the codes."""
        return language_names(self.languages)

    @property
    def is_open(self) -> bool:
        return self.status not in workflow.FINAL

    @property
    def plain_status(self) -> str:
        return str(workflow.PLAIN_STATUS[self.status])


class RequestTransition(models.Model):
    """One step in a request's life: who took it, when and why."""

    help_request = models.ForeignKey(
        HelpRequest,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("help request"),
    )
    name = models.CharField(_("step"), max_length=30)
    from_status = models.CharField(
        _("from"), max_length=20, choices=HelpRequest.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=HelpRequest.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_role = models.CharField(_("as"), max_length=20)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        # A request's steps of one kind with their moment in the index itself: the figures
        # find routed requests and first matches without reading the table.
        indexes = [
            models.Index(fields=["help_request", "name", "created_at"], name="transition_step_idx")
        ]
        verbose_name = _("step of a help request")
        verbose_name_plural = _("steps of help requests")

    def __str__(self) -> str:
        return f"{self.help_request} {self.from_status} → {self.to_status}"


class RequestNote(models.Model):
    """Information added by the person who asked, or a coordinator's note of contact."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="notes", verbose_name=_("help request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_requester = models.BooleanField(_("from the person who asked"), default=False)
    text = models.TextField(_("text"), max_length=2000)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"{self.help_request}: {self.text[:40]}"


class ProfessionalReferralQuerySet(models.QuerySet):
    def received_by(self, user):
        """The referrals the organisations of this person (as coordinator or professional)
        received: their inbox."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(organisation_id__in=user.organisation_ids("coordinator", "professional"))

    #: The API reads every resource through `visible_to`: for a referral, the inbox.
    visible_to = received_by


class ProfessionalReferral(models.Model):
    """The part of a request that is formal care, split off and referred to professionals."""

    class Status(models.TextChoices):
        WAITING = referrals.WAITING, referrals.STATUSES[referrals.WAITING]
        ACCEPTED = referrals.ACCEPTED, referrals.STATUSES[referrals.ACCEPTED]
        RETURNED = referrals.RETURNED, referrals.STATUSES[referrals.RETURNED]

    help_request = models.ForeignKey(
        HelpRequest,
        on_delete=models.CASCADE,
        related_name="professional_referrals",
        verbose_name=_("help request"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="incoming_referrals",
        verbose_name=_("professional organisation"),
    )
    activities = models.ManyToManyField(
        "catalogue.Activity", related_name="+", verbose_name=_("activities")
    )
    note = models.TextField(_("note for the professional"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    status = models.CharField(
        _("answer"),
        max_length=20,
        choices=Status.choices,
        default=Status.WAITING,
        db_index=True,
    )
    responsible_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_referrals",
        verbose_name=_("responsible professional"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_reason = models.TextField(_("reason for returning"), blank=True)
    #: The sender's note in the language they wrote it in; the reason in the receiver's.
    language = language_field()
    answer_language = language_field(_("language of the answer"))
    overdue_flagged_at = models.DateTimeField(
        _("reported as not answered at"), null=True, blank=True
    )

    objects = ProfessionalReferralQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("referral to a professional")
        verbose_name_plural = _("referrals to professionals")

    def __str__(self) -> str:
        return f"{self.help_request} → {self.organisation}"

    @property
    def is_waiting(self) -> bool:
        return self.status == referrals.WAITING

    @property
    def plain_status(self) -> str:
        return str(referrals.PLAIN[self.status]) % {"organisation": self.organisation}
