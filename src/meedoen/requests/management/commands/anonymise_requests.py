"""Nightly: strip personal data from help requests that ended longer ago than the retention period.

Idempotent, one municipality a unit of work (`--municipality CODE` to run one).
"""

from django.core.management.base import BaseCommand

from meedoen.organisations.models import Municipality
from meedoen.requests import services


class Command(BaseCommand):
    help = "Anonymise ended help requests past their municipality's retention period."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", help="CBS code of one municipality")

    def handle(self, *args, municipality=None, **options):
        municipalities = Municipality.objects.all()
        if municipality:
            municipalities = municipalities.filter(code=municipality)
        total = 0
        for each in municipalities:
            count = services.anonymise_expired(each)
            total += count
            if count:
                self.stdout.write(f"{each.code} {each.name}: {count} anonymised")
        self.stdout.write(f"{total} help requests anonymised")
