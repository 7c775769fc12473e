"""Concerns not acknowledged in time go up one level. Run it every few minutes (cron);
running it twice at once or again soon after changes nothing."""

from django.core.management.base import BaseCommand

from meedoen.engagements.services import concerns


class Command(BaseCommand):
    help = "Escalate concerns that were not acknowledged in time."

    def handle(self, *args, **options):
        done = concerns.escalate_overdue()
        self.stdout.write(f"{done} concern(s) escalated")
