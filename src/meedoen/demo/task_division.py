"""The task division of Lindeveld's organisations: who does what, and where it changed.

The volunteer centre took over the visits when the welfare worker's hours were cut, and the
welfare organisation took administration help back from its volunteers once it had a social
worker for debts again; the village cooperative shares meals with the home care. Made through
the service, as the coordinators would have recorded it; the monitor shows the changes.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from meedoen.demo.world import World
from meedoen.organisations import services
from meedoen.organisations.models import TaskDivision

#: (organisation, activity, [(who, days ago, why), ...]), oldest first.
HISTORY = [
    (
        "centre",
        "visiting",
        [
            ("professionals", 330, "De welzijnswerker legt de huisbezoeken af."),
            ("both", 200, "Vrijwilligers gaan mee op huisbezoek."),
            ("volunteers", 75, "De uren van de welzijnswerker zijn verminderd."),
        ],
    ),
    (
        "centre",
        "transport",
        [("volunteers", 300, "Vrijwillige chauffeurs rijden naar het ziekenhuis.")],
    ),
    (
        "welfare",
        "administration",
        [
            ("volunteers", 280, "Vrijwilligers helpen met de post en formulieren."),
            ("both", 40, "Bij schulden neemt de maatschappelijk werker het over."),
        ],
    ),
    (
        "village",
        "meals",
        [
            ("professionals", 250, "De thuiszorg brengt de maaltijden."),
            ("both", 120, "Het dorp kookt zelf twee keer per week."),
        ],
    ),
]


def load(world: World) -> int:
    """Records the history once; loading again adds nothing."""
    made = 0
    today = timezone.localdate()
    for key, code, changes in HISTORY:
        organisation = world.organisations[key]
        activity = world.activities[code]
        if TaskDivision.objects.filter(organisation=organisation, activity=activity).exists():
            continue
        for done_by, days_ago, reason in changes:
            services.record_task_division(
                world.handler(key),
                organisation,
                activity=activity,
                done_by=done_by,
                since=today - timedelta(days=days_ago),
                reason=reason,
            )
            made += 1
    return made
