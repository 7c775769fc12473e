"""The substitution monitor and a demand dossier on a loaded database.

Loads a generated city (bench/loader.py) into its own database (a SQLite file in var/ by
default; with --database-url postgres://... a database beside that one), adds substitution
signals (a formal-care split for a share of the requests, spread over the last twelve months)
and a task-division history per organisation, then times the code users run: the municipality's
monitor (`monitor.for_municipality`), one organisation's (`monitor.for_organisation`) and the
demand dossier of every area (`dossier.build`), and prints the median and the slowest of each.

    .venv/bin/python -m bench.monitor [--database-url URL] [--requests N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench import loader


def add_signals(share: float, seed: int) -> int:
    """A split signal for about `share` of the requests, and two task-division changes per
    organisation, moved back over the last twelve months."""
    import random
    from datetime import timedelta

    from django.db.models import F
    from django.db.models.functions import Mod
    from django.utils import timezone

    from meedoen.catalogue.models import Activity
    from meedoen.organisations.models import Organisation, SubstitutionSignal, TaskDivision
    from meedoen.requests.models import HelpRequest

    if SubstitutionSignal.objects.exists():
        return SubstitutionSignal.objects.count()
    rng = random.Random(seed)
    washing = Activity.objects.get(code="washing")
    visiting = Activity.objects.get(code="visiting")
    requests = list(HelpRequest.objects.values_list("reference", "organisation_id"))
    SubstitutionSignal.objects.bulk_create(
        [
            SubstitutionSignal(
                organisation_id=organisation,
                activity=washing,
                kind=SubstitutionSignal.Kind.REQUEST_SPLIT,
                reference=reference,
            )
            for reference, organisation in requests
            if rng.random() < share
        ],
        batch_size=loader.BATCH,
    )
    now = timezone.now()
    for month in range(12):
        SubstitutionSignal.objects.alias(bucket=Mod(F("pk"), 12)).filter(bucket=month).update(
            created_at=now - timedelta(days=30 * month)
        )
    today = timezone.localdate()
    TaskDivision.objects.bulk_create(
        [
            TaskDivision(
                organisation=organisation,
                activity=visiting,
                done_by=done_by,
                previous=previous,
                shift=shift,
                since=today - timedelta(days=days),
                reason="bench",
            )
            for organisation in Organisation.objects.all()
            for done_by, previous, shift, days in (
                ("professionals", "", "", 300),
                ("volunteers", "professionals", "to_volunteers", 100),
            )
        ]
    )
    return SubstitutionSignal.objects.count()


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="postgres://...; default SQLite")
    parser.add_argument("--volunteers", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--split-share", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    loader.setup(loader.database_url(args.database_url, "monitor"))
    from django.db import connection

    from meedoen.insights import dossier, monitor
    from meedoen.organisations.models import Area, Municipality, Organisation

    started = time.perf_counter()
    loader.load(args.volunteers, args.requests, args.organisations, args.seed)
    signals = add_signals(args.split_share, args.seed)
    loaded = time.perf_counter()
    town = Municipality.objects.get(code="GM9990")
    organisation = Organisation.objects.filter(municipality=town).order_by("pk").first()
    months = monitor.window()
    whole = sorted(timed(monitor.for_municipality, town, months) for _ in range(args.runs))
    own = sorted(timed(monitor.for_organisation, organisation, months) for _ in range(args.runs))
    areas = sorted(timed(dossier.build, area) for area in Area.objects.filter(municipality=town))
    print(f"machine: {os.cpu_count()} cores; database: {connection.vendor}")
    print(
        f"requests: {args.requests:,}, volunteers: {args.volunteers:,}, organisations: "
        f"{args.organisations}, substitution signals: {signals:,} (load {loaded - started:.0f} s)"
    )
    print(
        f"monitor of the municipality, {args.runs} runs: median {statistics.median(whole):.0f} ms, "
        f"max {whole[-1]:.0f} ms"
    )
    print(
        f"monitor of one organisation, {args.runs} runs: median {statistics.median(own):.0f} ms, "
        f"max {own[-1]:.0f} ms"
    )
    print(
        f"demand dossier of each of {len(areas)} areas: median "
        f"{statistics.median(areas):.0f} ms, max {areas[-1]:.0f} ms"
    )


if __name__ == "__main__":
    main()
