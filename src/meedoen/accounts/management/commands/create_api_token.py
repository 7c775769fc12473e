from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from meedoen.accounts.models import User


class Command(BaseCommand):
    help = "Print the API token of a user, creating it if there is none (--rotate: a new one)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="Replace an existing token.")

    def handle(self, *args, username, rotate, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
