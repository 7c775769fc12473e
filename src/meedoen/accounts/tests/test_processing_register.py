"""The register of processing activities: seeded with what Meedoen does, shown to and
exported for administrators only, edited in the admin, in Dutch and English."""

from __future__ import annotations

import csv
import io
import json
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from meedoen.accounts.models import ProcessingActivity

SEEDED = {
    "request-desk",
    "volunteer-desk",
    "matching",
    "engagement",
    "audit-log",
    "insight",
    "accounts",
}


@pytest.fixture(autouse=True)
def seeded(db):
    """The register as the migration seeds it (a test that commits empties the tables after
    it, so whichever test ran before in this process, the seed is there again)."""
    if not ProcessingActivity.objects.exists():
        import_module("meedoen.accounts.migrations.0007_processing_register").seed(apps, None)


def test_the_register_is_seeded_with_meedoens_processings(db):
    entries = {entry.slug: entry for entry in ProcessingActivity.objects.all()}
    assert set(entries) == SEEDED
    assert entries["request-desk"].special_category
    assert not entries["insight"].special_category
    for entry in entries.values():
        for name in ProcessingActivity.TEXTS:
            assert entry.text(name, "nl") and entry.text(name, "en"), (entry.slug, name)


def test_administrators_see_it_in_dutch_and_english(client, world, settings):
    client.force_login(world.people["admin"])
    page = client.get(reverse("accounts:processing_register"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Verwerkingsregister" in content
    assert "Hulpvragen (hulpvraagbalie)" in content
    assert "Gegevens over gezondheid" in content
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("accounts:processing_register")).content.decode()
    assert "Help requests (request desk)" in english


def test_exports_as_csv_and_json(client, world):
    client.force_login(world.people["admin"])
    as_csv = client.get(reverse("accounts:processing_register_export", args=["csv"]))
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "attachment" in as_csv["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    assert len(rows) == len(SEEDED)
    assert rows[0]["name_nl"] == "Hulpvragen (hulpvraagbalie)"
    assert rows[0]["special_category"] == "True"
    as_json = client.get(reverse("accounts:processing_register_export", args=["json"]))
    data = json.loads(as_json.content)
    assert data[0]["name_en"] == "Help requests (request desk)"
    assert {"purpose_nl", "legal_basis_en", "retention_nl", "security_en"} <= set(data[0])


def test_a_text_is_never_read_as_a_formula(client, world):
    ProcessingActivity.objects.filter(slug="insight").update(purpose_nl="=HYPERLINK(1)")
    client.force_login(world.people["admin"])
    text = client.get(reverse("accounts:processing_register_export", args=["csv"])).content
    assert "'=HYPERLINK(1)" in text.decode()


@pytest.mark.parametrize("role", ["coordinator", "policy", "citizen", "volunteer"])
def test_no_one_else_reaches_it(client, world, role):
    client.force_login(world.people[role])
    assert client.get(reverse("accounts:processing_register")).status_code == 403
    export = reverse("accounts:processing_register_export", args=["json"])
    assert client.get(export).status_code == 403


def test_anonymous_are_sent_to_sign_in(client, db):
    assert client.get(reverse("accounts:processing_register")).status_code == 302


def test_editable_in_the_admin(client, world):
    client.force_login(world.people["admin"])
    entry = ProcessingActivity.objects.get(slug="insight")
    page = client.get(reverse("admin:accounts_processingactivity_change", args=[entry.pk]))
    assert page.status_code == 200
    assert "purpose_en" in page.content.decode()
