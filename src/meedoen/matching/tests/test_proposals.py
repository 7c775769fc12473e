"""Proposals, offers, expiry and global runs, through the pages a coordinator and volunteer use."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meedoen import availability
from meedoen.catalogue.models import Activity
from meedoen.matching import services
from meedoen.matching.jobs import run_global_matching
from meedoen.matching.models import MatchingRun, MatchProposal
from meedoen.matching.tests.factories import MatchProposalFactory
from meedoen.matching.tests.test_suggestions import volunteer
from meedoen.notify import deliver_due
from meedoen.requests.tests.factories import HelpRequestFactory


@pytest.fixture
def ready(world):
    def make(first_name="Truus", **fields):
        return HelpRequestFactory.ready(
            coordinator=world.people["coordinator"],
            area=world.area,
            organisation=world.organisation,
            first_name=first_name,
            self_reliance=4,
            availability=availability.to_mask(["tue-afternoon"]),
            **fields,
        )

    return make


def test_coordinator_proposes_volunteer_accepts_request_is_matched(
    client, world, ready, django_capture_on_commit_callbacks
):
    help_request = ready(description="Heeft hartfalen")  # a detail a volunteer must not see
    anna = volunteer(world, "anna", world.organisation)
    anna.user.email = "anna@example.nl"
    anna.user.save()
    client.force_login(world.people["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:propose", args=[help_request.pk]), {"volunteer": anna.pk})
    proposal = MatchProposal.objects.get()
    assert proposal.status == "proposed" and proposal.expires_at > timezone.now()
    deliver_due()
    sent = next(m for m in mail.outbox if "anna@example.nl" in m.to)
    assert "Truus" in sent.body and "hartfalen" not in sent.body

    client.force_login(anna.user)
    page = client.get(reverse("matching:proposals")).content.decode()
    assert "Truus" in page and "hartfalen" not in page
    client.post(reverse("matching:answer", args=[proposal.pk]), {"answer": "yes"})
    help_request.refresh_from_db()
    assert help_request.status == "matched"
    matched = help_request.transitions.last()
    assert matched.actor_role == "system"
    # The history outlives the volunteer's account: it says that a volunteer said yes, not who.
    assert matched.reason and anna.user.first_name not in matched.reason


def test_declining_needs_a_reason_and_others_cannot_answer(client, world, ready):
    help_request = ready()
    anna = volunteer(world, "anna", world.organisation)
    client.force_login(world.people["coordinator"])
    client.post(reverse("matching:propose", args=[help_request.pk]), {"volunteer": anna.pk})
    proposal = MatchProposal.objects.get()
    client.force_login(world.people["volunteer"])
    assert (
        client.post(reverse("matching:answer", args=[proposal.pk]), {"answer": "yes"}).status_code
        == 404
    )
    client.force_login(anna.user)
    answer = reverse("matching:answer", args=[proposal.pk])
    assert answer in client.get(reverse("matching:proposals")).content.decode()
    client.post(answer, {"answer": "no"})
    proposal.refresh_from_db()
    assert proposal.status == "proposed"
    # Saying no cannot be undone: it asks first, keeping the reason.
    asked = client.post(answer, {"answer": "no", "reason": "Dinsdag kan ik toch niet"})
    page = asked.content.decode()
    assert asked.status_code == 200 and "Weet u zeker" in page
    assert 'value="Dinsdag kan ik toch niet"' in page and 'name="confirm" value="yes"' in page
    assert f'href="{reverse("matching:proposals")}"' in page
    proposal.refresh_from_db()
    assert proposal.status == "proposed"
    client.post(answer, {"answer": "no", "reason": "Dinsdag kan ik toch niet", "confirm": "yes"})
    proposal.refresh_from_db()
    assert proposal.status == "declined" and proposal.answered_at
    page = client.get(reverse("matching:proposals")).content.decode()
    assert answer not in page  # answered: no more buttons
    with pytest.raises(services.MatchingError):  # and no second answer
        services.answer(proposal.pk, anna.user, accept=True)


def test_an_infeasible_volunteer_cannot_be_proposed(client, world, ready):
    help_request = ready()
    elsewhere = volunteer(world, "cees", world.other_organisation)
    client.force_login(world.people["coordinator"])
    response = client.post(
        reverse("matching:propose", args=[help_request.pk]),
        {"volunteer": elsewhere.pk},
        follow=True,
    )
    assert "voldoet niet aan elke regel" in response.content.decode()
    assert not MatchProposal.objects.exists()


def test_unanswered_proposals_expire_and_the_coordinator_is_told(client, world, ready):
    help_request = ready()
    anna = volunteer(world, "anna", world.organisation)
    world.people["coordinator"].email = "petra@example.nl"
    world.people["coordinator"].save()
    client.force_login(world.people["coordinator"])
    client.post(reverse("matching:propose", args=[help_request.pk]), {"volunteer": anna.pk})
    call_command("expire_proposals", stdout=StringIO())
    assert MatchProposal.objects.get().status == "proposed"
    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        deliver_due()
        mail.outbox.clear()
        out = StringIO()
        call_command("expire_proposals", stdout=out)
    assert MatchProposal.objects.get().status == "expired"
    assert "1 proposals expired" in out.getvalue()


def test_volunteer_sees_fitting_requests_without_details_and_offers(client, world, ready):
    help_request = ready(first_name="Geheim", contact_phone="0612345678")
    anna = volunteer(world, "anna", world.organisation)
    client.force_login(anna.user)
    page = client.get(reverse("matching:open_requests")).content.decode()
    assert "Bezoek en gezelschap" in page
    assert "Geheim" not in page and "0612345678" not in page
    client.post(reverse("matching:offer", args=[help_request.pk]))
    offer = MatchProposal.objects.get()
    assert offer.status == "offered"
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("requests:detail", args=[help_request.pk])).content.decode()
    assert "aangeboden door de vrijwilliger" in page


def test_global_run_beats_first_come_and_is_confirmed(client, world, ready):
    first = ready("Eerst")
    second = ready("Tweede")
    # anna can help both, bert only the first; one request each at most.
    anna = volunteer(world, "anna", world.organisation)
    bert = volunteer(world, "bert", world.organisation, travel_km=5)
    anna.activities.set([Activity.objects.get(code="visiting")])
    from meedoen.matching import selectors

    selectors.MAX_CONCURRENT, saved = 1, selectors.MAX_CONCURRENT
    try:
        client.force_login(world.people["coordinator"])
        response = client.post(reverse("matching:runs"), {"organisation": world.organisation.pk})
        run = MatchingRun.objects.get()
        assert response["Location"] == reverse("matching:run", args=[run.pk])
        run_global_matching(run.pk)  # what the worker does
        run.refresh_from_db()
        assert run.matched == 2 and run.matched >= run.greedy_matched
        assert run.total_score >= run.greedy_score
        page = client.get(reverse("matching:run", args=[run.pk])).content.decode()
        assert first.reference in page and second.reference in page
        pairs = list(run.pairs.values_list("pk", flat=True))
        client.post(reverse("matching:run", args=[run.pk]), {"pair": pairs})
    finally:
        selectors.MAX_CONCURRENT = saved
    run.refresh_from_db()
    assert run.status == "confirmed"
    assert set(MatchProposal.objects.values_list("profile_id", flat=True)) == {anna.pk, bert.pk}


def test_continuity_and_load_come_from_earlier_matches(world, ready):
    from meedoen.matching import selectors

    citizen = world.people["citizen"]
    earlier = ready("Eerder", requester=citizen)
    anna = volunteer(world, "anna", world.organisation)
    MatchProposalFactory.accepted(
        help_request=earlier, profile=anna, proposed_by=world.people["coordinator"]
    )
    facts = selectors.volunteer_fact(anna.pk)
    assert facts.helped == frozenset({citizen.pk}) and facts.recent_load == 1
    again = ready("Weer", requester=citizen)
    verdict = selectors.explain(again, anna.pk)
    assert verdict.components["continuity"] == 1.0
    assert verdict.components["load"] == 0.5
