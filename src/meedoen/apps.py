from django.apps import AppConfig


class MeedoenConfig(AppConfig):
    """The project package itself: base templates, static files, locale and commands."""

    name = "meedoen"
    verbose_name = "Meedoen"
