"""Every text people read has its Dutch translation: the messages are extracted again from the
code and templates (into a copy, the real catalogue stays as it is) and merged with the Dutch
catalogue; a text without a Dutch translation, or one marked fuzzy, fails here. Only the
catalogue's header may stay fuzzy."""

from __future__ import annotations

import os
import re
import shutil
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

import meedoen

SOURCE = Path(meedoen.__file__).parent
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def entries(po: str) -> list[dict[str, object]]:
    """The entries of a .po file: msgid, its msgstr values and whether it is fuzzy."""
    found = []
    for block in po.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        texts: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            head = line.split(" ", 1)[0] if not line.startswith('"') else None
            if head:
                key = head
                texts[key] = ""
            if key is not None:
                texts[key] += "".join(STRING.findall(line))
        strings = [value for name, value in texts.items() if name.startswith("msgstr")]
        found.append({"msgid": texts.get("msgid", ""), "msgstr": strings, "fuzzy": fuzzy})
    return found


def problems(po: str) -> list[str]:
    wrong = []
    for entry in entries(po):
        if entry["msgid"] == "":
            continue  # the header
        if entry["fuzzy"]:
            wrong.append(f"fuzzy: {entry['msgid']}")
        elif not all(entry["msgstr"]):  # type: ignore[arg-type]
            wrong.append(f"no Dutch: {entry['msgid']}")
    return wrong


def test_the_check_finds_a_missing_and_a_fuzzy_translation():
    po = (
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: nl\\n"\n\n'
        'msgid "Open"\nmsgstr "Open"\n\n'
        'msgid "Closed"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\n'
        'msgstr[0] "%(n)s dag"\nmsgstr[1] "%(n)s dagen"\n\n'
        'msgid "long"\nmsgstr ""\n"lang"\n'
    )
    assert problems(po) == ["no Dutch: Closed", "fuzzy: %(n)s day"]


def test_every_text_has_a_dutch_translation(tmp_path):
    copy = tmp_path / "meedoen"
    shutil.copytree(
        SOURCE,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "static"),
    )
    here = os.getcwd()
    os.chdir(copy)
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command(
                "makemessages",
                locale=["nl"],
                no_obsolete=True,
                no_location=True,
                verbosity=0,
                stdout=StringIO(),
            )
    finally:
        os.chdir(here)
    po = (copy / "locale" / "nl" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert len(entries(po)) > 1000  # the extraction ran
    assert problems(po) == [], (
        "Texts without a Dutch translation; run `make messages` and translate them in "
        "src/meedoen/locale/nl/LC_MESSAGES/django.po"
    )
