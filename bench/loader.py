"""A generated city in its own database, for the benchmarks: one network (a central desk and its
member organisations) with volunteers and requests ready for matching, in bulk inserts.

    setup(database_url); migrate(); load(volunteers, requests, organisations, seed)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BATCH = 5000


def database_url(base: str | None, name: str) -> str:
    """A database of its own for one benchmark instance: a SQLite file in var/, or a database
    next to the one `base` names on the same PostgreSQL server (created when missing)."""
    if not base or base.startswith("sqlite"):
        (ROOT / "var").mkdir(exist_ok=True)
        return f"sqlite:///{ROOT / 'var' / f'bench-{name}.sqlite3'}"
    parts = urlsplit(base)
    database = f"{parts.path.lstrip('/') or 'meedoen'}_{name}".replace("-", "_")
    import psycopg

    with psycopg.connect(base, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database}"')
    return urlunsplit(parts._replace(path=f"/{database}"))


def setup(url: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedoen.settings")
    os.environ.setdefault("MEEDOEN_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


INSERT = "INSERT INTO {} ({}) VALUES ({})"


def insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Many rows of a link table at once (faster than a model instance per row)."""
    from django.db import connection

    quote = connection.ops.quote_name
    sql = INSERT.format(
        quote(model._meta.db_table),
        ", ".join(map(quote, columns)),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 4):
            cursor.executemany(sql, rows[start : start + BATCH * 4])


def load(n_volunteers: int, n_requests: int, organisations: int, seed: int) -> bool:
    """Load the city unless it is there; True when it was loaded now."""
    import random
    from datetime import timedelta

    from django.db import connection, transaction
    from django.db.models import F
    from django.db.models.functions import Mod
    from django.utils import timezone

    from meedoen import availability
    from meedoen.accounts.models import User
    from meedoen.catalogue.models import Activity, Motive, Skill
    from meedoen.organisations.models import (
        Area,
        Membership,
        Municipality,
        Network,
        Organisation,
    )
    from meedoen.requests.models import HelpRequest
    from meedoen.volunteers.models import Enrolment, VolunteerProfile

    if VolunteerProfile.objects.count() >= n_volunteers:
        return False
    rng = random.Random(seed)
    with transaction.atomic():
        town = Municipality.objects.create(name="Benchstad", code="GM9990")
        areas = Area.objects.bulk_create(
            [
                Area(
                    municipality=town,
                    name=f"Wijk {i}",
                    kind="neighbourhood",
                    latitude=round(52.0 + rng.uniform(-0.1, 0.1), 5),
                    longitude=round(4.3 + rng.uniform(-0.17, 0.17), 5),
                )
                for i in range(120)
            ]
        )
        desk = Organisation.objects.create(
            municipality=town,
            name="Centraal Vrijwilligerspunt Benchstad",
            type=2,
            sector="volunteer_centre",
            is_central_desk=True,
        )
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(
                    municipality=town, name=f"Organisatie {i}", type=2, sector="volunteer_centre"
                )
                for i in range(organisations)
            ]
        )
        network = Network.objects.create(name="Netwerk Benchstad", desk=desk)
        network.members.set(orgs)
        coordinators = User.objects.bulk_create(
            [
                User(username=f"bench-coordinator-{i}", password="!")  # noqa: S106  (unusable)
                for i in range(organisations + 1)
            ]
        )
        Membership.objects.bulk_create(
            [
                Membership(user=u, organisation=o, role="coordinator")
                for u, o in zip(coordinators, [*orgs, desk], strict=True)
            ]
        )
        welfare = list(Activity.objects.filter(care_level=1))
        motives = list(Motive.objects.all())
        skills = list(Skill.objects.all())
        users = User.objects.bulk_create(
            [
                User(
                    username=f"bench-volunteer-{i}",
                    first_name=f"V{i}",
                    password="!",  # noqa: S106  (unusable)
                )
                for i in range(n_volunteers)
            ],
            batch_size=BATCH,
        )
        today = timezone.localdate()
        profiles = VolunteerProfile.objects.bulk_create(
            [
                VolunteerProfile(
                    user=u,
                    area=rng.choice(areas),
                    availability=availability.to_mask(
                        rng.sample(availability.SLOTS, rng.randint(2, 7))
                    ),
                    travel_km=rng.choice([2, 3, 5, 8]),
                    languages=rng.choice(["nl", "nl", "nl,en", "nl,ar", "nl,tr"]),
                    vog_issued_on=today.replace(year=today.year - 1)
                    if rng.random() < 0.9
                    else None,
                )
                for u in users
            ],
            batch_size=BATCH,
        )
        Enrolment.objects.bulk_create(
            [
                Enrolment(profile=p, organisation=rng.choice(orgs), status="active")
                for p in profiles
            ],
            batch_size=BATCH,
        )
        for field, target, choices, per_profile in (
            ("activities", "activity", welfare, 2),
            ("motives", "motive", motives, 1),
            ("skills", "skill", skills, 1),
        ):
            insert(
                getattr(VolunteerProfile, field).through,
                ["volunteerprofile_id", f"{target}_id"],
                [(p.pk, c.pk) for p in profiles for c in rng.sample(choices, per_profile)],
            )
        requests = HelpRequest.objects.bulk_create(
            [
                HelpRequest(
                    reference=f"BN-{n:08d}",  # the random default would repeat in 100,000
                    municipality=town,
                    area=rng.choice(areas),
                    organisation=rng.choice(orgs),
                    source="citizen",
                    first_name="R",
                    status="ready",
                    self_reliance=rng.choice([3, 4, 4, 5]),
                    urgency="high" if rng.random() < 0.15 else "normal",
                    languages=rng.choice(["nl"] * 8 + ["en", "ar"]),
                    availability=availability.to_mask(rng.sample(availability.SLOTS, 4)),
                )
                for n in range(n_requests)
            ],
            batch_size=BATCH,
        )
        insert(
            HelpRequest.activities.through,
            ["helprequest_id", "activity_id"],
            [(r.pk, rng.choice(welfare).pk) for r in requests],
        )
        # Requests have waited up to four months, some longer than others.
        now = timezone.now()
        for weeks in range(16):
            HelpRequest.objects.alias(bucket=Mod(F("pk"), 16)).filter(bucket=weeks).update(
                created_at=now - timedelta(weeks=weeks, hours=weeks)
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return True
