"""Daily: volunteers who paused themselves are active again on their return date. Idempotent."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from meedoen.volunteers import services


class Command(BaseCommand):
    help = "Make paused volunteers active again on their return date."

    def handle(self, *args, **options):
        count = services.resume_due(timezone.localdate())
        self.stdout.write(f"{count} volunteers back from a pause")
