from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "meedoen.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from meedoen import jobs
        from meedoen.notifications import personal

        # One mail a day per person with the notifications they wanted as a digest.
        jobs.every(
            "notification-digest",
            "meedoen.notifications.services.send_digests",
            minutes=24 * 60,
            at=time(7, 0),
        )
        personal.register()
