"""Nightly: erase people who did nothing in Meedoen for their municipality's period and have no
open work (the same as the worker's `erase-inactive-people`).

Idempotent, one municipality a unit of work (`--municipality CODE` to run one).
"""

from meedoen.accounts import jobs
from meedoen.organisations.management.per_municipality import PerMunicipalityCommand


class Command(PerMunicipalityCommand):
    help = "Erase volunteers and requesters inactive past their municipality's period."
    done = "erased"
    what = "people"

    def work(self, municipality):
        return jobs.erase_inactive(municipality)
