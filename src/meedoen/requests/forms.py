from __future__ import annotations

import re
from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen import availability
from meedoen.accounts.models import User
from meedoen.catalogue.forms import NamedMultipleChoiceField, PlainActivityField
from meedoen.catalogue.models import SELF_RELIANCE_CHOICES, Activity, PerformanceField
from meedoen.forms import SLOT_CHOICES, AccessibleFormMixin, AvailabilityGrid
from meedoen.organisations.models import Area, Membership, Organisation
from meedoen.requests import services, workflow
from meedoen.requests.models import HelpRequest

POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def area_field(required=False):
    return forms.ModelChoiceField(
        queryset=Area.objects.all(),
        required=required,
        label=_("Neighbourhood or village"),
        empty_label=_("— choose —"),
    )


DAY_CHOICES = [(day, label) for day, label in availability.DAY_LABELS.items()]
PART_CHOICES = [(part, label) for part, label in availability.PART_LABELS.items()]


class WhereWhenMixin(forms.Form):
    """Where (postcode or area) and when (days and parts of the day)."""

    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        help_text=_("For example 5611 AB. Or choose the neighbourhood or village below."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    area = area_field()
    days = forms.MultipleChoiceField(
        label=_("Which days suit you?"),
        choices=DAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose nothing if any day is fine."),
    )
    parts = forms.MultipleChoiceField(
        label=_("Which part of the day?"),
        choices=PART_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose nothing if any time is fine."),
    )

    def clean(self):
        cleaned = super().clean()
        area = cleaned.get("area")
        postcode = cleaned.get("postcode") or ""
        if postcode and not area:
            match = POSTCODE.match(postcode)
            if not match:
                self.add_error("postcode", _("Enter a postcode like 5611 AB."))
            else:
                digits = match.group(1)
                area = next(
                    (
                        a
                        for a in Area.objects.all()
                        if digits in [p.strip() for p in a.postcodes.split(",")]
                    ),
                    None,
                )
                if area is None:
                    self.add_error(
                        "postcode",
                        _("We do not know this postcode. Choose your neighbourhood or village."),
                    )
        if not area and not self.errors.get("postcode"):
            self.add_error(
                "area", _("Enter your postcode or choose your neighbourhood or village.")
            )
        cleaned["area"] = area
        days = cleaned.get("days") or list(availability.DAYS)
        parts = cleaned.get("parts") or list(availability.PARTS)
        cleaned["availability"] = availability.to_mask([f"{d}-{p}" for d in days for p in parts])
        return cleaned


class PublicRequestForm(AccessibleFormMixin, WhereWhenMixin):
    """Asking for help: plain words, only what is needed."""

    # "Choose an activity or describe it" and "a telephone number or an e-mail address" are
    # about both fields: both are marked and described by the one message.
    shared_errors = {"activities": ("description",), "contact_phone": ("contact_email",)}

    field_order = [
        "for_whom",
        "activities",
        "description",
        "first_name",
        "requester_name",
        "postcode",
        "area",
        "days",
        "parts",
        "contact_phone",
        "contact_email",
        "consent",
        "website",
    ]

    for_whom = forms.ChoiceField(
        label=_("Who is the help for?"),
        choices=[("citizen", _("For myself")), ("carer", _("For someone I care for"))],
        widget=forms.RadioSelect,
        initial="citizen",
    )
    activities = PlainActivityField(
        queryset=Activity.objects.none(),
        required=False,
        label=_("What would you like help with?"),
        help_text=_("Choose one or more."),
    )
    description = forms.CharField(
        label=_("Tell us in your own words what you need"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Please do not write medical details. We will ask what we need to know."),
    )
    first_name = forms.CharField(
        label=_("First name of the person who needs help"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    requester_name = forms.CharField(
        label=_("Your name, if you ask for someone else"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_phone = forms.CharField(
        label=_("Telephone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Give a telephone number, an e-mail address, or both."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that Meedoen keeps these details to find help for this question. "
            "They are deleted when the question has ended."
        ),
    )
    # A field people never see or fill in; automated senders do.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, activities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = (
            activities if activities is not None else (Activity.objects.none())
        )
        self.fields["website"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off", "class": "meedoen-honeypot"}
        )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("activities") and not (cleaned.get("description") or "").strip():
            self.add_error(
                "activities",
                _("Choose what you would like help with, or tell us in your own words."),
            )
        if not cleaned.get("contact_phone") and not cleaned.get("contact_email"):
            self.add_error(
                "contact_phone",
                _("Give a telephone number or an e-mail address, so that we can reach you."),
            )
        return cleaned

    def request_data(self) -> dict:
        c = self.cleaned_data
        return {
            "area": c["area"],
            "source": c["for_whom"],
            "first_name": c["first_name"],
            "requester_name": c["requester_name"],
            "description": c["description"],
            "contact_phone": c["contact_phone"],
            "contact_email": c["contact_email"],
            "availability": c["availability"],
        }


class ReferralForm(AccessibleFormMixin, WhereWhenMixin):
    """A professional refers a client to volunteer support."""

    field_order = [
        "organisation",
        "activities",
        "description",
        "first_name",
        "postcode",
        "area",
        "days",
        "parts",
        "contact_phone",
        "contact_email",
        "self_reliance",
        "professional_care",
        "takes_responsibility",
        "referral_consent",
    ]

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Refer to"),
        empty_label=None,
        help_text=_("The central desk finds the right organisation if you are not sure."),
    )
    activities = NamedMultipleChoiceField(
        queryset=Activity.objects.none(),
        label=_("Support wanted"),
    )
    description = forms.CharField(
        label=_("What is wanted, in a few words"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Never a diagnosis."),
    )
    first_name = forms.CharField(label=_("First name of the client"), max_length=60)
    contact_phone = forms.CharField(
        label=_("Telephone number of the client"), max_length=30, required=False
    )
    contact_email = forms.EmailField(label=_("E-mail address of the client"), required=False)
    self_reliance = forms.TypedChoiceField(
        label=_("Self-reliance"),
        choices=SELF_RELIANCE_CHOICES,
        coerce=int,
        help_text=_(
            "At 1 or 2 a professional must hold responsibility before a volunteer is matched."
        ),
    )
    professional_care = forms.CharField(
        label=_("Care you or others already provide"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    takes_responsibility = forms.BooleanField(
        label=_("I am the responsible professional (regiehouder) for this client"),
        required=False,
    )
    referral_consent = forms.BooleanField(label=_("The client agrees to this referral"))

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = (
            Organisation.objects.taking_referrals()
            .filter(municipality=municipality)
            .order_by("-is_central_desk", "name")
        )
        self.fields["organisation"].queryset = organisations
        self.fields["activities"].queryset = Activity.objects.filter(is_active=True)
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality)

    def request_data(self) -> dict:
        c = self.cleaned_data
        return {
            "area": c["area"],
            "first_name": c["first_name"],
            "description": c["description"],
            "contact_phone": c["contact_phone"],
            "contact_email": c["contact_email"],
            "availability": c["availability"],
            "self_reliance": c["self_reliance"],
            "professional_care": c["professional_care"],
            "referral_consent": c["referral_consent"],
        }


class IntakeForm(AccessibleFormMixin, forms.ModelForm):
    field_order = ["received_on"]

    received_on = forms.DateField(
        label=_("Came in on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "The day the request came in, for example by telephone or on paper. Not in the future."
        ),
    )
    activities = NamedMultipleChoiceField(
        queryset=Activity.objects.filter(is_active=True),
        label=_("Activities"),
        required=False,
    )
    performance_field = NamedChoiceField(
        queryset=PerformanceField.objects.filter(is_active=True),
        required=False,
        label=_("Wmo performance field"),
        empty_label=_("— choose —"),
    )
    slots = forms.MultipleChoiceField(
        label=_("Preferred times"),
        choices=SLOT_CHOICES,
        required=False,
        widget=AvailabilityGrid,
    )
    responsible_professional = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Responsible professional"),
        empty_label=_("— none —"),
    )

    class Meta:
        model = HelpRequest
        fields = [
            "activities",
            "performance_field",
            "self_reliance",
            "urgency",
            "slots",
            "languages",
            "responsible_professional",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_professional"].queryset = (
            User.objects.filter(
                is_active=True,
                memberships__role=Membership.Role.PROFESSIONAL,
                memberships__is_active=True,
                memberships__organisation__municipality=self.instance.municipality,
            )
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.initial["slots"] = availability.to_slots(self.instance.availability)
        if self.instance.received_at:
            self.initial["received_on"] = timezone.localdate(self.instance.received_at)

    def clean_received_on(self):
        day = self.cleaned_data.get("received_on")
        if day is not None:
            problem = workflow.received_on_problem(day, timezone.localdate())
            if problem:
                raise forms.ValidationError(problem)
        return day

    def received_at(self):
        """The moment the request came in: unchanged when its day is, else that day's start."""
        day = self.cleaned_data.get("received_on")
        current = self.instance.received_at
        if day is None or (current and timezone.localdate(current) == day):
            return current
        return timezone.make_aware(datetime.combine(day, time.min))

    def intake_fields(self) -> dict:
        c = self.cleaned_data
        return {
            "received_at": self.received_at(),
            "performance_field": c["performance_field"],
            "self_reliance": c["self_reliance"],
            "urgency": c["urgency"],
            "availability": availability.to_mask(c["slots"]),
            "languages": c["languages"],
            "responsible_professional": c["responsible_professional"],
        }


class ResponsibleField(forms.ModelChoiceField):
    """Who takes responsibility for what an organisation accepts: one of its colleagues, by
    name (the queryset is set per organisation)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", User.objects.none())
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class StepForm(AccessibleFormMixin, forms.Form):
    """One step on a request. Each step is its own small form on the page, so its reason
    field is named after the step (`reason-withdraw`); a step refused for want of a reason
    points to that field."""

    step = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = ResponsibleField(
        required=False,
        label=_("Responsible professional (optional)"),
        empty_label=_("Nobody yet"),
        help_text=_("When you accept: the professional of your organisation who takes it on."),
    )
    non_field_error_fields = ("reason",)

    def __init__(self, *args, professionals=None, **kwargs):
        """`professionals`: whom accepting may name as responsible (none: not asked)."""
        super().__init__(*args, **kwargs)
        if professionals is None:
            del self.fields["responsible"]
        else:
            self.fields["responsible"].queryset = professionals
        step = str(self.data.get("step", "")) if self.is_bound else ""
        if re.fullmatch(r"[a-z_]+", step):
            self.auto_id = "%s-" + step
        transition = workflow.TRANSITIONS.get(step)
        if transition is None or not transition.reason_required:
            self.non_field_error_fields = ()


class RouteForm(AccessibleFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Member organisation"),
        empty_label=_("— choose —"),
    )
    reason = forms.CharField(
        label=_("Note for the member organisation"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            members if members is not None else (Organisation.objects.none())
        )


class SplitForm(AccessibleFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Professional organisation"),
        empty_label=_("— choose —"),
    )
    note = forms.CharField(
        label=_("Note for the professional"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.professional().filter(municipality=municipality).order_by("name")
        )


class NoteForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label=_("What would you like to add?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QueueFilterForm(AccessibleFormMixin, forms.Form):
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(), required=False, label=_("Area"), empty_label=_("All areas")
    )
    source = forms.ChoiceField(
        required=False,
        label=_("Asked by"),
        choices=[("", _("Everyone")), *HelpRequest.Source.choices],
    )
    status = forms.ChoiceField(
        required=False,
        label=_("Status"),
        choices=[("", _("All open")), *HelpRequest.Status.choices],
    )

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()


class AcceptReferralForm(AccessibleFormMixin, forms.Form):
    professional = ResponsibleField(
        label=_("Responsible professional"),
        empty_label=_("— choose —"),
    )

    def __init__(self, *args, organisation=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["professional"]
        field.queryset = services.responsible_professionals(organisation)
        if user is not None and field.queryset.filter(pk=user.pk).exists():
            field.initial = user.pk  # the one accepting, unless they name a colleague


class ReturnReferralForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you return this referral?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
