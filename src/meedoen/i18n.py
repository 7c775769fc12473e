"""Content kept in both languages (catalogue names and the like)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualNameMixin(models.Model):
    """A name in Dutch and English; `name` gives the one of the active language."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


#: Languages people speak, to choose from by name (the codes are stored, never shown).
SPOKEN_LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("fy", _("Frisian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("ber", _("Tamazight (Berber)")),
    ("ti", _("Tigrinya")),
    ("uk", _("Ukrainian")),
    ("pap", _("Papiamento")),
    ("so", _("Somali")),
]


def language_codes(stored: str) -> list[str]:
    """The codes of a stored list ("nl,en"), in order, without blanks."""
    return [code.strip().lower() for code in (stored or "").split(",") if code.strip()]


def language_name(code: str) -> str:
    """The name of a spoken language in the active language ("nl" is "Nederlands" in Dutch).
    A code outside the list is named by Django's own list of languages, else as it is."""
    from django.conf.locale import LANG_INFO
    from django.utils.translation import gettext

    names = dict(SPOKEN_LANGUAGES)
    if code in names:
        return str(names[code])
    info = LANG_INFO.get(code)
    if info and "name" in info:
        return gettext(info["name"])
    return code


def language_names(stored: str) -> str:
    """A stored list of codes as names for people: "nl,en" is "Nederlands, Engels"."""
    return ", ".join(language_name(code) for code in language_codes(stored))


def codes_from_names(written: str) -> tuple[list[str], list[str]]:
    """Languages as people write them in a spreadsheet ("Nederlands, Engels", "Dutch;
    Arabic", or their codes "nl,en"): the codes of those recognised, in order, and the words
    that are no spoken language."""
    from django.utils import translation

    known: dict[str, str] = {}
    for code, name in SPOKEN_LANGUAGES:
        known[code] = code
        for language in ("nl", "en"):
            with translation.override(language):
                known[str(name).lower()] = code
    codes: list[str] = []
    unknown: list[str] = []
    for word in (part.strip() for part in written.replace(";", ",").split(",")):
        if not word:
            continue
        code = known.get(word.lower())
        if code is None:
            unknown.append(word)
        elif code not in codes:
            codes.append(code)
    return codes, unknown
