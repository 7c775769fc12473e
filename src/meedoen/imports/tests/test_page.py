"""The administrator's import page: in Dutch by default, rows reported, nothing half-kept."""

from __future__ import annotations

import io
import re

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from meedoen.requests.models import HelpRequest

HEADERS = "Binnengekomen op;Voornaam;Wijk of dorp;Activiteiten\n"


def upload(client, world, content: str, action="import"):
    return client.post(
        reverse("imports:start"),
        {
            "kind": "requests",
            "organisation": world.organisation.pk,
            "action": action,
            "file": SimpleUploadedFile("geschiedenis.csv", content.encode()),
        },
    )


def test_one_bad_row_is_reported_in_dutch_and_nothing_is_imported(client, world):
    client.force_login(world.people["admin"])
    response = upload(
        client,
        world,
        HEADERS + "3-2-2026;Truus;Centrum;Bezoek en gezelschap\n"
        "30-2-2026;Piet;Centrum;Bezoek en gezelschap\n",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "1 rij klopt niet: er is niets ingelezen" in page
    assert "Hoogstens 5 MB en 2.000 rijen." in page
    row = '<th scope="row" data-label="Rij">3</th><td data-label="Kolom">Binnengekomen op</td>'
    assert row in page
    assert "“30-2-2026” is geen datum. Schrijf hem zoals 25-3-2026." in page
    assert not HelpRequest.objects.exists()


def test_a_check_shows_each_row_then_the_import_keeps_them(client, world):
    client.force_login(world.people["admin"])
    content = HEADERS + "3-2-2026;Truus;Centrum;Bezoek en gezelschap\n"
    response = upload(client, world, content, action="check")
    assert response.status_code == 200
    assert "binnengekomen op 3-2-2026, Centrum: in intake" in response.content.decode()
    assert not HelpRequest.objects.exists()
    response = upload(client, world, content)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "1 rij ingelezen in Onze Vrijwilligers." in page
    assert HelpRequest.objects.get().first_name == "Truus"


def test_a_file_that_is_not_a_spreadsheet_is_an_error_on_the_file_field(client, world):
    client.force_login(world.people["admin"])
    response = client.post(
        reverse("imports:start"),
        {
            "kind": "requests",
            "organisation": world.organisation.pk,
            "file": SimpleUploadedFile("brief.pdf", b"%PDF-1.4"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_file"' in page and "Kies een CSV- of XLSX-bestand" in page


def test_the_template_files_have_the_headers_in_the_page_language(client, world):
    client.force_login(world.people["admin"])
    response = client.get(reverse("imports:template", args=["volunteers", "xlsx"]))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    headers = next(book.worksheets[0].iter_rows(values_only=True))
    assert headers[:3] == ("Voornaam", "Achternaam", "E-mail")
    activities = [row[0] for row in book.worksheets[2].iter_rows(values_only=True)]
    assert "Bezoek en gezelschap" in activities
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("imports:template", args=["hours", "csv"]))
    page = client.get(reverse("imports:start")).content.decode()
    assert re.search(r'id="id_kind_0"[^>]*>\s*Help requests</label>', page)
    assert "At most 5 MB and 2,000 rows." in page
    assert response.content.decode("utf-8-sig").startswith("Request reference;")
    assert client.get(reverse("imports:template", args=["hours", "pdf"])).status_code == 404
