"""Import a municipality's history from a spreadsheet, with the checks of the import page,
for files larger than the page takes."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from meedoen.accounts.models import User
from meedoen.imports import columns, reading, services
from meedoen.organisations.models import Organisation
from meedoen.permissions import is_admin


class Command(BaseCommand):
    help = (
        "Import help requests, volunteers or hours from a CSV or XLSX file into an "
        "organisation: all rows or none (see docs/import.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(columns.KINDS))
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument(
            "--organisation", type=int, required=True, help="number of the organisation"
        )
        parser.add_argument(
            "--user", required=True, help="user name of the administrator who imports"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and show, keep nothing")
        parser.add_argument("--language", default="nl", choices=["nl", "en"])
        parser.add_argument("--max-rows", type=int, default=reading.COMMAND_MAX_ROWS)

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self._import(options)

    def _import(self, options):
        actor = User.objects.filter(username=options["user"], is_active=True).first()
        if actor is None or not is_admin(actor):
            raise CommandError("Only an administrator may import: give their user name.")
        organisation = Organisation.objects.filter(pk=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"There is no organisation {options['organisation']}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        if path.stat().st_size > reading.COMMAND_MAX_BYTES:
            raise CommandError(
                f"The file is larger than {reading.COMMAND_MAX_BYTES // (1024 * 1024)} MB."
            )
        try:
            rows = reading.read(
                path.read_bytes(),
                path.name,
                options["kind"],
                max_bytes=reading.COMMAND_MAX_BYTES,
                max_rows=options["max_rows"],
            )
        except reading.ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        outcome = services.run(
            options["kind"],
            rows,
            organisation=organisation,
            actor=actor,
            dry_run=options["dry_run"],
        )
        for error in outcome.errors:
            column = f" [{error.column}]" if error.column else ""
            self.stderr.write(f"{error.row}{column}: {error.message}")
        if outcome.errors:
            raise CommandError(f"{len(outcome.errors)} row(s) refused; nothing was imported.")
        if outcome.dry_run:
            for number, text in outcome.preview:
                self.stdout.write(f"{number}: {text}")
            self.stdout.write(f"{outcome.rows} row(s) checked; nothing was imported (dry run).")
        else:
            self.stdout.write(f"{outcome.imported} row(s) imported into {organisation}.")
