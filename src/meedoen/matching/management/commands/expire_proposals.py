"""Hourly: proposals not answered in time expire and the coordinator is told. Idempotent."""

from django.core.management.base import BaseCommand

from meedoen.matching import services


class Command(BaseCommand):
    help = "Expire unanswered proposals and tell the coordinators."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.expire()} proposals expired")
