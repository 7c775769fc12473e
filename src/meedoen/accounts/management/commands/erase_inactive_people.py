"""Nightly: erase people who did nothing in Meedoen for their municipality's period and have no
open work (the same as the worker's `erase-inactive-people`).

Idempotent, one municipality a unit of work (`--municipality CODE` to run one).
"""

from django.core.management.base import BaseCommand

from meedoen.accounts import jobs
from meedoen.organisations.models import Municipality


class Command(BaseCommand):
    help = "Erase volunteers and requesters inactive past their municipality's period."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", help="CBS code of one municipality")

    def handle(self, *args, municipality=None, **options):
        municipalities = Municipality.objects.all()
        if municipality:
            municipalities = municipalities.filter(code=municipality)
        total = 0
        for each in municipalities:
            count = jobs.erase_inactive(each)
            total += count
            if count:
                self.stdout.write(f"{each.code} {each.name}: {count} erased")
        self.stdout.write(f"{total} people erased")
