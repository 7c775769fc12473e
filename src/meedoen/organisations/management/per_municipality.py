"""The shape of a nightly command that works through municipalities one at a time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from meedoen.organisations.models import Municipality


class PerMunicipalityCommand(BaseCommand):
    """Runs `work` for every municipality (or the one named by `--municipality CODE`), each a
    unit of work of its own, and prints how many records each changed and the total.

    A subclass sets `done` (what happened to each record, e.g. "erased"), `what` (the records,
    plural) and `work(municipality) -> int`."""

    done = "changed"
    what = "records"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--municipality", help="CBS code of one municipality")

    def work(self, municipality: Municipality) -> int:
        raise NotImplementedError

    def handle(self, *args: Any, municipality: str | None = None, **options: Any) -> None:
        municipalities = Municipality.objects.all()
        if municipality:
            municipalities = municipalities.filter(code=municipality)
        total = 0
        for each in municipalities:
            count = self.work(each)
            total += count
            if count:
                self.stdout.write(f"{each.code} {each.name}: {count} {self.done}")
        self.stdout.write(f"{total} {self.what} {self.done}")
