from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "meedoen.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from meedoen.accounts import audit, tokens

        audit.register_models()
        tokens.connect()

        from meedoen.accounts import rights

        rights.register()

        from meedoen import jobs

        jobs.every(
            "erase-inactive-people",
            "meedoen.accounts.jobs.erase_inactive_people",
            minutes=24 * 60,
            at=time(3, 0),
        )
