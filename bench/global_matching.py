"""Global matching at city scale, timed through `services.plan` on a loaded database.

For each size (volunteers x requests ready for matching, all in one network of a central desk
and its member organisations) the city is loaded into its own database (a SQLite file in var/
by default; with --database-url postgres://... a database next to that one), then a fresh
process times exactly `services.plan(desk)`, the code users run, and prints its time and peak
memory, optimal against first-come, the loss of total score from keeping each request's best
`planning.TOP_K` volunteers (the same instance solved with far more candidates or none pruned)
and, where it fits, an independent optimum by scipy's sparse assignment solver (LAPJVsp).

    .venv/bin/python -m bench.global_matching [--database-url URL] [--sizes 100000x100000,...]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import time

from bench import loader

SIZES = "100000x100000,20000x5000"
#: Above this many pairs in the network, the pruning is compared with this many candidates per
#: request rather than with all of them (which would not fit in memory).
UNPRUNED_UP_TO = 200_000_000
WIDE_K = 128
#: scipy's independent optimum on instances up to this many requests.
CHECK_UP_TO = 20_000


def independent_optimum(volunteers, requests, scores, capacity):
    """The same problem solved another way: an assignment of requests to volunteer slots (one
    per unit of capacity) or to a request's own 'unmatched' slot, by scipy's LAPJVsp."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    capacity = np.maximum(capacity, 0)
    r_ids, r_index = np.unique(requests, return_inverse=True)
    n_req = len(r_ids)
    top = float(scores.max()) + 1.0
    slot_start = np.concatenate([[0], np.cumsum(capacity)[:-1]])
    n_slots = int(capacity.sum())
    rows, cols, weights = [], [], []
    for copy in range(int(capacity.max())):
        usable = capacity[volunteers] > copy
        rows.append(r_index[usable])
        cols.append(slot_start[volunteers[usable]] + copy)
        weights.append(top - scores[usable])
    rows.append(np.arange(n_req))
    cols.append(n_slots + np.arange(n_req))
    weights.append(np.full(n_req, top))
    matrix = csr_matrix(
        (np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n_req, n_slots + n_req),
    )
    _, assigned = min_weight_full_bipartite_matching(matrix)
    total = n_req * top - float(matrix[np.arange(n_req), assigned].sum())
    return int((assigned < n_slots).sum()), round(total, 3)


def measure(url: str, n_volunteers: int, n_requests: int) -> None:
    """In a process of its own: time services.plan, then check its result."""
    loader.setup(url)
    from django.db import connection

    from meedoen.matching import planning, services
    from meedoen.organisations.models import Organisation

    desk = Organisation.objects.get(is_central_desk=True, name__startswith="Centraal")
    stages: list[tuple[float, float]] = []

    def heard(fraction: float) -> None:
        # plan reports 0.0 as it starts, then once after each of the four stages
        if fraction > 0:
            stages.append((fraction, time.perf_counter()))

    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    run = services.plan(desk, on_progress=heard)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    load = os.getloadavg()[0]
    peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    marks = [started] + [t for _f, t in stages]
    names = ["facts", "candidates", "optimum and first-come", "store"]
    steps = ", ".join(
        f"{name} {b - a:.1f} s" for name, a, b in zip(names, marks[:-1], marks[1:], strict=False)
    )
    print(
        f"database: {connection.vendor}; network of {n_volunteers:,} volunteers x "
        f"{n_requests:,} requests ready for matching"
    )
    print(
        f"services.plan: {elapsed:.1f} s ({steps}); CPU {cpu:.1f} s; "
        f"peak memory of the process {peak_gib:.2f} GiB; load average {load:.1f}"
    )
    print(
        f"optimal:    matched {run.matched:,}  total score {run.total_score:,.1f}  "
        f"(volunteers considered {run.volunteers_considered:,})"
    )
    print(f"first-come: matched {run.greedy_matched:,}  total score {run.greedy_score:,.1f}")
    if run.greedy_matched and run.total_score:
        print(
            f"first-come/optimal: matched {run.greedy_matched / max(run.matched, 1):.4f}, "
            f"score {run.greedy_score / run.total_score:.4f}"
        )
    pruned_total = run.total_score
    run.delete()  # the instance stays as it was loaded

    wide_k = None if n_volunteers * n_requests <= UNPRUNED_UP_TO else WIDE_K
    started = time.perf_counter()
    wide = planning.compute(desk, top_k=wide_k)
    wide_total = wide.total(wide.best)
    loss = (1 - pruned_total / wide_total) * 100 if wide_total else 0.0
    print(
        f"pruning to the best {planning.TOP_K} per request: {pruned_total:,.1f} against "
        f"{wide_total:,.1f} with "
        f"{'every feasible pair' if wide_k is None else f'the best {wide_k}'}"
        f" ({len(wide.candidates):,} pairs, {time.perf_counter() - started:.1f} s): "
        f"loss {loss:.3f} % of total score (target < 0.5 %)"
    )
    del wide
    if n_requests <= CHECK_UP_TO:
        import numpy as np

        plan = planning.compute(desk)
        started = time.perf_counter()
        scores = np.round(plan.candidates.score, 3)
        matched, total = independent_optimum(
            plan.candidates.volunteer, plan.candidates.request, scores, plan.capacity
        )
        same = abs(total - plan.total(plan.best)) < 0.5 and matched >= 0
        print(
            f"independent check (scipy LAPJVsp on the same candidates, "
            f"{time.perf_counter() - started:.1f} s): total score {total:,.1f} against "
            f"{plan.total(plan.best):,.1f} -> {'EQUAL' if same else 'DIFFERENT'}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="postgres://...; default SQLite")
    parser.add_argument("--sizes", default=SIZES, help="volunteers x requests, comma-separated")
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--step", choices=["load", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        n_volunteers, n_requests = (int(n) for n in args.sizes.split("x"))
        if args.step == "load":
            loader.setup(args.url)
            started = time.perf_counter()
            if loader.load(n_volunteers, n_requests, args.organisations, args.seed):
                print(f"loaded in {time.perf_counter() - started:.0f} s")
        else:
            measure(args.url, n_volunteers, n_requests)
        return
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for size in args.sizes.split(","):
        url = loader.database_url(args.database_url, f"global-{size}")
        for step in ("load", "measure"):
            subprocess.run(  # noqa: S603  (this program itself, with its own arguments)
                [
                    sys.executable,
                    "-m",
                    "bench.global_matching",
                    f"--step={step}",
                    f"--sizes={size}",
                    f"--url={url}",
                    f"--organisations={args.organisations}",
                    f"--seed={args.seed}",
                ],
                check=True,
                cwd=loader.ROOT,
            )


if __name__ == "__main__":
    main()
