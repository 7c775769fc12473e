"""Form rendering: every field with its label, help and error tied to it for screen readers."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from meedoen import availability
from meedoen.i18n import SPOKEN_LANGUAGES, language_codes, language_name


class FormRenderer(DjangoTemplates):
    form_template_name = "meedoen/forms/form.html"
    field_template_name = "meedoen/forms/field.html"


WIDGET_CLASSES = {
    "textinput": "utrecht-textbox utrecht-textbox--html-input",
    "emailinput": "utrecht-textbox utrecht-textbox--html-input",
    "passwordinput": "utrecht-textbox utrecht-textbox--html-input",
    "numberinput": "utrecht-textbox utrecht-textbox--html-input",
    "dateinput": "utrecht-textbox utrecht-textbox--html-input",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkboxinput": "utrecht-checkbox utrecht-checkbox--html-input",
}


class AccessibleFormMixin:
    """NL Design System classes on widgets, and errors announced with the field they belong to.

    Required fields say so in their label and with aria-required; the browser's own validation
    is left out, so that every message comes from Meedoen, in the person's language, next to
    the field, with everything typed kept.
    """

    use_required_attribute = False

    #: Fields that a form-wide error (from `clean()` or a service) is about: they are marked
    #: invalid and described by it, and the error summary links to the first of them.
    non_field_error_fields: tuple[str, ...] = ()
    #: Errors of one field that are about others too ("a telephone number or an e-mail
    #: address"): field name -> the other fields, marked invalid and described by it as well.
    shared_errors: dict[str, tuple[str, ...]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required and not isinstance(
                field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect
            ):
                field.widget.attrs["aria-required"] = "true"
            widget_name = type(field.widget).__name__.lower()
            css = WIDGET_CLASSES.get(widget_name)
            if css:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{existing} {css}".strip()

    @property
    def non_field_errors_id(self) -> str:
        """The id of the form-wide errors in the summary, unique per form on a page (it follows
        auto_id), that the fields they are about point to."""
        return self._id_for("errors")

    @property
    def error_summary_id(self) -> str:
        return self._id_for("error-summary")

    def _id_for(self, what: str) -> str:
        auto_id = self.auto_id if isinstance(self.auto_id, str) and self.auto_id else "id_%s"
        return (auto_id % f"_{what}") if "%s" in auto_id else f"{auto_id}_{what}"

    def _non_field_error_id(self, index: int) -> str:
        return self.non_field_errors_id + (f"-{index}" if index else "")

    def _target_id(self, name: str) -> str:
        """Where a link to a field lands: the field itself, or the first of its choices."""
        bound = self[name]
        widget = self.fields[name].widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            # The first choice's own id: "id_x_0", or "id_x_0_0" when choices are grouped.
            first = next(iter(bound.subwidgets), None)
            return first.id_for_label if first is not None else f"{bound.auto_id}_0"
        return bound.auto_id

    def error_summary(self) -> list[dict[str, str]]:
        """Every error of the form, each with the field it links to, in the form's order."""
        items = []
        linked = [n for n in self.non_field_error_fields if n in self.fields]
        for index, error in enumerate(self.non_field_errors()):
            items.append(
                {
                    "id": self._non_field_error_id(index),
                    "href": f"#{self._target_id(linked[0])}" if linked else "",
                    "label": "",
                    "message": str(error),
                }
            )
        for name, field in self.fields.items():
            if name not in self.errors or field.widget.is_hidden:
                continue
            for error in self.errors[name]:
                items.append(
                    {
                        "href": f"#{self._target_id(name)}",
                        "label": str(field.label or name),
                        "message": str(error),
                    }
                )
        return items

    def full_clean(self):
        super().full_clean()
        described: dict[str, list[str]] = {}
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described.setdefault(name, []).append(f"{bound.auto_id}_error")
            for other in self.shared_errors.get(name, ()):
                described.setdefault(other, []).append(f"{bound.auto_id}_error")
        form_wide = [self._non_field_error_id(i) for i in range(len(self.non_field_errors()))]
        for name in self.non_field_error_fields if form_wide else ():
            described[name] = form_wide + described.get(name, [])
        for name, ids in described.items():
            if name not in self.fields:
                continue
            if self.fields[name].help_text:
                ids.append(f"{self[name].auto_id}_helptext")
            widget = self.fields[name].widget
            widget.attrs["aria-describedby"] = " ".join(dict.fromkeys(ids))
            widget.attrs["aria-invalid"] = "true"


