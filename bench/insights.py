"""The figures page for a large municipality's year: time it server-side with several filters.

Loads a generated municipality into its own database (a SQLite file in var/ by default; with
--database-url postgres://... a database beside that one): 100,000 help requests that came in
over the last year (with their match and routing steps), 20,000 volunteers (with their start
and stop), 200,000 approved hour entries, concerns and handovers, all in bulk inserts. Then
times what the policy officer's browser asks for, through Django's test client (in process,
server-side, the same view and figures users get): GET /figures/ with several filters, and the
demand dossier PDF of a village and of a neighbourhood. Prints for each the median time of the
runs, the number of queries and the peak of memory Python allocated (measured in one more run,
apart, since tracing memory slows the code down).

    .venv/bin/python -m bench.insights [--database-url URL] [--requests N] [--volunteers N]
        [--hours N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc

from bench import loader

ROOT = loader.ROOT
BATCH = loader.BATCH


def load(n_requests: int, n_volunteers: int, n_hours: int, seed: int) -> bool:
    """Load the municipality unless it is there; True when it was loaded now."""
    import random
    from datetime import timedelta
    from decimal import Decimal

    from django.db import connection, transaction
    from django.utils import timezone

    from meedoen.accounts.models import User
    from meedoen.catalogue.models import Activity, PerformanceField
    from meedoen.engagements.models import Assignment, Concern, Handover, HoursEntry
    from meedoen.organisations.models import (
        Area,
        Membership,
        Municipality,
        MunicipalityMembership,
        Network,
        Organisation,
    )
    from meedoen.requests.models import HelpRequest, RequestTransition
    from meedoen.volunteers.models import Enrolment, EnrolmentStatusChange, VolunteerProfile

    if Municipality.objects.filter(code="GM9991").exists():
        return False
    rng = random.Random(seed)
    now = timezone.now()
    year_ago = now - timedelta(days=365)

    def moment() -> object:
        return year_ago + timedelta(seconds=rng.randrange(365 * 24 * 3600))

    with transaction.atomic():
        town = Municipality.objects.create(name="Jaarstad", code="GM9991")
        areas = Area.objects.bulk_create(
            [
                Area(
                    municipality=town,
                    name=f"{'Kern' if i % 4 == 0 else 'Wijk'} {i}",
                    kind="village" if i % 4 == 0 else "neighbourhood",
                    latitude=Decimal("52.1"),
                    longitude=Decimal("5.1"),
                    population=rng.randint(800, 12_000) if i % 10 else None,
                    population_year=2025 if i % 10 else None,
                )
                for i in range(40)
            ]
        )
        desk = Organisation.objects.create(
            municipality=town,
            name="Centrale balie Jaarstad",
            type=2,
            sector="central_desk",
            is_central_desk=True,
        )
        sectors = ["volunteer_centre", "carer_support", "buddy_network", "welfare", "home_care"]
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    municipality=town,
                    name=f"Organisatie {i}",
                    type=1 + i % 4,
                    sector=sectors[i % len(sectors)],
                )
                for i in range(30)
            ]
        )
        network = Network.objects.create(name="Netwerk Jaarstad", desk=desk)
        network.members.set(organisations)
        volunteer_led = [o for o in organisations if o.type <= 2]
        professional = [o for o in organisations if o.type >= 3]
        coordinator = User.objects.create(username="bench-insights-coordinator", password="!")  # noqa: S106
        Membership.objects.create(user=coordinator, organisation=desk, role="coordinator")
        officer = User.objects.create(username="bench-insights-policy", password="!")  # noqa: S106
        MunicipalityMembership.objects.create(user=officer, municipality=town)

        users = User.objects.bulk_create(
            [
                User(username=f"bench-insights-v{i}", first_name="V", password="!")  # noqa: S106
                for i in range(n_volunteers)
            ],
            batch_size=BATCH,
        )
        profiles = VolunteerProfile.objects.bulk_create(
            [VolunteerProfile(user=u, area=rng.choice(areas)) for u in users], batch_size=BATCH
        )
        welfare = list(Activity.objects.filter(care_level=1))
        loader.insert(
            VolunteerProfile.activities.through,
            ["volunteerprofile_id", "activity_id"],
            [(p.pk, a.pk) for p in profiles for a in rng.sample(welfare, 2)],
        )
        stopped_share = 0.15
        enrolments = Enrolment.objects.bulk_create(
            [
                Enrolment(
                    profile=p,
                    organisation=rng.choice(organisations),
                    status="stopped" if rng.random() < stopped_share else "active",
                    created_at=year_ago - timedelta(days=rng.randrange(400)),
                )
                for p in profiles
            ],
            batch_size=BATCH,
        )
        changes = []
        for e in enrolments:
            started = e.created_at + timedelta(days=rng.randrange(1, 60))
            changes.append(
                EnrolmentStatusChange(
                    enrolment=e, from_status="applicant", to_status="active", created_at=started
                )
            )
            if e.status == "stopped":
                changes.append(
                    EnrolmentStatusChange(
                        enrolment=e,
                        from_status="active",
                        to_status="stopped",
                        created_at=started + timedelta(days=rng.randrange(1, 300)),
                    )
                )
        EnrolmentStatusChange.objects.bulk_create(changes, batch_size=BATCH)

        fields = list(PerformanceField.objects.all())
        statuses = (
            ["matched"] * 10
            + ["active"] * 25
            + ["closed"] * 20
            + ["referred"] * 8
            + ["withdrawn"] * 7
            + ["declined"] * 5
            + ["submitted"] * 5
            + ["in_intake"] * 10
            + ["ready"] * 10
        )
        requests = HelpRequest.objects.bulk_create(
            [
                HelpRequest(
                    reference=f"JS-{n:08d}",
                    municipality=town,
                    area=rng.choice(areas),
                    organisation=desk if rng.random() < 0.1 else rng.choice(volunteer_led),
                    source=rng.choice(["citizen", "citizen", "carer", "professional"]),
                    first_name="R",
                    status=rng.choice(statuses),
                    performance_field=rng.choice(fields) if fields else None,
                    received_at=moment(),
                )
                for n in range(n_requests)
            ],
            batch_size=BATCH,
        )
        loader.insert(
            HelpRequest.activities.through,
            ["helprequest_id", "activity_id"],
            [(r.pk, rng.choice(welfare).pk) for r in requests],
        )
        steps = []
        matched = [r for r in requests if r.status in ("matched", "active", "closed")]
        for r in matched:
            steps.append(
                RequestTransition(
                    help_request=r,
                    name="match",
                    from_status="ready",
                    to_status="matched",
                    actor_role="handler",
                    created_at=r.received_at + timedelta(hours=rng.randrange(1, 24 * 90)),
                )
            )
        for r in rng.sample(requests, len(requests) // 10):
            steps.append(
                RequestTransition(
                    help_request=r,
                    name="route",
                    from_status="submitted",
                    to_status="routed",
                    actor_role="desk",
                    organisation=desk,
                    created_at=r.received_at,
                )
            )
        RequestTransition.objects.bulk_create(steps, batch_size=BATCH)

        with_support = [r for r in matched if r.status in ("active", "closed")]
        assignments = Assignment.objects.bulk_create(
            [
                Assignment(
                    help_request=r,
                    profile=rng.choice(profiles),
                    organisation=r.organisation if r.organisation != desk else volunteer_led[0],
                    contact_route="Bel de coördinator",
                    status="active" if r.status == "active" else "ended",
                    starts_on=r.received_at.date(),
                )
                for r in with_support
            ],
            batch_size=BATCH,
        )
        HoursEntry.objects.bulk_create(
            [
                HoursEntry(
                    assignment=rng.choice(assignments),
                    date=moment().date(),
                    hours=Decimal(rng.choice(["1", "1.5", "2", "2.5", "3"])),
                    status="approved",
                )
                for _ in range(n_hours)
            ],
            batch_size=BATCH,
        )
        Concern.objects.bulk_create(
            [
                Concern(
                    help_request=a.help_request,
                    assignment=a,
                    organisation=a.organisation,
                    category="loneliness",
                    description="…",
                    level=rng.choice([0, 0, 0, 1, 2]),
                    answer_by=now,
                    created_at=moment(),
                )
                for a in rng.sample(assignments, min(len(assignments), n_requests // 50))
            ],
            batch_size=BATCH,
        )
        Handover.objects.bulk_create(
            [
                Handover(
                    help_request=a.help_request,
                    assignment=a,
                    direction=rng.choice(["to_professionals", "to_professionals", "to_volunteers"]),
                    from_organisation=a.organisation,
                    to_organisation=professional[0],
                    part="…",
                    note="…",
                    created_at=moment(),
                )
                for a in rng.sample(assignments, min(len(assignments), n_requests // 200))
                if a.organisation != professional[0]
            ],
            batch_size=BATCH,
        )
    # As an operator would after a bulk import: let the database count what it now holds, so
    # that it plans the figures' queries for a year's data rather than for empty tables.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True


def cases() -> list[tuple[str, dict]]:
    from django.utils import timezone

    from meedoen.catalogue.models import Activity, PerformanceField
    from meedoen.organisations.models import Area, Municipality, Organisation

    town = Municipality.objects.get(code="GM9991")
    today = timezone.localdate()
    area = Area.objects.filter(municipality=town).order_by("pk").first()
    village = Area.objects.filter(municipality=town, kind="village").order_by("pk").first()
    field = PerformanceField.objects.order_by("pk").first()
    activity = Activity.objects.filter(care_level=1).order_by("pk").first()
    organisation = Organisation.objects.filter(municipality=town, type=1).order_by("pk").first()
    quarter = {
        "start": str(today.replace(day=1).replace(month=max(today.month - 3, 1))),
        "end": str(today),
    }
    return [
        ("the last year, no filter", {}),
        ("one neighbourhood", {"area": area.pk}),
        ("one village, three months", {"area": village.pk, **quarter}),
        ("one Wmo performance field", {"performance_field": field.pk} if field else {}),
        ("one activity", {"activity": activity.pk}),
        ("one organisation", {"organisation": organisation.pk}),
        (
            "everything at once",
            {
                "area": area.pk,
                "activity": activity.pk,
                "organisation": organisation.pk,
                **quarter,
            },
        ),
    ]


def pages() -> list[tuple[str, str, dict]]:
    """(name, path, query) of each page timed."""
    from django.urls import reverse

    from meedoen.organisations.models import Area, Municipality

    town = Municipality.objects.get(code="GM9991")
    figures = [(name, "/figures/", query) for name, query in cases()]
    dossiers = [
        (
            f"demand dossier PDF, {kind}",
            reverse(
                "monitor:dossier_pdf",
                args=[Area.objects.filter(municipality=town, kind=kind).order_by("pk").first().pk],
            ),
            {},
        )
        for kind in ("village", "neighbourhood")
    ]
    return figures + dossiers


def measure(runs: int) -> list[tuple[str, list[float], int, int]]:
    """(name, times in ms, queries, peak memory in bytes) of each page."""
    from django.db import connection
    from django.test import Client

    from meedoen.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="bench-insights-policy"))
    counted = []

    def count(execute, sql, params, many, context):
        counted.append(sql)
        return execute(sql, params, many, context)

    results = []
    for name, path, query in pages():
        timings = []
        for _ in range(runs):
            counted.clear()
            with connection.execute_wrapper(count):
                started = time.perf_counter()
                response = client.get(path, query)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:500]
        queries = len(counted)
        tracemalloc.start()
        client.get(path, query)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results.append((name, timings, queries, peak))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="postgres://...; default SQLite")
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--volunteers", type=int, default=20_000)
    parser.add_argument("--hours", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    size = f"{args.requests}-{args.volunteers}-{args.hours}"
    loader.setup(loader.database_url(args.database_url, f"insights-{size}"))
    from django.db import connection

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    loaded_now = load(args.requests, args.volunteers, args.hours, args.seed)
    loaded = time.perf_counter() - started
    results = measure(args.runs)
    print(
        f"machine: {os.cpu_count()} cores, load average {load_before:.1f} before and "
        f"{os.getloadavg()[0]:.1f} after the runs (other work slows them); "
        f"database: {connection.vendor}"
    )
    print(
        f"municipality: {args.requests:,} help requests, {args.volunteers:,} volunteers, "
        f"{args.hours:,} hour entries; "
        + (f"loaded in {loaded:.1f} s" if loaded_now else "already loaded")
    )
    print(
        f"as the policy officer, median of {args.runs} runs (target: figures < 1,000 ms, "
        "dossier PDF < 3,000 ms); queries; peak memory Python allocated:"
    )
    for name, timings, queries, peak in results:
        print(
            f"  {name:<38} {statistics.median(timings):8.0f} ms {queries:5d} queries "
            f"{peak / 2**20:7.1f} MiB"
        )


if __name__ == "__main__":
    main()
