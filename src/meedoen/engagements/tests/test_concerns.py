"""Concerns and their escalation (with a frozen clock), and warm handovers."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.engagements.models import Concern, Handover
from meedoen.engagements.services import EngagementError, concerns
from meedoen.notify import deliver_due


def raise_urgent(world, assignment):
    return concerns.raise_concern(
        assignment.help_request_id,
        world.people["volunteer"],
        assignment_id=assignment.pk,
        category="safety",
        urgent=True,
        description="De kachel lekt gas, denk ik.",
    )


def test_a_concern_reaches_the_coordinator_and_responsible_professional(
    client, world, emails, assignment, django_capture_on_commit_callbacks
):
    deliver_due()  # what setting up the assignment told people
    mail.outbox.clear()
    client.force_login(world.people["volunteer"])
    url = reverse("engagements:raise_concern", args=[assignment.pk])
    response = client.post(url, {"category": "safety", "description": ""})
    assert response.status_code == 400  # nothing half-saved, the choice is kept
    assert re.search(r'value="safety"[^>]*checked', response.content.decode())
    assert not Concern.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"category": "loneliness", "description": "Ze zegt dat niemand meer komt."}
        )
    concern = Concern.objects.get()
    assert concern.level == 0 and concern.status == "open"
    assert concern.answer_by == concern.created_at + timedelta(
        hours=world.organisation.concern_answer_hours
    )
    deliver_due()  # the worker's turn
    told = {address for m in mail.outbox for address in m.to}
    assert told == {"coordinator@example.nl", "professional@example.nl"}
    assert all("niemand" not in m.body for m in mail.outbox)  # details stay in Meedoen


def test_an_unacknowledged_urgent_concern_escalates_and_the_volunteer_hears_back(
    client, world, emails, manager, assignment, django_capture_on_commit_callbacks
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        concern = raise_urgent(world, assignment)
    assert concern.answer_by == start + timedelta(hours=4)
    out = StringIO()
    with time_machine.travel(start + timedelta(hours=3), tick=False):
        call_command("escalate_concerns", stdout=out)
    concern.refresh_from_db()
    assert concern.level == 0  # still in time
    deliver_due()  # what was told before
    mail.outbox.clear()
    later = start + timedelta(hours=5)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("escalate_concerns", stdout=out)
        call_command("escalate_concerns", stdout=out)  # again: nothing more happens
    concern.refresh_from_db()
    assert concern.level == 1 and concern.answer_by == later + timedelta(hours=4)
    assert [e.kind for e in concern.events.all()] == ["raised", "escalated"]
    with time_machine.travel(later, tick=False):
        deliver_due()
    assert [m.to for m in mail.outbox] == [["manager@example.nl"]]

    client.force_login(manager)
    page = client.get(reverse("engagements:concern", args=[concern.pk])).content.decode()
    assert "gas" in page
    answered = time_machine.travel(later + timedelta(hours=1), tick=False)
    answered.start()
    client.force_login(manager)  # a new day, a new sign-in
    client.post(reverse("engagements:concern", args=[concern.pk]), {"action": "acknowledge"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("engagements:concern", args=[concern.pk]),
            {
                "action": "resolve",
                "outcome": "Netbeheerder gebeld; kachel vervangen. Zorgen over valrisico.",
                "reply": "Er is direct actie ondernomen. Dank je wel voor je melding!",
            },
        )
    deliver_due()  # the worker's turn, that hour
    answered.stop()
    concern.refresh_from_db()
    assert concern.status == "resolved"
    assert [e.kind for e in concern.events.all()] == [
        "raised",
        "escalated",
        "acknowledged",
        "resolved",
    ]
    assert any(m.to == ["volunteer@example.nl"] and "direct actie" in m.body for m in mail.outbox)
    client.force_login(world.people["volunteer"])
    page = client.get(reverse("engagements:concern", args=[concern.pk])).content.decode()
    assert "direct actie" in page and "valrisico" not in page  # the reply, not the team's notes
    api = APIClient()
    api.force_authenticate(world.people["volunteer"])
    body = api.get(f"/api/v1/concerns/{concern.pk}").json()
    assert body["reply"].startswith("Er is direct actie") and "outcome" not in body


def test_escalation_reaches_the_central_desk_last_and_not_before(client, world, assignment):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        concern = raise_urgent(world, assignment)
    client.force_login(world.people["desk"])
    assert client.get(reverse("engagements:concern", args=[concern.pk])).status_code == 404
    for hours in (5, 10, 15, 20):
        with time_machine.travel(start + timedelta(hours=hours), tick=False):
            concerns.escalate_overdue()
    concern.refresh_from_db()
    assert concern.level == 2  # the top: it stays there, overdue
    assert concern.events.filter(kind="escalated").count() == 2
    assert client.get(reverse("engagements:concern", args=[concern.pk])).status_code == 200
    client.force_login(world.people["stranger"])
    assert client.get(reverse("engagements:concern", args=[concern.pk])).status_code == 404


def test_only_those_it_reached_may_acknowledge(world, manager, assignment):
    concern = raise_urgent(world, assignment)
    with pytest.raises(EngagementError):
        concerns.acknowledge(concern.pk, manager)  # not yet escalated to the manager
    with pytest.raises(EngagementError):
        concerns.acknowledge(concern.pk, world.people["stranger"])
    concerns.acknowledge(concern.pk, world.people["professional"])
    concern.refresh_from_db()
    assert concern.status == "acknowledged"
    with pytest.raises(EngagementError):
        concerns.resolve(concern.pk, world.people["coordinator"], outcome="Gedaan", reply="")


def test_a_volunteer_sees_only_the_concerns_they_raised(client, world, assignment):
    from meedoen.matching.tests.test_suggestions import volunteer

    concern = raise_urgent(world, assignment)
    other = volunteer(world, "bert", world.organisation)
    client.force_login(other.user)
    assert client.get(reverse("engagements:concern", args=[concern.pk])).status_code == 404
    assert "gas" not in client.get(reverse("engagements:concerns")).content.decode()
    client.force_login(world.people["citizen"])
    assert client.get(reverse("engagements:concern", args=[concern.pk])).status_code == 403


def test_a_concern_is_resolved_only_once_someone_acknowledged_it(client, world, assignment):
    """The history then always shows who took the concern on and when, then what was done."""
    concern = raise_urgent(world, assignment)
    coordinator, professional = world.people["coordinator"], world.people["professional"]
    url = reverse("engagements:concern", args=[concern.pk])
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert 'value="acknowledge"' in page and 'value="resolve"' not in page
    done = {"action": "resolve", "outcome": "Monteur geweest.", "reply": "Het is opgelost."}
    assert client.post(url, done).status_code == 400
    with pytest.raises(EngagementError):
        concerns.resolve(concern.pk, coordinator, outcome="Monteur geweest.", reply="Opgelost.")
    concern.refresh_from_db()
    assert concern.status == "open" and concern.acknowledged_by is None

    concerns.acknowledge(concern.pk, professional, note="Ik bel de dochter.")
    page = client.get(url).content.decode()
    assert 'value="acknowledge"' not in page and 'value="resolve"' in page
    assert client.post(url, done).status_code == 302
    concern.refresh_from_db()
    assert concern.status == "resolved" and concern.acknowledged_by == professional
    assert [(e.kind, e.actor, e.note) for e in concern.events.all()] == [
        ("raised", world.people["volunteer"], ""),
        ("acknowledged", professional, "Ik bel de dochter."),
        ("resolved", coordinator, "Monteur geweest."),
    ]
    page = client.get(url).content.decode()
    assert 'value="acknowledge"' not in page and 'value="resolve"' not in page
    with pytest.raises(EngagementError):
        concerns.acknowledge(concern.pk, professional)


# --- handover ---------------------------------------------------------------------------


def test_a_warm_handover_to_home_care_is_accepted_and_ends_the_assignment(
    client, world, homecare, assignment
):
    organisation, nurse = homecare
    client.force_login(world.people["coordinator"])
    url = reverse("engagements:hand_over", args=[assignment.pk])
    form = client.get(url).content.decode()
    assert "Thuiszorg Midden" in form and "Andere Vrijwilligers" not in form
    client.post(
        url,
        {
            "to_organisation": organisation.pk,
            "part": "Hulp bij douchen",
            "note": "Truus valt vaker; dochter is mantelzorger.",
            "after": "end",
        },
    )
    handover = Handover.objects.get()
    assert handover.status == "offered" and handover.from_organisation == world.organisation

    client.force_login(world.people["stranger"])
    assert client.get(reverse("engagements:handover", args=[handover.pk])).status_code == 404
    client.force_login(nurse)
    page = client.get(reverse("engagements:handover", args=[handover.pk])).content.decode()
    assert "dochter" in page
    assert 'value="accept"' in page and 'value="decline"' in page
    response = client.post(
        reverse("engagements:handover", args=[handover.pk]), {"decision": "decline"}
    )
    assert response.status_code == 400  # declining needs a reason
    client.force_login(world.people["coordinator"])  # the giving side does not answer
    page = client.get(reverse("engagements:handover", args=[handover.pk])).content.decode()
    assert 'value="accept"' not in page
    client.force_login(nurse)
    client.post(
        reverse("engagements:handover", args=[handover.pk]),
        {"decision": "accept", "answer": "Intake morgen"},
    )
    handover.refresh_from_db()
    assignment.refresh_from_db()
    assert handover.status == "accepted" and handover.received_by == nurse
    assert handover.answered_by == nurse and handover.decided_at
    assert assignment.status == "ended" and assignment.end_reason == "handed_over"
    assert assignment.ended_by == nurse
    page = client.get(reverse("engagements:handover", args=[handover.pk])).content.decode()
    assert 'value="accept"' not in page and 'value="decline"' not in page  # answered

    client.force_login(world.people["volunteer"])
    page = client.get(reverse("engagements:assignment", args=[assignment.pk])).content.decode()
    assert "Thuiszorg Midden" in page and "dochter" not in page  # where it stands, no note
    api = APIClient()
    api.force_authenticate(world.people["volunteer"])
    body = api.get(f"/api/v1/handovers/{handover.pk}").json()
    assert body["status"] == "accepted" and "note" not in body


def test_handovers_go_to_professionals_and_back_to_volunteers(world, homecare, assignment):
    organisation, nurse = homecare
    with pytest.raises(EngagementError):
        concerns.hand_over(
            assignment.help_request_id,
            world.people["coordinator"],
            assignment_id=assignment.pk,
            to_organisation=world.other_organisation,
            part="Alles",
            note="Notitie",
            after="continue",
        )
    with pytest.raises(EngagementError):
        concerns.hand_over(
            assignment.help_request_id,
            world.people["volunteer"],
            assignment_id=assignment.pk,
            to_organisation=organisation,
            part="Alles",
            note="Notitie",
            after="continue",
        )
    back = concerns.hand_over(
        assignment.help_request_id,
        nurse,
        to_organisation=world.organisation,
        part="Wekelijks bezoek",
        note="Douchen loopt via ons; bezoek kan weer.",
        after="continue",
        direction=Handover.Direction.TO_VOLUNTEERS,
    )
    assert back.from_organisation == organisation
    with pytest.raises(EngagementError):
        concerns.answer_handover(back.pk, nurse, accept=True)  # the receiver answers
    with pytest.raises(EngagementError):  # declining says why
        concerns.answer_handover(back.pk, world.people["coordinator"], accept=False)
    concerns.answer_handover(
        back.pk, world.people["coordinator"], accept=False, answer="Nu geen vrijwilliger vrij."
    )
    back.refresh_from_db()
    assert back.status == "declined" and back.answered_by == world.people["coordinator"]
    assert back.received_by is None
    with pytest.raises(EngagementError):  # answered once
        concerns.answer_handover(back.pk, world.people["coordinator"], accept=True)
    again = concerns.hand_over(
        assignment.help_request_id,
        nurse,
        to_organisation=world.organisation,
        part="Wekelijks bezoek",
        note="Er is nu wel iemand vrij, hoorden we.",
        after="continue",
        direction=Handover.Direction.TO_VOLUNTEERS,
    )
    concerns.answer_handover(again.pk, world.people["coordinator"], accept=True)
    again.refresh_from_db()
    assert again.status == "accepted"
    assignment.refresh_from_db()
    assert assignment.is_active


def test_a_manager_finds_the_concerns_in_the_menu(client, world, manager):
    client.force_login(manager)
    page = client.get(reverse("engagements:concerns")).content.decode()
    nav = page[page.index('class="meedoen-nav"') : page.index("</nav>")]
    assert reverse("engagements:concerns") in nav
    assert reverse("requests:queue") not in nav
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("engagements:concerns")).content.decode()
    assert reverse("requests:queue") in page[: page.index("</nav>")]


def test_the_receiver_names_the_colleague_who_takes_a_handover_on_and_the_sender_sees_them(
    client, world, homecare, assignment
):
    organisation, nurse = homecare
    colleague = UserFactory(username="sanne", first_name="Sanne", last_name="Zwanenburg")
    MembershipFactory(user=colleague, organisation=organisation, role="professional")
    handover = concerns.hand_over(
        assignment.help_request_id,
        world.people["coordinator"],
        to_organisation=organisation,
        part="Hulp bij douchen",
        note="Truus valt vaker.",
        after=Handover.After.CONTINUE,
        assignment_id=assignment.pk,
    )
    url = reverse("engagements:handover", args=[handover.pk])
    client.force_login(nurse)
    page = client.get(url).content.decode()
    # The choice holds the receiving organisation's people only.
    assert "Sanne Zwanenburg" in page
    assert world.people["professional"].get_full_name() not in page
    # Someone of another organisation cannot be named: the form says so, nothing is answered.
    refused = client.post(
        url, {"decision": "accept", "responsible": world.people["professional"].pk}
    )
    assert refused.status_code == 400 and 'aria-invalid="true"' in refused.content.decode()
    with pytest.raises(EngagementError):
        concerns.answer_handover(
            handover.pk, nurse, accept=True, responsible=world.people["professional"]
        )
    client.post(url, {"decision": "accept", "responsible": colleague.pk})
    handover.refresh_from_db()
    assert (handover.status, handover.received_by, handover.answered_by) == (
        "accepted",
        colleague,
        nurse,
    )
    assignment.help_request.refresh_from_db()
    assert assignment.help_request.responsible_professional == world.people["professional"]

    # The sender sees who took it on: the first name and the organisation, no more.
    client.force_login(world.people["coordinator"])
    page = client.get(url).content.decode()
    assert "Sanne van Thuiszorg Midden" in page and "Zwanenburg" not in page


def test_a_handover_keeps_the_language_of_its_writer_and_of_the_answer(
    client, world, homecare, assignment
):
    from django.utils import translation

    _organisation, nurse = homecare
    with translation.override("en"):
        back = concerns.hand_over(
            assignment.help_request_id,
            nurse,
            to_organisation=world.organisation,
            part="Weekly visit",
            note="Showering is ours now; visits can start again.",
            after="continue",
            direction=Handover.Direction.TO_VOLUNTEERS,
        )
    with translation.override("nl"):
        concerns.answer_handover(
            back.pk, world.people["coordinator"], accept=False, answer="Nu geen vrijwilliger vrij."
        )
    back.refresh_from_db()
    assert (back.language, back.answer_language) == ("en", "nl")
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("engagements:handover", args=[back.pk])).content.decode()
    assert '<span lang="en">Weekly visit</span>' in page
    assert '<dd lang="en">Showering is ours now; visits can start again.</dd>' in page
    assert "<dd>Nu geen vrijwilliger vrij.</dd>" in page  # Dutch on a Dutch page: no mark
