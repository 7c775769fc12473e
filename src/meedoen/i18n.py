"""Content kept in both languages (catalogue names and the like)."""

from __future__ import annotations

import functools

from django.conf import settings
from django.db import models
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
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


def written_language() -> str:
    """The language of a text someone writes now: the one they use Meedoen in (the page's,
    or an API call's `Accept-Language`), one of `settings.LANGUAGES`. Kept with the text, so
    that a page in the other language marks it with `lang` (the `lang_of_part` filter)."""
    code = (get_language() or "nl").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else "nl"


def in_language(text: str, language: str) -> SafeString:
    """`text` as HTML in an element with `lang` when it is in another language than the page,
    for a quote inside a sentence of the page ("Responses to <span lang="en">Walking
    buddy</span>"); else just the escaped text."""
    page = (get_language() or "nl").split("-")[0]
    if not text or not language or language.split("-")[0] == page:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', language, text)


def sentence_html(sentence: str, values: dict) -> SafeString:
    """`sentence % values` as HTML: the translated sentence and plain values escaped, values
    made with `in_language` kept as they are."""
    escaped = {key: conditional_escape(value) for key, value in values.items()}
    return mark_safe(conditional_escape(sentence) % escaped)  # noqa: S308 - all escaped


def language_field(verbose_name=None):
    """The field recording the language a text people write is in (see `written_language`)."""
    return models.CharField(
        verbose_name or _("language of the text"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="nl",
    )


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


@functools.cache
def _spoken_language_words() -> dict[str, str]:
    """Every word that names a spoken language, its code and its Dutch and English name in
    lower case, with the code it stands for. The names are fixed, so this is built once."""
    from django.utils import translation

    known: dict[str, str] = {}
    for code, name in SPOKEN_LANGUAGES:
        known[code] = code
        for language in ("nl", "en"):
            with translation.override(language):
                known[str(name).lower()] = code
    return known


def codes_from_names(written: str) -> tuple[list[str], list[str]]:
    """Languages as people write them in a spreadsheet ("Nederlands, Engels", "Dutch;
    Arabic", or their codes "nl,en"): the codes of those recognised, in order, and the words
    that are no spoken language."""
    known = _spoken_language_words()
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
