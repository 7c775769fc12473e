from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "meedoen.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from meedoen.accounts import audit, tokens

        audit.register_models()
        tokens.connect()
