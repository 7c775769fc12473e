"""The forms of the self-assessment: start, invite, and the questionnaire."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.catalogue.models import Activity
from meedoen.cooperation import framework as fw
from meedoen.cooperation.models import Respondent, Stance
from meedoen.forms import AccessibleFormMixin
from meedoen.organisations.models import Organisation

RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}


class StartForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Name of the cooperation"),
        max_length=200,
        help_text=_("For example: volunteers and home care in the Centre neighbourhood."),
        error_messages={"required": _("Give the cooperation a name.")},
    )
    place = forms.ChoiceField(
        label=_("Who runs the assessment"),
        error_messages={"required": _("Choose who runs the assessment.")},
    )
    context = forms.ChoiceField(
        label=_("Where does the cooperation take place?"),
        choices=[(c.value, c.label) for c in fw.Context],
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Choose the context of the cooperation.")},
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Other organisations in the cooperation"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )

    def __init__(self, *args: Any, places: list[tuple[str, str]], municipality_ids: set[int],
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = places
        if len(places) == 1:
            self.fields["place"].initial = places[0][0]
        self.fields["organisations"].queryset = Organisation.objects.filter(
            municipality_id__in=municipality_ids
        ).order_by("name")


class InviteForm(AccessibleFormMixin, forms.Form):
    perspective = forms.ChoiceField(
        label=_("Answers for the group"),
        choices=[(p.value, p.label) for p in fw.Perspective],
        error_messages={"required": _("Choose the perspective this person answers from.")},
    )
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person gets a private link that works until you close the assessment."),
        error_messages={
            "required": _("Fill in an e-mail address."),
            "invalid": _("Fill in an e-mail address like name@example.nl."),
        },
    )


class InviteAccountForm(AccessibleFormMixin, forms.Form):
    perspective = forms.ChoiceField(
        label=_("Answers for the group"),
        choices=[(p.value, p.label) for p in fw.Perspective],
        error_messages={"required": _("Choose the perspective this person answers from.")},
    )
    person = forms.ChoiceField(
        label=_("Person"),
        error_messages={"required": _("Choose a person.")},
    )

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Choose a person")), *people]


class QuestionnaireForm(AccessibleFormMixin, forms.Form):
    """One radio group per question; the page groups them per dimension."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required = {"required": _("Choose an answer to this statement.")}
        for statement in fw.STATEMENTS + fw.INSTRUMENTAL + fw.EXPRESSIVE:
            self.fields[statement.key] = forms.TypedChoiceField(
                label=statement.text,
                choices=fw.AGREE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs=RADIO),
                error_messages=required,
            )
        self.fields[fw.RESPONSIBLE] = forms.TypedChoiceField(
            label=fw.RESPONSIBLE_TEXT,
            choices=fw.RESPONSIBLE_CHOICES,
            coerce=int,
            widget=forms.RadioSelect(attrs=RADIO),
            error_messages={"required": _("Choose an answer to this question.")},
        )
        self.fields[fw.WORK] = forms.TypedChoiceField(
            label=fw.WORK_TEXT,
            choices=fw.WORK_CHOICES,
            coerce=int,
            widget=forms.RadioSelect(attrs=RADIO),
            error_messages={"required": _("Choose an answer to this question.")},
        )

    def groups(self) -> list[tuple[Any, Any, list[forms.BoundField]]]:
        """(legend, help, fields) per fieldset: the four dimensions, the vision, the work."""
        result: list[tuple[Any, Any, list[forms.BoundField]]] = []
        for dimension in fw.DIMENSIONS:
            result.append(
                (
                    dimension.label,
                    None,
                    [self[s.key] for s in fw.STATEMENTS if s.dimension is dimension],
                )
            )
        vision = [self[s.key] for s in fw.INSTRUMENTAL + fw.EXPRESSIVE]
        # Mixed, so that the two sides do not stand in a row.
        vision = [vision[0], vision[2], vision[1], vision[3]]
        result.append((_("How we look at volunteer work"), None, vision))
        result.append((_("Who carries the work"), None, [self[fw.RESPONSIBLE], self[fw.WORK]]))
        return result


