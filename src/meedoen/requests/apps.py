from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "meedoen.requests"
    label = "requests"
    verbose_name = _("Help requests")

    def ready(self) -> None:
        from meedoen import jobs

        jobs.every(
            "anonymise-requests",
            "meedoen.requests.jobs.anonymise_requests",
            minutes=24 * 60,
            at=time(2, 30),
        )
        jobs.every(
            "flag-overdue-referrals",
            "meedoen.requests.jobs.flag_overdue_referrals",
            minutes=60,
        )

        from meedoen.requests import personal

        personal.register()
