from django.core.management.base import BaseCommand, CommandError

from meedoen.accounts import tokens
from meedoen.accounts.models import User


class Command(BaseCommand):
    help = (
        "Make a named API token for a user and print its key (shown this once; only a digest "
        "is kept). Staff accounts need confirmed two-factor authentication first."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API", help="What the token is for.")
        parser.add_argument(
            "--days", type=int, default=tokens.LIFETIME_DAYS, help="Valid for this many days."
        )

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        try:
            _token, key = tokens.issue(user, name, days=days)
        except tokens.TokenRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(key)
