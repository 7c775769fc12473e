"""Nightly: strip personal data from help requests that ended longer ago than the retention period.

Idempotent, one municipality a unit of work (`--municipality CODE` to run one).
"""

from meedoen.organisations.management.per_municipality import PerMunicipalityCommand
from meedoen.requests import services


class Command(PerMunicipalityCommand):
    help = "Anonymise ended help requests past their municipality's retention period."
    done = "anonymised"
    what = "help requests"

    def work(self, municipality):
        return services.anonymise_expired(municipality)
