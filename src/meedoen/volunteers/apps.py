from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "meedoen.volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from meedoen import jobs

        jobs.every(
            "resume-volunteers",
            "meedoen.volunteers.jobs.resume_volunteers",
            minutes=24 * 60,
            at=time(0, 15),
        )

        from meedoen.volunteers import personal

        personal.register()
