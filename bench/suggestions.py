"""Suggestions for one request with 100,000 volunteers in the database, through the API.

Loads a generated city (bench/loader.py) into its own database (a SQLite file in var/ by
default; with --database-url postgres://... a database beside that one), then times
GET /api/v1/help-requests/{id}/suggestions server-side (Django's test client, in process)
for 1,000 requests and prints p50, p95, p99 (after one call per organisation, which reads
its pool of volunteers; those first calls are printed apart).

    .venv/bin/python -m bench.suggestions [--database-url URL] [--volunteers N] [--calls N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench import loader

ROOT = loader.ROOT


#: One API client per organisation, with its token, kept between measurements as a client
#: of the API keeps its token: the warm-up calls and the measured calls use the same ones.
_clients: dict = {}


def measure(calls: int, seed: int, each_organisation: bool = False) -> list[float]:
    """Server-side milliseconds of `calls` suggestions for random ready requests; with
    `each_organisation`, one call for a request of each organisation instead."""
    import random

    from django.test import Client

    from meedoen.accounts import tokens
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
    clients = _clients
    timings = []
    if each_organisation:
        firsts = {org: (pk, org) for pk, org in requests}
        chosen = sorted(firsts.values(), key=lambda pair: pair[1])
    else:
        chosen = [rng.choice(requests) for _ in range(calls)]
    for pk, org in chosen:
        client = clients.get(org)
        if client is None:  # an API client with its token, as the API is used
            _token, key = tokens.issue(User.objects.get(pk=coordinators[org]), "bench")
            client = clients[org] = Client(HTTP_AUTHORIZATION=f"Token {key}")
        started = time.perf_counter()
        response = client.get(f"/api/v1/help-requests/{pk}/suggestions")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
    return timings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="postgres://...; default SQLite")
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--calls", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    (ROOT / "var").mkdir(exist_ok=True)
    loader.setup(loader.database_url(args.database_url, "suggestions"))
    from django.db import connection

    started = time.perf_counter()
    loader.load(args.volunteers, args.requests, args.organisations, args.seed)
    loaded = time.perf_counter()
    # The first call for an organisation reads its pool of volunteers (kept until a volunteer
    # or an enrolment changes); the steady state is measured after it, as a running server is.
    first = sorted(measure(0, args.seed, each_organisation=True))
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
    print(
        f"first call for each of {len(first)} organisations (reads its pool): "
        f"p50 {statistics.median(first):.1f} ms, max {first[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
