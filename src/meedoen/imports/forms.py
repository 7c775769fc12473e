from __future__ import annotations

from django import forms
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from meedoen.forms import AccessibleFormMixin
from meedoen.imports import columns, reading
from meedoen.organisations.models import Organisation


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.municipality.name})"


class ImportForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you import?"),
        choices=[(key, capfirst(name)) for key, name in columns.KINDS.items()],
        widget=forms.RadioSelect,
        initial=columns.REQUESTS,
    )
    organisation = OrganisationChoice(
        queryset=Organisation.objects.none(),
        label=_("Into which organisation?"),
        empty_label=_("— choose —"),
        help_text=_(
            "Requests are handled by it, volunteers are taken on by it, hours belong to its "
            "assignments. Its municipality holds the neighbourhoods and villages."
        ),
    )
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "class": "utrecht-textbox utrecht-textbox--html-input",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(size)s MB and %(rows)s rows. The first row holds the headers."
        ) % {
            "size": reading.PAGE_MAX_BYTES // (1024 * 1024),
            "rows": formats.number_format(reading.PAGE_MAX_ROWS, force_grouping=True),
        }
        self.fields["organisation"].queryset = (
            Organisation.objects.taking_referrals()
            .select_related("municipality")
            .order_by("municipality__name", "name")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            reading.kind_of_file(upload.name)
        except reading.ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if upload.size > reading.PAGE_MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is larger than %(size)s MB. Split it into smaller files, or ask "
                    "the operator to use the import command."
                )
                % {"size": reading.PAGE_MAX_BYTES // (1024 * 1024)}
            )
        return upload

    def rows(self):
        """The file's rows; a file that cannot be read is an error on the file field."""
        upload = self.cleaned_data["file"]
        try:
            return reading.read(upload.read(), upload.name, self.cleaned_data["kind"])
        except reading.ImportFileError as exc:
            self.add_error("file", str(exc))
            return None
