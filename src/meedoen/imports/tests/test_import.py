"""A municipality's history, imported: every row checked through the rules new records go
through, all or nothing, with the day each request came in and each hour was made."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from openpyxl import Workbook

from meedoen.engagements.models import HoursEntry
from meedoen.engagements.tests.factories import active_request
from meedoen.imports import columns, reading, services
from meedoen.models import OutgoingMail
from meedoen.organisations.models import Organisation, SubstitutionSignal
from meedoen.organisations.tests.factories import OrganisationFactory
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest, ProfessionalReferral
from meedoen.volunteers.models import VolunteerProfile
from meedoen.volunteers.tests.factories import volunteer

REQUEST_HEADERS = [
    "Binnengekomen op",
    "Voornaam",
    "Wijk of dorp",
    "Activiteiten",
    "Formele zorg doorverwijzen naar",
]


@pytest.fixture(autouse=True)
def english():
    """The messages are read in English here; the page's Dutch is checked on the page."""
    with translation.override("en"):
        yield


@pytest.fixture
def homecare(world):
    return OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg Teststad",
        type=Organisation.Type.PROFESSIONALS_ONLY,
        sector="home_care",
    )


def csv_file(headers, *rows, delimiter=";") -> bytes:
    """A CSV as a Dutch spreadsheet saves it: semicolons between cells."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_file(headers, *rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_(world, kind, content, name="history.csv", *, dry_run=False, organisation=None):
    rows = reading.read(content, name, kind)
    return services.run(
        kind,
        rows,
        organisation=organisation or world.organisation,
        actor=world.people["admin"],
        dry_run=dry_run,
    )


def errors(outcome):
    return [(e.row, e.column, e.message) for e in outcome.errors]


# --- help requests -------------------------------------------------------------------------


def test_requests_keep_the_day_they_came_in_and_wait_in_intake(world):
    outcome = import_(
        world,
        "requests",
        csv_file(
            REQUEST_HEADERS,
            ["3-2-2026", "Truus", "Centrum", "Bezoek en gezelschap", ""],
            ["2025-12-24", "Piet", "dorp", "Boodschappen doen; Wandelen en uitstapjes", ""],
        ),
    )
    assert outcome.ok and outcome.imported == 2
    truus = HelpRequest.objects.get(first_name="Truus")
    assert timezone.localdate(truus.received_at) == date(2026, 2, 3)
    assert timezone.localdate(truus.created_at) == timezone.localdate()
    assert truus.status == workflow.IN_INTAKE and truus.organisation == world.organisation
    piet = HelpRequest.objects.get(first_name="Piet")
    assert piet.area == world.other_area
    assert sorted(piet.activities.values_list("code", flat=True)) == ["shopping", "walks-outings"]
    assert list(piet.transitions.values_list("name", flat=True)) == ["submit", "start_intake"]


def test_a_mixed_request_is_split_and_formal_care_never_stays_with_volunteers(world, homecare):
    outcome = import_(
        world,
        "requests",
        csv_file(
            REQUEST_HEADERS,
            [
                "3-2-2026",
                "Truus",
                "Centrum",
                "Bezoek en gezelschap; Hulp bij wassen en douchen",
                "Thuiszorg Teststad",
            ],
            ["4-2-2026", "Kees", "Centrum", "Wondverzorging", "thuiszorg teststad"],
        ),
    )
    assert outcome.ok, errors(outcome)
    truus = HelpRequest.objects.get(first_name="Truus")
    assert list(truus.activities.values_list("code", flat=True)) == ["visiting"]
    referral = ProfessionalReferral.objects.get(help_request=truus)
    assert referral.organisation == homecare
    assert list(referral.activities.values_list("code", flat=True)) == ["washing"]
    assert truus.status == workflow.IN_INTAKE
    kees = HelpRequest.objects.get(first_name="Kees")
    assert kees.status == workflow.REFERRED and not kees.activities.exists()
    assert SubstitutionSignal.objects.filter(organisation=world.organisation).count() == 2


def test_formal_care_without_a_professional_organisation_is_refused(world, homecare):
    outcome = import_(
        world,
        "requests",
        csv_file(REQUEST_HEADERS, ["3-2-2026", "Truus", "Centrum", "Medicatie toedienen", ""]),
    )
    assert errors(outcome) == [
        (
            2,
            "Refer formal care to",
            "Volunteers may not do Giving medication: that is care that professionals give. "
            "Name the professional organisation it is referred to.",
        )
    ]
    assert not HelpRequest.objects.exists()


def test_every_bad_cell_is_reported_with_its_row_and_column_and_nothing_is_kept(world):
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d-%m-%Y")
    outcome = import_(
        world,
        "requests",
        csv_file(
            REQUEST_HEADERS,
            ["3-2-2026", "Truus", "Centrum", "Bezoek en gezelschap", ""],
            ["31-2-2026", "Piet", "Centrum", "Bezoek en gezelschap", ""],
            [tomorrow, "Anna", "Centrum", "Bezoek en gezelschap", ""],
            ["3-2-2026", "Bram", "Atlantis", "Bezoek en gezelschap", ""],
            ["3-2-2026", "Cor", "Centrum", "Vliegeren", ""],
            ["3-2-2026", "", "Centrum", "Bezoek en gezelschap", ""],
            ["3-2-2026", "=HYPERLINK(1)", "Centrum", "Bezoek en gezelschap", ""],
        ),
    )
    assert errors(outcome) == [
        (3, "Came in on", "“31-2-2026” is not a date. Write it like 25-3-2026."),
        (4, "Came in on", "The date the request came in cannot be in the future."),
        (
            5,
            "Neighbourhood or village",
            "“Atlantis” is not a neighbourhood or village of Teststad in Meedoen.",
        ),
        (
            6,
            "Activities",
            "Meedoen does not know these activities: “Vliegeren”. Use the names "
            "of the list of activities on the import page.",
        ),
        (7, "First name", "This column must be filled in."),
        (8, "First name", "This cell holds a formula. Meedoen does not calculate: type the value."),
    ]
    assert outcome.imported == 0
    assert not HelpRequest.objects.exists()  # Truus, who was fine, is not kept either


def test_a_trial_run_shows_what_would_be_imported_and_keeps_nothing(world):
    outcome = import_(
        world,
        "requests",
        csv_file(REQUEST_HEADERS, ["3-2-2026", "Truus", "Centrum", "Visits and company", ""]),
        dry_run=True,
    )
    assert outcome.ok and outcome.imported == 0
    assert outcome.preview == [(2, "came in on 3-2-2026, Centrum: in intake")]
    assert not HelpRequest.objects.exists()
    assert not LogEntry.objects.filter(additional_data__import="requests").exists()


def test_an_xlsx_with_one_bad_row_imports_nothing_and_a_good_one_everything(world):
    headers = ["Came in on", "First name", "Neighbourhood or village", "Activities"]
    bad = xlsx_file(
        headers,
        [date(2026, 1, 5), "Truus", "Centrum", "Bezoek en gezelschap"],
        ["5 januari", "Piet", "Centrum", "Bezoek en gezelschap"],
    )
    outcome = import_(world, "requests", bad, "history.xlsx")
    assert errors(outcome) == [
        (3, "Came in on", "“5 januari” is not a date. Write it like 25-3-2026.")
    ]
    assert not HelpRequest.objects.exists()
    good = xlsx_file(headers, [date(2026, 1, 5), "Truus", "Centrum", "Bezoek en gezelschap"])
    assert import_(world, "requests", good, "history.xlsx").imported == 1
    truus = HelpRequest.objects.get()
    assert timezone.localdate(truus.received_at) == date(2026, 1, 5)


def test_a_formula_in_an_xlsx_is_refused_not_calculated(world):
    content = xlsx_file(
        ["Came in on", "First name", "Neighbourhood or village", "Activities"],
        ["5-1-2026", '=CONCAT("Tr","uus")', "Centrum", "Bezoek en gezelschap"],
    )
    outcome = import_(world, "requests", content, "history.xlsx")
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "First name")]


def test_an_import_of_the_past_sends_nobody_a_message(
    world, homecare, django_capture_on_commit_callbacks
):
    content = csv_file(
        [*REQUEST_HEADERS, "E-mail"],
        [
            "3-2-2026",
            "Truus",
            "Centrum",
            "Bezoek en gezelschap; Hulp bij wassen en douchen",
            "Thuiszorg Teststad",
            "truus@example.nl",
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_(world, "requests", content)
    assert outcome.imported == 1
    assert not OutgoingMail.objects.exists()


def test_the_import_is_recorded_without_any_value_of_the_file(world):
    import_(
        world,
        "requests",
        csv_file(REQUEST_HEADERS, ["3-2-2026", "Truus", "Centrum", "Bezoek en gezelschap", ""]),
    )
    entry = LogEntry.objects.get(additional_data__import="requests")
    assert entry.actor == world.people["admin"]
    assert entry.additional_data["rows"] == 1
    assert entry.additional_data["municipality"] == world.municipality.pk
    assert "Truus" not in str(entry.__dict__)


# --- the file itself -----------------------------------------------------------------------


def test_a_file_that_is_not_the_template_is_refused_as_a_whole(world):
    with pytest.raises(reading.ImportFileError, match="These columns are missing: “Activities”"):
        reading.read(
            csv_file(["Came in on", "First name", "Neighbourhood or village"]), "x.csv", "requests"
        )
    with pytest.raises(reading.ImportFileError, match="does not know these columns: “BSN”"):
        reading.read(csv_file([*REQUEST_HEADERS, "BSN"]), "x.csv", "requests")
    with pytest.raises(reading.ImportFileError, match="CSV or XLSX"):
        reading.read(b"", "x.pdf", "requests")


def test_too_large_files_and_too_many_rows_are_refused_with_a_clear_message(world):
    row = ["3-2-2026", "Truus", "Centrum", "Bezoek en gezelschap", ""]
    with pytest.raises(reading.ImportFileError, match="more than 3 rows"):
        reading.read(csv_file(REQUEST_HEADERS, *[row] * 4), "x.csv", "requests", max_rows=3)
    with pytest.raises(reading.ImportFileError, match="larger than 1 MB"):
        reading.read(b"x" * (1024 * 1024 + 1), "x.csv", "requests", max_bytes=1024 * 1024)


def test_the_template_headers_are_read_back(world):
    for kind, kind_columns in columns.COLUMNS.items():
        content = csv_file([str(c.header) for c in kind_columns], [c.example for c in kind_columns])
        rows = reading.read(content, "template.csv", kind)
        assert set(rows[0].values) == {c.key for c in kind_columns}


# --- volunteers and hours ------------------------------------------------------------------

VOLUNTEER_HEADERS = ["Voornaam", "Achternaam", "E-mail", "Wijk of dorp", "Activiteiten"]


def test_volunteers_are_registered_and_taken_on(world):
    outcome = import_(
        world,
        "volunteers",
        csv_file(
            [*VOLUNTEER_HEADERS, "Uren per week"],
            ["Gerrit", "Jansen", "gerrit@example.nl", "Centrum", "Bezoek en gezelschap", "3"],
        ),
    )
    assert outcome.ok, errors(outcome)
    profile = VolunteerProfile.objects.get(user__email="gerrit@example.nl")
    assert profile.hours_per_week == 3 and not profile.user.has_usable_password()
    enrolment = profile.enrolments.get()
    assert enrolment.organisation == world.organisation and enrolment.status == "active"


def test_languages_are_written_by_name_and_an_unknown_one_is_reported(world):
    rows = [
        [
            "Gerrit",
            "Jansen",
            "gerrit@example.nl",
            "Centrum",
            "Bezoek en gezelschap",
            "Nederlands, Arabisch",
        ],
        ["Els", "Bos", "els@example.nl", "Centrum", "Bezoek en gezelschap", "english; Dutch"],
        ["Ans", "Vos", "ans@example.nl", "Centrum", "Bezoek en gezelschap", ""],
    ]
    outcome = import_(world, "volunteers", csv_file([*VOLUNTEER_HEADERS, "Talen"], *rows))
    assert outcome.ok, errors(outcome)
    spoken = dict(
        VolunteerProfile.objects.filter(user__email__endswith="example.nl").values_list(
            "user__first_name", "languages"
        )
    )
    assert spoken == {"Gerrit": "nl,ar", "Els": "en,nl", "Ans": "nl"}
    wrong = [
        "Wim",
        "Dijk",
        "wim@example.nl",
        "Centrum",
        "Bezoek en gezelschap",
        "Nederlands, Klingon",
    ]
    outcome = import_(world, "volunteers", csv_file([*VOLUNTEER_HEADERS, "Talen"], wrong))
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "Languages")]
    assert "“Klingon”" in outcome.errors[0].message
    assert not VolunteerProfile.objects.filter(user__email="wim@example.nl").exists()


def test_a_volunteer_is_not_given_formal_care_nor_imported_twice(world):
    outcome = import_(
        world,
        "volunteers",
        csv_file(
            VOLUNTEER_HEADERS,
            ["Gerrit", "Jansen", "gerrit@example.nl", "Centrum", "Hulp bij wassen en douchen"],
            ["Els", "Bos", "els@example.nl", "Centrum", "Bezoek en gezelschap"],
            ["Els", "Bos", "ELS@example.nl", "Centrum", "Bezoek en gezelschap"],
        ),
    )
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "Activities"), (4, "E-mail")]
    assert "may not do Help with washing and showering" in outcome.errors[0].message
    assert not VolunteerProfile.objects.filter(user__email__iendswith="example.nl").exists()


def test_hours_are_entered_on_the_day_they_were_made(world):
    profile = volunteer(world.organisation, area=world.area)
    profile.user.email = "gerrit@example.nl"
    profile.user.save()
    help_request = active_request(profile, organisation=world.organisation, area=world.area)
    assignment = help_request.assignments.get()
    made_on = assignment.starts_on + timedelta(days=2)
    headers = ["Kenmerk hulpvraag", "E-mail vrijwilliger", "Datum", "Uren", "Kosten (euro)"]
    outcome = import_(
        world,
        "hours",
        csv_file(
            headers,
            [help_request.reference, profile.user.email, made_on.strftime("%d-%m-%Y"), "1,5", ""],
        ),
    )
    assert outcome.ok, errors(outcome)
    entry = HoursEntry.objects.get(assignment=assignment)
    assert entry.date == made_on and entry.hours == Decimal("1.5")
    assert entry.status == HoursEntry.Status.SUBMITTED
    before = assignment.starts_on - timedelta(days=1)
    outcome = import_(
        world,
        "hours",
        csv_file(
            headers,
            [help_request.reference, profile.user.email, before.strftime("%d-%m-%Y"), "2", ""],
            ["MD-NONE22", profile.user.email, made_on.strftime("%d-%m-%Y"), "13", ""],
        ),
    )
    assert [(e.row, e.column) for e in outcome.errors] == [(2, ""), (3, "Hours")]
    assert outcome.errors[0].message == "The date lies before the assignment started."
    assert HoursEntry.objects.count() == 1


# --- the command ---------------------------------------------------------------------------


def test_the_command_imports_with_the_same_checks(world, tmp_path):
    path = tmp_path / "history.csv"
    path.write_bytes(
        csv_file(REQUEST_HEADERS, ["3-2-2026", "Truus", "Centrum", "Bezoek en gezelschap", ""])
    )
    out = io.StringIO()
    call_command(
        "import_history",
        "requests",
        str(path),
        organisation=world.organisation.pk,
        user="admin",
        stdout=out,
    )
    assert HelpRequest.objects.count() == 1
    path.write_bytes(csv_file(REQUEST_HEADERS, ["3-2-2026", "", "Centrum", "Vliegeren", ""]))
    with pytest.raises(CommandError):
        call_command(
            "import_history",
            "requests",
            str(path),
            organisation=world.organisation.pk,
            user="admin",
            stdout=out,
        )
    with pytest.raises(CommandError, match="administrator"):
        call_command(
            "import_history",
            "requests",
            str(path),
            organisation=world.organisation.pk,
            user="coordinator",
            stdout=out,
        )
    assert HelpRequest.objects.count() == 1


def test_rows_are_numbered_as_the_spreadsheet_shows_them(world):
    content = (
        b"Came in on;First name;Neighbourhood or village;Activities\n"
        b"3-2-2026;Truus;Centrum;Bezoek en gezelschap\n"
        b"\n"
        b';;;\n4-2-2026;"Anne\nMarie";Centrum;Bezoek en gezelschap\n'
        b"5-2-2026;Piet;Nergens;Bezoek en gezelschap\n"
    )
    assert [row.number for row in reading.read(content, "x.csv", "requests")] == [2, 5, 6]
    outcome = import_(world, "requests", content)
    assert [(e.row, e.column) for e in outcome.errors] == [(6, "Neighbourhood or village")]