# --- Consultations --------------------------------------------------------------------------

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKBOXES = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class ConsultationForm(AccessibleFormMixin, forms.Form):
    place = forms.ChoiceField(
        label=_("Who asks"),
        error_messages={"required": _("Choose who asks.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: a meeting place for volunteers in the village."),
        error_messages={"required": _("Give the consultation a title.")},
    )
    question = forms.CharField(
        label=_("Question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ask one clear question, in plain words."),
        error_messages={"required": _("Write the question.")},
    )
    background = forms.CharField(
        label=_("Background"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What people need to know to answer: why you ask, what is already decided."),
    )
    has_proposal = forms.BooleanField(
        label=_("The question holds a proposal: people may say whether they agree"),
        required=False,
    )
    closes_on = forms.DateField(
        label=_("Closing date"),
        widget=DATE,
        help_text=_("The last day people can answer."),
        error_messages={
            "required": _("Choose a closing date."),
            "invalid": _("Fill in a date like 31-12-2026."),
        },
    )
    ask = forms.MultipleChoiceField(
        label=_("Whom do you ask?"),
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOXES),
        error_messages={"required": _("Choose whom you ask.")},
    )

    def __init__(self, *args: Any, places: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = places
        if len(places) == 1:
            self.fields["place"].initial = places[0][0]
        self.fields["ask"].choices = [
            (Respondent.VOLUNTEERS.value, _("the volunteers")),
            (Respondent.PROFESSIONALS.value, _("the professionals")),
            (
                Respondent.ORGANISATIONS.value,
                _("the organisations (only when the municipality asks)"),
            ),
        ]


class ConsultationAnswerForm(AccessibleFormMixin, forms.Form):
    way = forms.ChoiceField(
        label=_("You answer as"),
        error_messages={"required": _("Choose for whom you answer.")},
    )
    text = forms.CharField(
        label=_("Your answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your answer.")},
    )
    stance = forms.ChoiceField(
        label=_("What do you think of the proposal?"),
        required=False,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    signed = forms.BooleanField(
        label=_("Show my name with my answer"),
        required=False,
        help_text=_("Without this, the organiser reads your answer without your name."),
    )

    def __init__(
        self, *args: Any, ways: list[tuple[str, str]], proposal: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["way"].choices = ways
        if len(ways) == 1:
            self.fields["way"].initial = ways[0][0]
            self.fields["way"].widget = forms.HiddenInput()
        if proposal:
            self.fields["stance"].choices = [("", _("I do not say")), *Stance.choices]
        else:
            del self.fields["stance"]


class ConsultationResponseForm(AccessibleFormMixin, forms.Form):
    response = forms.CharField(
        label=_("What we did with the answers"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Everyone who answered reads this on their start page."),
        error_messages={"required": _("Write what you did with the answers.")},
    )


# --- Cooperation agreements -----------------------------------------------------------------


class AgreementForm(AccessibleFormMixin, forms.Form):
    organisation = forms.ChoiceField(
        label=_("Our organisation"),
        error_messages={"required": _("Choose your organisation.")},
    )
    partner = forms.ChoiceField(
        label=_("Partner"),
        error_messages={"required": _("Choose the partner.")},
    )
    title = forms.CharField(
        label=_("Name of the agreement"),
        max_length=200,
        help_text=_("For example: visits to clients of home care."),
        error_messages={"required": _("Give the agreement a name.")},
    )
    volunteer_tasks = forms.CharField(
        label=_("What volunteers do"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what volunteers do.")},
    )
    professional_tasks = forms.CharField(
        label=_("What professionals do"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what professionals do.")},
    )
    volunteer_activities = forms.ModelMultipleChoiceField(
        label=_("Activities volunteers do (for the task-division register)"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOXES),
    )
    professional_activities = forms.ModelMultipleChoiceField(
        label=_("Activities professionals do (for the task-division register)"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOXES),
    )
    contact_here = forms.CharField(
        label=_("Contact point of our organisation"),
        max_length=200,
        help_text=_("A first name and a role, for example: Anja, volunteer coordinator."),
        error_messages={"required": _("Name the contact point of your organisation.")},
    )
    contact_partner = forms.CharField(
        label=_("Contact point of the partner"),
        max_length=200,
        help_text=_("A first name and a role."),
        error_messages={"required": _("Name the contact point of the partner.")},
    )
    escalation = forms.CharField(
        label=_("How concerns are raised"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who a volunteer tells first, and who takes it further when it is not solved."),
        error_messages={"required": _("Write how concerns are raised.")},
    )
    review_on = forms.DateField(
        label=_("Look at it again on"),
        widget=DATE,
        error_messages={
            "required": _("Choose a date to look at the agreement again."),
            "invalid": _("Fill in a date like 31-12-2026."),
        },
    )

    def __init__(
        self,
        *args: Any,
        organisations: list[tuple[str, str]],
        partners: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0][0]
        self.fields["partner"].choices = [("", _("Choose the partner")), *partners]
        active = Activity.objects.filter(is_active=True).order_by("name_nl")
        self.fields["volunteer_activities"].queryset = active
        self.fields["professional_activities"].queryset = active


class AgreementChangeForm(AgreementForm):
    """The agreement's parts without its parties, which stay."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, organisations=[], partners=[], **kwargs)
        del self.fields["organisation"]
        del self.fields["partner"]


# --- Contact points -------------------------------------------------------------------------


class ContactPointForm(AccessibleFormMixin, forms.Form):
    person = forms.ChoiceField(
        label=_("Who"),
        error_messages={"required": _("Choose a member of the organisation.")},
    )
    role = forms.CharField(
        label=_("Role"),
        max_length=120,
        help_text=_("For example: coordinator of volunteers."),
        error_messages={"required": _("Fill in the role.")},
    )
    reach = forms.CharField(
        label=_("How volunteers reach this person"),
        max_length=300,
        help_text=_(
            "Through Meedoen, for example: report a concern on your assignment page, or ask "
            "your coordinator to put you in touch. No private phone numbers."
        ),
        error_messages={"required": _("Fill in how volunteers reach this person.")},
    )

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Choose a person")), *people]


class ContactPointSearchForm(AccessibleFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Area, organisation or topic"),
        max_length=200,
        required=False,
        help_text=_("For example: the name of your neighbourhood, home care, or dementia."),
        error_messages={"max_length": _("Use at most 200 characters.")},
    )
