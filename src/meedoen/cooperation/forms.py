"""The forms of the self-assessment: start, invite, and the questionnaire."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.cooperation import framework as fw
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