class AvailabilityGrid(forms.CheckboxSelectMultiple):
    """The 21 parts of the week as one table: days down, morning, afternoon and evening
    across. Each checkbox keeps its full name ("Tuesday afternoon") for screen readers."""

    template_name = "meedoen/forms/availability_grid.html"

    def get_context(self, name, value, attrs):

        context = super().get_context(name, value, attrs)
        options = {
            option["value"]: option
            for _group, group_options, _index in context["widget"]["optgroups"]
            for option in group_options
        }
        context["widget"]["parts"] = [availability.PART_LABELS[p] for p in availability.PARTS]
        context["widget"]["days"] = [
            (
                availability.DAY_LABELS[day],
                [options[f"{day}-{part}"] for part in availability.PARTS],
            )
            for day in availability.DAYS
        ]
        return context


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in groups, each group its own fieldset with a legend."""

    template_name = "meedoen/forms/grouped_checkboxes.html"


#: The 21 parts of the week as choices ("mon-morning", "Monday morning"), for the week grid;
#: the names stay lazy, so that each page shows them in its own language.
SLOT_CHOICES = list(availability.SLOT_LABELS.items())


# --- asking before a step that cannot be undone ------------------------------------------


def confirmed(request) -> bool:
    """Whether this POST is the answer "yes" on the page `ask_to_confirm` showed."""
    return request.POST.get("confirm") == "yes"


def ask_to_confirm(
    request,
    *,
    title: str,
    question: str,
    consequence: str,
    yes: str,
    no: str,
    back: str,
    keep: tuple[str, ...] = (),
    action: str | None = None,
):
    """A step that cannot be undone (withdraw, end, decline, stop) asks first: a page that
    asks whether the person is sure and says what happens, with what they sent kept in
    hidden fields (`keep`). Only its "yes" button (`confirm=yes`) takes the step, posting to
    `action` (by default the same address); "no" is a link back. A plain form and a link:
    it works without JavaScript, by keyboard and with a screen reader, which reads the
    question as the new page's title and heading."""
    return render(
        request,
        "meedoen/confirm.html",
        {
            "title": title,
            "question": question,
            "consequence": consequence,
            "yes": yes,
            "no": no,
            "back": back,
            "action": action or request.get_full_path(),
            "kept": [(name, value) for name in keep for value in request.POST.getlist(name)],
        },
    )


class SpokenLanguagesField(forms.MultipleChoiceField):
    """Languages ticked by name; the value is the stored list of codes ("nl,en"), which no
    one has to read or type. A stored code outside Meedoen's list stays a choice, by name."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, stored: str = "", **kwargs):
        known = {code for code, _name in SPOKEN_LANGUAGES}
        codes = language_codes(stored)
        extra = [(code, language_name(code)) for code in codes if code not in known]
        kwargs.setdefault("choices", [*SPOKEN_LANGUAGES, *extra])
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return language_codes(value) if isinstance(value, str) else value

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), data)

    def clean(self, value) -> str:  # type: ignore[override]
        return ",".join(super().clean(value))


class WeekPartsField(forms.MultipleChoiceField):
    """The parts of the week ticked in the week grid; the value is the stored number in which
    each part is one bit, which no one has to read or type."""

    widget = AvailabilityGrid

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", SLOT_CHOICES)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return availability.to_slots(value) if isinstance(value, int) else value

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), data)

    def clean(self, value) -> int:  # type: ignore[override]
        return availability.to_mask(super().clean(value))


class PlainValuesAdminForm(forms.ModelForm):
    """A change form of the admin that shows what is stored as codes by name: the languages
    as a list to tick, the parts of the week in the week grid."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "languages" in self.fields:
            self.fields["languages"] = SpokenLanguagesField(
                stored=self.instance.languages or "",
                label=self.fields["languages"].label,
                help_text=_("Tick every language the person speaks."),
            )
        if "availability" in self.fields:
            self.fields["availability"] = WeekPartsField(
                label=self.fields["availability"].label,
                required=False,
                help_text=_("Tick the parts of the week that suit the person."),
            )
