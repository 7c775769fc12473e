"""Plan a global matching for one organisation (or each), to review and confirm in Meedoen."""

from django.core.management.base import BaseCommand, CommandError

from meedoen.matching import services
from meedoen.organisations.models import Organisation


class Command(BaseCommand):
    help = "Compute the optimal matching of ready requests and available volunteers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisation",
            type=int,
            help="organisation id (default: every organisation with requests ready for matching)",
        )

    def handle(self, *args, organisation=None, **options):
        organisations = Organisation.objects.filter(help_requests__status="ready").distinct()
        if organisation is not None:
            organisations = Organisation.objects.filter(pk=organisation)
            if not organisations:
                raise CommandError(f"No organisation {organisation}.")
        for each in organisations:
            run = services.plan(each)
            self.stdout.write(
                f"{each.name}: {run.matched} of {run.requests_considered} matched "
                f"(score {run.total_score:.1f}); first-come {run.greedy_matched} "
                f"(score {run.greedy_score:.1f})"
            )
