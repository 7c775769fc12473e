"""Demo data: the municipality Lindeveld (see `meedoen.demo`). Idempotent; refused in
production."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meedoen import demo


class Command(BaseCommand):
    help = "Load the demo municipality Lindeveld with organisations, accounts and people."

    def handle(self, *args, **options):
        if not settings.DEMO_ALLOWED:
            raise CommandError("Demo data is not allowed in this environment (production).")
        self.stdout.write(self.style.SUCCESS(demo.load()))
