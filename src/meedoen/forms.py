"""Form rendering: every field with its label, help and error tied to it for screen readers."""

from django import forms
from django.forms.renderers import DjangoTemplates

from meedoen import availability


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

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            widget = self.fields[name].widget
            described = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                described.append(f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(described)
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
