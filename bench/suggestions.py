"""Suggestions for one request with 100,000 volunteers in the database, through the API.

Loads a generated city into its own database (SQLite file by default, or --database-url
postgres://...), then times GET /api/v1/help-requests/{id}/suggestions server-side (Django's
test client, in process) for 1,000 requests and prints p50, p95 and p99.

    .venv/bin/python -m bench.suggestions [--database-url URL] [--volunteers N] [--calls N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(database_url: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedoen.settings")
    os.environ.setdefault("MEEDOEN_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def load(n_volunteers: int, n_requests: int, organisations: int, seed: int) -> None:
    import random

    from django.db import transaction
    from django.utils import timezone

    from meedoen import availability
    from meedoen.accounts.models import Role, User
    from meedoen.catalogue.models import Activity, Motive, Skill
    from meedoen.organisations.models import Area, Membership, Municipality, Organisation
    from meedoen.requests.models import HelpRequest
    from meedoen.volunteers.models import Enrolment, VolunteerProfile

    if VolunteerProfile.objects.count() >= n_volunteers:
        return
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
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(
                    municipality=town, name=f"Organisatie {i}", type=2, sector="volunteer_centre"
                )
                for i in range(organisations)
            ]
        )
        coordinators = User.objects.bulk_create(
            [
                User(username=f"bench-coordinator-{i}", role=Role.COORDINATOR, password="!")  # noqa: S106  (unusable)
                for i in range(organisations)
            ]
        )
        Membership.objects.bulk_create(
            [
                Membership(user=u, organisation=o, role="coordinator")
                for u, o in zip(coordinators, orgs, strict=True)
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
                    role=Role.VOLUNTEER,
                    password="!",  # noqa: S106  (unusable)
                )
                for i in range(n_volunteers)
            ],
            batch_size=5000,
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
                    languages=rng.choice(["nl", "nl,en"]),
                    vog_issued_on=today.replace(year=today.year - 1),
                )
                for u in users
            ],
            batch_size=5000,
        )
        Enrolment.objects.bulk_create(
            [
                Enrolment(profile=p, organisation=rng.choice(orgs), status="active")
                for p in profiles
            ],
            batch_size=5000,
        )
        through = VolunteerProfile.activities.through
        through.objects.bulk_create(
            [
                through(volunteerprofile=p, activity=a)
                for p in profiles
                for a in rng.sample(welfare, 2)
            ],
            batch_size=10000,
        )
        through = VolunteerProfile.motives.through
        through.objects.bulk_create(
            [through(volunteerprofile=p, motive=rng.choice(motives)) for p in profiles],
            batch_size=10000,
        )
        through = VolunteerProfile.skills.through
        through.objects.bulk_create(
            [through(volunteerprofile=p, skill=rng.choice(skills)) for p in profiles],
            batch_size=10000,
        )
        requests = HelpRequest.objects.bulk_create(
            [
                HelpRequest(
                    municipality=town,
                    area=rng.choice(areas),
                    organisation=rng.choice(orgs),
                    source="citizen",
                    first_name="R",
                    status="ready",
                    self_reliance=4,
                    availability=availability.to_mask(rng.sample(availability.SLOTS, 4)),
                )
                for _ in range(n_requests)
            ]
        )
        through = HelpRequest.activities.through
        through.objects.bulk_create(
            [through(helprequest=r, activity=rng.choice(welfare)) for r in requests]
        )


def measure(calls: int, seed: int) -> list[float]:
    import random

    from django.test import Client
    from rest_framework.authtoken.models import Token

    from meedoen.accounts.models import User
    from meedoen.requests.models import HelpRequest

    rng = random.Random(seed)
    requests = list(HelpRequest.objects.filter(status="ready").values_list("pk", "organisation_id"))
    coordinators = {
        org: user
        for user, org in User.objects.filter(username__startswith="bench-coordinator-").values_list(
            "pk", "memberships__organisation_id"
        )
    }
    clients = {}
    timings = []
    for _ in range(calls):
        pk, org = rng.choice(requests)
        client = clients.get(org)
        if client is None:  # an API client with its token, as the API is used
            token, _ = Token.objects.get_or_create(user=User.objects.get(pk=coordinators[org]))
            client = clients[org] = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
        started = time.perf_counter()
        response = client.get(f"/api/v1/help-requests/{pk}/suggestions")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
    return timings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--calls", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    (ROOT / "var").mkdir(exist_ok=True)
    setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load(args.volunteers, args.requests, args.organisations, args.seed)
    loaded = time.perf_counter()
    measure(20, args.seed + 1)  # warm up
    timings = sorted(measure(args.calls, args.seed))
    quantile = statistics.quantiles(timings, n=100)
    print(f"machine: {os.cpu_count()} cores; database: {connection.vendor}")
    print(
        f"volunteers: {args.volunteers:,}, requests ready: {args.requests:,}, "
        f"organisations: {args.organisations} (load {loaded - started:.0f} s)"
    )
    print(
        f"suggestions through the API, {args.calls} calls: p50 {quantile[49]:.1f} ms, "
        f"p95 {quantile[94]:.1f} ms, p99 {quantile[98]:.1f} ms, max {timings[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
