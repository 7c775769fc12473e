from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "meedoen.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        """The handlers below are functions of this method: connected strongly (weak=False),
        or they would be collected once it returns and stop listening."""
        from meedoen import jobs

        jobs.every("expire-proposals", "meedoen.matching.jobs.expire_proposals", minutes=60)

        from django.core.cache import cache
        from django.db.models.signals import post_delete, post_save

        from meedoen.matching.selectors import AREA_CACHE_KEY
        from meedoen.organisations.models import Area

        def forget_areas(**kwargs):
            cache.delete(AREA_CACHE_KEY)

        post_save.connect(
            forget_areas, sender=Area, dispatch_uid="matching-forget-areas", weak=False
        )
        post_delete.connect(
            forget_areas, sender=Area, dispatch_uid="matching-forget-areas-d", weak=False
        )

        from meedoen.matching.selectors import forget_pools
        from meedoen.volunteers.models import Enrolment, VolunteerProfile

        def forget_pool(**kwargs):
            forget_pools()

        for model in (VolunteerProfile, Enrolment):
            post_save.connect(
                forget_pool, sender=model, dispatch_uid=f"pool-{model.__name__}", weak=False
            )
            post_delete.connect(
                forget_pool, sender=model, dispatch_uid=f"pool-d-{model.__name__}", weak=False
            )

        from meedoen.matching.models import MatchProposal
        from meedoen.requests.signals import anonymised

        def forget_reasons(sender, ids, **kwargs):
            """A volunteer's reason to decline a request goes with the request's words."""
            MatchProposal.objects.filter(help_request_id__in=ids).update(reason="")

        anonymised.connect(forget_reasons, dispatch_uid="matching-forget-reasons", weak=False)

        from meedoen.matching import personal

        personal.register()
