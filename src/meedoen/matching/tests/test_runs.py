"""A global matching as a background job: queued from the page, run by the worker with
progress, one at a time per organisation, and a failure that can be tried again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_q.models import OrmQ

from meedoen.matching import services
from meedoen.matching.jobs import run_global_matching
from meedoen.matching.models import MatchingRun
from meedoen.matching.tests.test_proposals import ready  # noqa: F401  (fixture)
from meedoen.matching.tests.test_suggestions import volunteer

HTMX = {"HTTP_HX_REQUEST": "true"}


def start(client, organisation):
    return client.post(reverse("matching:runs"), {"organisation": organisation.pk})


def test_a_started_run_waits_for_the_worker_and_shows_progress(client, world, ready):  # noqa: F811
    ready()
    volunteer(world, "anna", world.organisation)
    client.force_login(world.people["coordinator"])
    response = start(client, world.organisation)
    run = MatchingRun.objects.get()
    assert response["Location"] == reverse("matching:run", args=[run.pk])
    assert (run.status, run.progress, run.pairs.count()) == ("queued", 0, 0)
    assert OrmQ.objects.get().func() == "meedoen.matching.jobs.run_global_matching"

    page = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert 'role="status"' in page and 'aria-live="polite"' in page
    assert (
        "In de wachtrij" in page
        and '<progress class="meedoen-progress" max="100" value="0"' in page
    )
    progress = reverse("matching:run_progress", args=[run.pk])
    assert f'hx-get="{progress}?shown=queued-0"' in page
    assert f'href="{reverse("matching:run", args=[run.pk])}"' in page  # without JavaScript
    assert client.get(progress, {"shown": "queued-0"}, **HTMX).status_code == 204
    MatchingRun.objects.filter(pk=run.pk).update(status="running", progress=40)
    moved = client.get(progress, {"shown": "queued-0"}, **HTMX).content.decode()
    assert "Bezig: 40% klaar." in moved and "shown=running-40" in moved

    assert run_global_matching(run.pk) == "proposed"
    run.refresh_from_db()
    assert (run.status, run.progress, run.matched, run.pairs.count()) == ("proposed", 100, 1, 1)
    done = client.get(progress, {"shown": "running-40"}, **HTMX)
    assert done["HX-Redirect"] == reverse("matching:run", args=[run.pk])
    assert client.get(progress)["Location"] == reverse("matching:run", args=[run.pk])
    page = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "Bevestigen en de vrijwilligers vragen" in page
    assert run_global_matching(run.pk) == "nothing to do"  # offered again: nothing changes
    assert run.pairs.count() == 1


def test_plan_fills_the_given_run_and_reports_progress(world, ready):  # noqa: F811
    ready()
    volunteer(world, "anna", world.organisation)
    run = MatchingRun.objects.create(organisation=world.organisation, status="running")
    seen: list[float] = []
    returned = services.plan(world.organisation, None, run=run, on_progress=seen.append)
    assert returned.pk == run.pk and MatchingRun.objects.count() == 1
    run.refresh_from_db()
    assert run.matched == 1 and run.requests_considered == 1
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_two_coordinators_cannot_start_two_runs_at_once(client, world, ready):  # noqa: F811
    ready()
    colleague = world.people["coordinator"]
    client.force_login(colleague)
    start(client, world.organisation)
    response = start(client, world.organisation)
    assert response["Location"] == reverse("matching:runs")
    page = client.get(response["Location"]).content.decode()
    assert "Er is al een koppelronde voor Onze Vrijwilligers gestart" in page
    client.cookies["django_language"] = "en"
    start(client, world.organisation)
    page = client.get(reverse("matching:runs")).content.decode()
    assert "A global matching for Onze Vrijwilligers has already been started" in page
    assert MatchingRun.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        MatchingRun.objects.create(organisation=world.organisation, status="running")

    run_global_matching(MatchingRun.objects.get().pk)
    start(client, world.organisation)  # once the first has finished, a new one may start
    assert MatchingRun.objects.filter(status="queued").count() == 1
    assert MatchingRun.objects.count() == 2


def test_a_failed_run_says_so_and_can_be_tried_again(client, world, ready, monkeypatch, caplog):  # noqa: F811
    ready()

    def breaks(*args, **kwargs):
        raise RuntimeError("the solver stopped")

    monkeypatch.setattr(services, "plan", breaks)
    client.force_login(world.people["coordinator"])
    start(client, world.organisation)
    run = MatchingRun.objects.get()
    assert run_global_matching(run.pk) == "failed"
    assert "the solver stopped" in caplog.text
    run.refresh_from_db()
    assert run.status == "failed"
    page = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "Het koppelen is mislukt" in page and 'role="alert"' in page
    assert "Opnieuw proberen" in page
    assert client.get(reverse("matching:runs")).content.decode().count("mislukt") == 1
    confirm = client.post(reverse("matching:run", args=[run.pk]), {"pair": []})
    assert confirm.status_code == 200  # a failed run has nothing to confirm

    monkeypatch.undo()
    start(client, world.organisation)  # "Try again" posts the same form
    again = MatchingRun.objects.get(status="queued")
    assert run_global_matching(again.pk) == "proposed"


def test_a_run_the_worker_abandoned_counts_as_failed_and_a_new_one_can_start(
    client,
    world,
    ready,  # noqa: F811
):
    ready()
    volunteer(world, "anna", world.organisation)
    client.force_login(world.people["coordinator"])
    start(client, world.organisation)
    stuck = MatchingRun.objects.get()
    MatchingRun.objects.filter(pk=stuck.pk).update(status="running", progress=30)
    # While the worker may still be at it, the run is running and a second is refused.
    start(client, world.organisation)
    assert MatchingRun.objects.count() == 1
    page = client.get(reverse("matching:run", args=[stuck.pk])).content.decode()
    assert "Bezig" in page and "mislukt" not in page

    # After every attempt the worker may make has passed, it was abandoned.
    long_ago = stuck.created_at - services.abandoned_after() - timedelta(minutes=1)
    MatchingRun.objects.filter(pk=stuck.pk).update(created_at=long_ago)
    page = client.get(reverse("matching:run", args=[stuck.pk])).content.decode()
    assert "Het koppelen is mislukt" in page and "Opnieuw proberen" in page
    stuck.refresh_from_db()
    assert stuck.status == "failed"
    start(client, world.organisation)
    fresh = MatchingRun.objects.get(status="queued")
    assert run_global_matching(stuck.pk) == "nothing to do"  # a late job leaves it alone
    assert run_global_matching(fresh.pk) == "proposed"


def test_starting_gives_up_an_abandoned_run_of_the_organisation(world, ready):  # noqa: F811
    ready()
    coordinator = world.people["coordinator"]
    stuck = MatchingRun.objects.create(organisation=world.organisation, status="queued")
    long_ago = stuck.created_at - services.abandoned_after() - timedelta(seconds=1)
    MatchingRun.objects.filter(pk=stuck.pk).update(created_at=long_ago)
    services.start(world.organisation, coordinator)
    assert list(MatchingRun.objects.values_list("status", flat=True).order_by("pk")) == [
        "failed",
        "queued",
    ]
