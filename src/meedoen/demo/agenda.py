"""Demo agenda: Gerrit (demo-volunteer) also responds to the village care cooperative's
vacancy, and its coordinator plans the intake for next week's Tuesday at 10:00. Beside the
check-ins of his assignments, his agenda ("Mijn agenda") then has an appointment to come, and
the village's coordinator has it in theirs."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from meedoen.demo.world import World
from meedoen.volunteers import services
from meedoen.volunteers.models import Vacancy, VolunteerProfile


def load(world: World) -> None:
    village = world.organisations["village"]
    profile = VolunteerProfile.objects.get(user__username="demo-volunteer")
    if profile.enrolments.filter(organisation=village).exists():
        return
    vacancy = Vacancy.objects.filter(organisation=village, is_open=True).order_by("pk").first()
    if vacancy is None:
        return
    application = services.apply(
        vacancy.pk, profile, "Ik help graag ook in Hoogeind; ik heb een auto."
    )
    today = timezone.localdate()
    tuesday = today + timedelta(days=7 - today.weekday() + 1)
    services.invite(
        application.pk,
        world.handler("village"),
        intake_at=datetime.combine(tuesday, time(10, 0), tzinfo=ZoneInfo(settings.TIME_ZONE)),
        answer="Welkom! Kom dinsdag om tien uur langs voor een kennismaking.",
    )
