from django.apps import AppConfig


class MeedoenConfig(AppConfig):
    """The project package itself: base templates, static files, locale, commands and jobs."""

    name = "meedoen"
    verbose_name = "Meedoen"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from meedoen import admin_names, jobs

        # The admin shows the libraries' models under translatable (Dutch) names.
        admin_names.name_everything()

        # Messages whose delivery failed, or was not asked for, go at the next turn.
        jobs.every("deliver-mail", "meedoen.notify.deliver_due", minutes=1)
        # Counts of attempts at rate-limited doors go after a day.
        jobs.every("forget-attempts", "meedoen.limits.forget_old", minutes=60)

        # The periodic jobs that the apps registered become schedules for the worker.
        post_migrate.connect(jobs.install_schedules, sender=self, dispatch_uid="meedoen-schedules")
