from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "meedoen.agenda"
    verbose_name = _("Agenda")

    def ready(self) -> None:
        from meedoen.agenda import personal

        personal.register()
