"""Library texts missing from their Dutch catalogue, listed so that ours carries them."""

from django.utils.translation import gettext_lazy, ngettext_lazy

EXTRA = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    gettext_lazy("This password is too common."),
    gettext_lazy("This password is entirely numeric."),
    # The admin's index and sign-in page (Django's Dutch catalogue lacks these).
    gettext_lazy("Model name"),
    gettext_lazy("Add link"),
    gettext_lazy("Change or view list link"),
    gettext_lazy("Error:"),
]
