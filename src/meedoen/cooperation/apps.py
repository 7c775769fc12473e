from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "meedoen.cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from meedoen.cooperation import personal

        personal.register()
