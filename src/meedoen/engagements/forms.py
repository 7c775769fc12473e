from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.engagements.models import Assignment, CheckIn, Concern, Handover
from meedoen.forms import AccessibleFormMixin
from meedoen.organisations.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HOURS = [
    (Decimal(v), label)
    for v, label in [
        ("0.5", "½"),
        ("1", "1"),
        ("1.5", "1½"),
        ("2", "2"),
        ("2.5", "2½"),
        ("3", "3"),
        ("4", "4"),
        ("5", "5"),
        ("6", "6"),
        ("8", "8"),
    ]
]


class HoursForm(AccessibleFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    hours = forms.TypedChoiceField(
        label=_("Hours"),
        choices=HOURS,
        coerce=Decimal,
        initial=Decimal("1"),
        widget=forms.RadioSelect(attrs={"class": "meedoen-hours-choice"}),
    )
    expenses = forms.DecimalField(
        label=_("Costs made (EUR)"),
        required=False,
        min_value=0,
        max_value=1000,
        decimal_places=2,
        help_text=_("Only what you paid yourself, such as parking or a bus ticket."),
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)

    def clean_expenses(self):
        return self.cleaned_data.get("expenses") or Decimal("0")


class CorrectHoursForm(HoursForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["date"]


class AgreeForm(AccessibleFormMixin, forms.Form):
    volunteer = forms.TypedChoiceField(label=_("Volunteer"), coerce=int)
    tasks = forms.TypedMultipleChoiceField(
        label=_("Agreed tasks"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the request's volunteer part; the volunteer reads what they may do."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Assignment.Frequency.choices, initial="weekly"
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE, initial=timezone.localdate)
    planned_end = forms.DateField(label=_("Planned end (optional)"), widget=DATE, required=False)
    contact_route = forms.CharField(
        label=_("Contact route"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Whom the volunteer contacts with questions or worries, and how."),
    )

    def __init__(self, *args, volunteers=(), tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].choices = list(volunteers)
        self.fields["tasks"].choices = list(tasks)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end lies before the start."))
        return data


class EndForm(AccessibleFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Why does it end?"), choices=Assignment.EndReason.choices)
    volunteer_evaluation = forms.CharField(
        label=_("How does the volunteer look back?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    person_evaluation = forms.CharField(
        label=_("How does the person helped look back?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CheckInForm(AccessibleFormMixin, forms.Form):
    how_it_goes = forms.ChoiceField(
        label=_("How does it go?"), choices=CheckIn.HowItGoes.choices, widget=forms.RadioSelect
    )
    load = forms.ChoiceField(
        label=_("Is the load right?"), choices=CheckIn.Load.choices, widget=forms.RadioSelect
    )
    too_heavy = forms.BooleanField(
        label=_("The support is becoming too heavy for a volunteer"), required=False
    )
    note = forms.CharField(
        label=_("Anything else?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConcernForm(AccessibleFormMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("What worries you?"), choices=Concern.Category.choices, widget=forms.RadioSelect
    )
    urgent = forms.BooleanField(
        label=_("Urgent: someone must act today"),
        required=False,
        help_text=_("In danger right now? Call 112 first."),
    )
    description = forms.CharField(
        label=_("What did you notice?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you saw or heard, in your own words. No diagnosis needed."),
    )


class AcknowledgeForm(AccessibleFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(AccessibleFormMixin, forms.Form):
    outcome = forms.CharField(
        label=_("What was done (for the team)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reply = forms.CharField(
        label=_("What the volunteer hears back"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In plain words, without details the volunteer should not know."),
    )


class HandoverForm(AccessibleFormMixin, forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Hand over to"), queryset=Organisation.objects.none()
    )
    part = forms.CharField(
        label=_("What is handed over"),
        max_length=300,
        help_text=_("All support, or the part that goes over, e.g. help with showering."),
    )
    note = forms.CharField(
        label=_("Handover note"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the receiver needs to know to take over well. Never a diagnosis."),
    )
    after = forms.ChoiceField(
        label=_("The assignment then"),
        choices=Handover.After.choices,
        widget=forms.RadioSelect,
        initial=Handover.After.CONTINUE,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["to_organisation"].queryset = organisations


class HandoverAnswerForm(AccessibleFormMixin, forms.Form):
    """The receiver's answer; accepting, the colleague who takes it on (`colleagues`: the
    professionals and coordinators of the receiving organisation, none for anyone else)."""

    responsible = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Who takes it on?"),
        empty_label=_("I do, myself"),
        help_text=_("When you accept: you, or a colleague of your organisation."),
    )
    answer = forms.CharField(
        label=_("Your answer (needed when you decline)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        if colleagues is None:
            del self.fields["responsible"]
        else:
            field = self.fields["responsible"]
            field.queryset = colleagues
            field.label_from_instance = lambda u: u.get_full_name() or u.username


class GiveForm(AccessibleFormMixin, forms.Form):
    receiver = forms.TypedChoiceField(label=_("To"), coerce=int)
    amount = forms.DecimalField(
        label=_("Credits"),
        min_value=Decimal("0.25"),
        max_value=100,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.25"}),
    )
    memo = forms.CharField(label=_("Message (optional)"), required=False, max_length=200)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].choices = list(members)


class GuidanceForm(AccessibleFormMixin, forms.Form):
    enrolment = forms.TypedChoiceField(label=_("Volunteer"), coerce=int)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal("0.25"),
        max_value=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.25"}),
    )
    topic = forms.CharField(label=_("What was discussed or learned"), max_length=300)

    def __init__(self, *args, enrolments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].choices = list(enrolments)


class MessageForm(AccessibleFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the other side of this conversation reads it. At most 2000 characters."),
    )
