from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "meedoen.engagements"
    verbose_name = _("Engagement")

    def ready(self) -> None:
        from meedoen import jobs

        jobs.every("escalate-concerns", "meedoen.engagements.jobs.escalate_concerns", minutes=5)
        # Before the daily digest of seven, so that a check-in due today is in it.
        jobs.every(
            "check-ins-due",
            "meedoen.engagements.jobs.notify_due_check_ins",
            minutes=24 * 60,
            at=time(6, 30),
        )

        from meedoen.engagements.retention import forget_requests
        from meedoen.requests.signals import anonymised

        anonymised.connect(forget_requests, dispatch_uid="engagements-forget-requests")

        from meedoen.engagements import personal

        personal.register()

        from meedoen.engagements import conversations

        conversations.register()
