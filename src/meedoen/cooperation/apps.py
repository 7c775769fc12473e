from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "meedoen.cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from datetime import time

        from meedoen import jobs
        from meedoen.cooperation import personal

        personal.register()
        jobs.every(
            "remind-agreement-reviews",
            "meedoen.cooperation.jobs.remind_agreement_reviews",
            minutes=24 * 60,
            at=time(7, 0),
        )
