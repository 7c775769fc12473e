"""The demo municipality Lindeveld, made through Meedoen's own services.

Every request, enrolment, proposal, assignment, hour, concern and handover in it was made by
the step a person (or Meedoen's scheduled jobs) takes, so the demo holds only what Meedoen
itself could have produced. Deterministic (seeded) and idempotent: loading it again adds
nothing. `manage.py load_demo` loads it; it is refused in production.
"""

from __future__ import annotations

import random

from auditlog.context import disable_auditlog
from django.db import transaction
from django.test.utils import override_settings

from meedoen import notify
from meedoen.demo import (
    agenda,
    cooperation,
    engagement,
    requests,
    task_division,
    volunteers,
    world,
)


def load() -> str:
    # The demo's people have addresses that do not exist: Meedoen queues no mail. Nobody
    # really did these steps, so the audit log (who did what) stays empty; and the thousands
    # of queries are not kept for the debug page.
    with (
        override_settings(DEBUG=False),
        notify.silenced(),
        disable_auditlog(),
        transaction.atomic(),
    ):
        lindeveld = world.build()
        made_volunteers = volunteers.load(lindeveld, random.Random(2026))
        made_requests, made_assignments = requests.load(lindeveld, random.Random(2027))
        engagement.load(lindeveld)
        agenda.load(lindeveld)
        task_division.load(lindeveld)
        cooperation.load(lindeveld)
    return (
        f"Demo municipality {lindeveld.municipality.name}: {len(lindeveld.areas)} areas, "
        f"{len(lindeveld.organisations)} organisations, "
        f"{sum(u.startswith('demo-') for u in lindeveld.people)} demo accounts; "
        f"{made_volunteers} volunteers, {made_requests} help requests and "
        f"{made_assignments} assignments added."
    )
