from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from meedoen.forms import AccessibleFormMixin
from meedoen.notifications.models import Kind, Mail


class PreferencesForm(AccessibleFormMixin, forms.Form):
    """One choice per kind (at once, daily, never) and the language of the e-mails."""

    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=str(kind.label).capitalize(),
                choices=Mail.choices,
                widget=forms.RadioSelect,
                initial=preferences.choice(kind.value),
            )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the e-mails"),
            choices=settings.LANGUAGES,
            initial=preferences.language,
        )
        # The base mixin styled the widgets before these fields existed.
        self.fields["language"].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
        self.fields["language"].widget.attrs["aria-required"] = "true"
