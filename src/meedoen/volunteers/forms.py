from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from meedoen import availability
from meedoen.accounts.models import User
from meedoen.catalogue.forms import NamedMultipleChoiceField
from meedoen.catalogue.models import Activity, Motive, Skill, VolunteerType
from meedoen.forms import SLOT_CHOICES, AccessibleFormMixin, AvailabilityGrid
from meedoen.i18n import SPOKEN_LANGUAGES
from meedoen.organisations.models import Area
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import Enrolment, Vacancy


class NameChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def intake_moment_field(required=False):
    return forms.DateTimeField(
        label=_("Intake on (date and time)"),
        required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class VolunteerProfileFields(forms.Form):
    """The fields a volunteer gives at sign-up and changes later on their own profile: where,
    what, which talents, which languages, when, how far and how much."""

    area = forms.ModelChoiceField(
        queryset=Area.objects.all(), label=_("Where do you live?"), empty_label=_("— choose —")
    )
    activities = NamedMultipleChoiceField(
        queryset=Activity.objects.filter(is_active=True, care_level=1),
        label=_("What would you like to do?"),
    )
    skills = NameChoices(
        queryset=Skill.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Skills and talents"),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SPOKEN_LANGUAGES,
        initial=["nl"],
        widget=forms.CheckboxSelectMultiple,
    )
    slots = forms.MultipleChoiceField(
        label=_("When are you available?"),
        choices=SLOT_CHOICES,
        widget=AvailabilityGrid,
    )
    travel_km = forms.IntegerField(
        label=_("How far will you travel (km)?"), min_value=0, max_value=100, initial=5
    )
    max_hours_per_week = forms.IntegerField(
        label=_("At most hours per week"), min_value=1, max_value=40, initial=4
    )


class RegistrationForm(AccessibleFormMixin, VolunteerProfileFields):
    field_order = [
        "first_name",
        "last_name",
        "email",
        "username",
        "password",
        "area",
        "activities",
        "skills",
        "motives",
        "slots",
        "hours_per_week",
        "max_hours_per_week",
        "travel_km",
        "languages",
        "volunteer_type",
        "wants_to_grow",
    ]

    first_name = forms.CharField(
        label=_("First name"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password."),
    )
    motives = NameChoices(
        queryset=Motive.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Why do you volunteer?"),
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week you would like to give"), min_value=1, max_value=40, initial=2
    )
    volunteer_type = forms.ChoiceField(
        label=_("You volunteer as"), choices=VolunteerType.choices, initial=VolunteerType.REGULAR
    )
    wants_to_grow = forms.BooleanField(
        label=_("I would like training or more responsibility"), required=False
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken. Choose another."))
        return username

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            user = User(
                username=cleaned.get("username", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
            )
            try:
                validate_password(password, user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        hours, most = cleaned.get("hours_per_week"), cleaned.get("max_hours_per_week")
        if hours and most and most < hours:
            self.add_error(
                "max_hours_per_week",
                _("At most cannot be less than the hours you would like to give."),
            )
        return cleaned

    def account(self) -> dict:
        c = self.cleaned_data
        return {
            "username": c["username"],
            "first_name": c["first_name"],
            "last_name": c["last_name"],
            "email": c["email"],
            "municipality": c["area"].municipality,
        }

    def profile(self) -> dict:
        c = self.cleaned_data
        return {
            "area": c["area"],
            "availability": availability.to_mask(c["slots"]),
            "hours_per_week": c["hours_per_week"],
            "max_hours_per_week": c["max_hours_per_week"],
            "travel_km": c["travel_km"],
            "languages": ",".join(c["languages"]),
            "volunteer_type": c["volunteer_type"],
            "wants_to_grow": c["wants_to_grow"],
        }


class ReviewForm(AccessibleFormMixin, forms.Form):
    motives = NameChoices(
        queryset=Motive.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Why do you volunteer now?"),
    )
    slots = forms.MultipleChoiceField(
        label=_("When are you available?"),
        choices=SLOT_CHOICES,
        widget=AvailabilityGrid,
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week you would like to give"), min_value=1, max_value=40
    )
    max_hours_per_week = forms.IntegerField(
        label=_("At most hours per week"), min_value=1, max_value=40
    )

    def clean(self):
        cleaned = super().clean()
        hours, most = cleaned.get("hours_per_week"), cleaned.get("max_hours_per_week")
        if hours and most and most < hours:
            self.add_error(
                "max_hours_per_week",
                _("At most cannot be less than the hours you would like to give."),
            )
        return cleaned


class OwnProfileForm(AccessibleFormMixin, VolunteerProfileFields):
    """The volunteer changes their own profile: where, what, when, how far, how much."""

    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.RegexField(
        label=_("Telephone number"),
        max_length=30,
        required=False,
        regex=r"^\+?[0-9 ()-]{6,}$",
        error_messages={"invalid": _("Enter a telephone number, for example 06 12345678.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )


class IntakeForm(AccessibleFormMixin, forms.Form):
    """What the coordinator found at the intake: skills and talents, and a note."""

    skills = NameChoices(
        queryset=Skill.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Skills and talents"),
    )
    intake_note = forms.CharField(
        label=_("Intake note"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PauseForm(AccessibleFormMixin, forms.Form):
    until = forms.DateField(label=_("Back on"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Reason (for example holiday or illness)"), required=False, max_length=200
    )


class StatusForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Enrolment.Status.choices)
    intake_at = intake_moment_field()
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current:
            allowed = lifecycle.TRANSITIONS[current]
            self.fields["status"].choices = [c for c in Enrolment.Status.choices if c[0] in allowed]


class GuidanceForm(AccessibleFormMixin, forms.Form):
    volunteer_type = forms.ChoiceField(label=_("Volunteer type"), choices=VolunteerType.choices)
    sponsor_kind = forms.ChoiceField(
        label=_("Sponsor"),
        required=False,
        choices=[("", _("— none —")), *Enrolment.SponsorKind.choices],
    )
    sponsor_name = forms.CharField(
        label=_("Name of the school, social service or employer"), required=False, max_length=160
    )
    required_hours = forms.IntegerField(
        label=_("Hours required by the sponsor"), required=False, min_value=1, max_value=2000
    )
    guide = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label=_("Guide"), empty_label=_("— none —")
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guide"].queryset = (
            User.objects.filter(memberships__organisation=organisation, memberships__is_active=True)
            .distinct()
            .order_by("first_name")
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("volunteer_type") in lifecycle.GUIDED_TYPES and not cleaned.get(
            "sponsor_kind"
        ):
            self.add_error("sponsor_kind", _("Choose the sponsor of this route."))
        return cleaned


class VogForm(AccessibleFormMixin, forms.Form):
    vog_issued_on = forms.DateField(
        label=_("VOG issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class VacancyForm(AccessibleFormMixin, forms.ModelForm):
    activities = NamedMultipleChoiceField(
        queryset=Activity.objects.filter(is_active=True),
        label=_("Activities"),
    )
    skills = NameChoices(
        queryset=Skill.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Skills wanted"),
    )

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "description",
            "language",
            "activities",
            "area",
            "hours_per_week",
            "regularity",
            "skills",
            "training_offered",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.filter(municipality=organisation.municipality)
            if organisation
            else Area.objects.none()
        )
        self.fields["area"].empty_label = _("Anywhere in the municipality")
        # Written in the writer's own language, unless they say otherwise.
        self.fields["language"].required = False
        self.initial.setdefault("language", _interface_language())

    def vacancy_fields(self) -> dict:
        fields = {k: v for k, v in self.cleaned_data.items() if k not in ("activities", "skills")}
        return fields | {"language": fields.get("language") or _interface_language()}


def _interface_language() -> str:
    return (get_language() or "nl").split("-")[0]


class VacancyFilterForm(AccessibleFormMixin, forms.Form):
    activity = forms.ModelChoiceField(
        queryset=Activity.objects.filter(is_active=True, care_level=1),
        required=False,
        label=_("Activity"),
        empty_label=_("All activities"),
    )
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(), required=False, label=_("Area"), empty_label=_("All areas")
    )
    max_hours = forms.IntegerField(
        label=_("At most hours per week"), required=False, min_value=1, max_value=40
    )
    regularity = forms.ChoiceField(
        label=_("One-off or regular"),
        required=False,
        choices=[("", _("Both")), *Vacancy.Regularity.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].label_from_instance = lambda obj: obj.name


class ApplyForm(AccessibleFormMixin, forms.Form):
    message = forms.CharField(
        label=_("A short message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("invite", _("Invite to intake")),
            ("accept", _("Accept")),
            ("decline", _("Decline")),
        ],
    )
    intake_at = intake_moment_field()
    answer = forms.CharField(
        label=_("Message to the volunteer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When you decline, thank them and say why, kindly."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("answer") or "").strip():
            self.add_error("answer", _("Write a kind message to the volunteer."))
        if cleaned.get("decision") == "invite" and not cleaned.get("intake_at"):
            self.add_error("intake_at", _("Give the date and time of the intake."))
        return cleaned
