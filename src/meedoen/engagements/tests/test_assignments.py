"""Assignments: agreed after a match, read by the volunteer, ended with evaluations; hours
logged, approved or queried, against the tax-free limits; check-ins on a schedule."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meedoen.catalogue.models import Activity
from meedoen.engagements import allowance
from meedoen.engagements.models import Assignment, CheckIn, Concern, HoursEntry
from meedoen.engagements.services import EngagementError, credits
from meedoen.engagements.services import assignments as services
from meedoen.notify import deliver_due


def _elements(page: str) -> list[dict[str, str]]:
    """Every element's attributes, as assistive technology reads ids and references."""
    found: list[dict[str, str]] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda _tag, attrs: found.append({k: v or "" for k, v in attrs})
    parser.feed(page)
    return found


def duplicate_ids(page: str) -> list[str]:
    counts = Counter(e["id"] for e in _elements(page) if e.get("id"))
    return sorted(i for i, n in counts.items() if n > 1)


def by_id(page: str, element_id: str) -> dict[str, str]:
    return next(e for e in _elements(page) if e.get("id") == element_id)


def test_a_confirmed_match_becomes_an_assignment_and_the_support_starts(client, world, matched):
    coordinator = world.people["coordinator"]
    client.force_login(coordinator)
    form = client.get(reverse("engagements:agree", args=[matched.pk])).content.decode()
    assert "Truus" in form and "Bezoek en gezelschap" in form
    visiting = Activity.objects.get(code="visiting")
    profile = world.people["volunteer"].volunteer_profile
    response = client.post(
        reverse("engagements:agree", args=[matched.pk]),
        {
            "volunteer": profile.pk,
            "tasks": [visiting.pk],
            "frequency": "weekly",
            "starts_on": timezone.localdate().isoformat(),
            "contact_route": "Bel Petra",
        },
    )
    assignment = Assignment.objects.get()
    assert response.status_code == 302
    assert list(assignment.tasks.all()) == [visiting]
    matched.refresh_from_db()
    assert matched.status == "active"
    due = timezone.localdate() + timedelta(weeks=world.organisation.check_in_after_weeks)
    assert sorted(assignment.check_ins.values_list("party", "due_on")) == [
        ("person", due),
        ("volunteer", due),
    ]


def test_agreements_refuse_tasks_outside_the_request_and_volunteers_who_did_not_say_yes(
    client, world, matched
):
    client.force_login(world.people["coordinator"])
    showering = Activity.objects.get(code="washing")
    profile = world.people["volunteer"].volunteer_profile
    with pytest.raises(EngagementError, match="vrijwilligersdeel"):
        services.agree(
            matched.pk,
            profile.pk,
            world.people["coordinator"],
            task_ids=[showering.pk],
            frequency="weekly",
            starts_on=timezone.localdate(),
            planned_end=None,
            contact_route="Bel Petra",
        )
    response = client.post(
        reverse("engagements:agree", args=[matched.pk]),
        {
            "volunteer": profile.pk,
            "frequency": "weekly",
            "starts_on": "2026-11-30",
            "planned_end": "2026-11-01",
            "contact_route": "Bel Petra typed this",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Bel Petra typed this" in page  # nothing typed is lost
    assert "before the start" in page or "vóór de start" in page or "voor de start" in page
    assert not Assignment.objects.exists()
    with pytest.raises(EngagementError):
        services.agree(
            matched.pk,
            profile.pk,
            world.people["stranger"],
            task_ids=[],
            frequency="weekly",
            starts_on=timezone.localdate(),
            planned_end=None,
            contact_route="x",
        )


def test_the_volunteer_reads_what_they_may_and_may_not_do_and_nothing_more(
    client, world, assignment
):
    client.force_login(world.people["volunteer"])
    page = client.get(reverse("engagements:assignment", args=[assignment.pk])).content.decode()
    assert "Truus" in page and "Bel Petra" in page
    assert "hartfalen" not in page  # the request's description is not for the volunteer
    assert "U mag:" in page and "U mag niet:" in page
    assert "medicijnen" in page or "medicines" in page
    mine = client.get(reverse("engagements:mine")).content.decode()
    assert reverse("engagements:assignment", args=[assignment.pk]) in mine


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("volunteer", 200),
        ("coordinator", 200),
        ("professional", 200),  # the responsible professional
        ("desk", 200),
        ("stranger", 404),
        ("citizen", 404),
        ("policy", 404),
    ],
)
def test_who_sees_an_assignment(client, world, assignment, role, status):
    client.force_login(world.people[role])
    response = client.get(reverse("engagements:assignment", args=[assignment.pk]))
    assert response.status_code == status


def test_another_volunteer_never_sees_the_assignment(client, world, assignment):
    from meedoen.matching.tests.test_suggestions import volunteer

    other = volunteer(world, "bert", world.organisation)
    client.force_login(other.user)
    assert client.get(reverse("engagements:assignment", args=[assignment.pk])).status_code == 404


def test_ending_asks_a_reason_and_both_evaluations(client, world, assignment):
    client.force_login(world.people["coordinator"])
    url = reverse("engagements:assignment", args=[assignment.pk])
    response = client.post(
        url, {"action": "end", "reason": "completed", "volunteer_evaluation": "Fijn gedaan"}
    )
    assert response.status_code == 400
    assert "Fijn gedaan" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.is_active
    ending = {
        "action": "end",
        "reason": "completed",
        "volunteer_evaluation": "Fijn gedaan",
        "person_evaluation": "Truus is blij",
    }
    # Ending cannot be undone: a complete end form asks first, keeping what was typed.
    asked = client.post(url, ending)
    page = asked.content.decode()
    assert asked.status_code == 200 and "Weet u zeker" in page
    assert 'value="Truus is blij"' in page and 'name="confirm" value="yes"' in page
    assert f'action="{url}"' in page and f'href="{url}"' in page
    assignment.refresh_from_db()
    assert assignment.is_active
    client.post(url, {**ending, "confirm": "yes"})
    assignment.refresh_from_db()
    assert assignment.status == "ended" and assignment.person_evaluation == "Truus is blij"
    assert assignment.ended_by == world.people["coordinator"] and assignment.ended_at
    assert not assignment.check_ins.filter(done_at__isnull=True).exists()
    page = client.get(url).content.decode()
    assert 'value="end"' not in page  # nothing more to end
    with pytest.raises(EngagementError):
        services.end(
            assignment.pk,
            world.people["coordinator"],
            reason="completed",
            volunteer_evaluation="x",
            person_evaluation="y",
        )
    client.force_login(world.people["volunteer"])
    with pytest.raises(EngagementError):
        services.end(
            assignment.pk,
            world.people["volunteer"],
            reason="completed",
            volunteer_evaluation="x",
            person_evaluation="y",
        )


# --- hours ------------------------------------------------------------------------------


def test_volunteer_logs_hours_and_the_coordinator_approves_them_into_credits(
    client, world, assignment
):
    volunteer = world.people["volunteer"]
    client.force_login(volunteer)
    url = reverse("engagements:assignment", args=[assignment.pk])
    today = timezone.localdate()
    client.post(url, {"action": "hours", "date": today.isoformat(), "hours": "1.5", "expenses": ""})
    entry = HoursEntry.objects.get()
    assert entry.hours == Decimal("1.5") and entry.status == "submitted"

    client.force_login(world.people["coordinator"])
    overview = client.get(reverse("engagements:overview")).content.decode()
    assert "1,5" in overview or "1.5" in overview
    client.post(reverse("engagements:decide_hours", args=[entry.pk]), {"decision": "approve"})
    entry.refresh_from_db()
    assert entry.status == "approved"
    assert credits.balance(volunteer) == Decimal("1.5")
    with pytest.raises(EngagementError):  # once only
        services.approve_hours(entry.pk, world.people["coordinator"])
    assert credits.balance(volunteer) == Decimal("1.5")


def test_bad_hours_are_refused_with_a_reason_and_the_form_keeps_them(client, world, assignment):
    client.force_login(world.people["volunteer"])
    url = reverse("engagements:assignment", args=[assignment.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        url, {"action": "hours", "date": tomorrow.isoformat(), "hours": "2", "note": "koffie"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "koffie" in page and ("toekomst" in page or "future" in page)
    response = client.post(url, {"action": "hours", "date": "gisteren", "hours": "2"})
    assert response.status_code == 400
    assert not HoursEntry.objects.exists()
    for _ in range(3):
        services.log_hours(
            assignment.pk,
            world.people["volunteer"],
            on=timezone.localdate(),
            hours=Decimal("4"),
            expenses=Decimal("0"),
        )
    with pytest.raises(EngagementError, match="12"):
        services.log_hours(
            assignment.pk,
            world.people["volunteer"],
            on=timezone.localdate(),
            hours=Decimal("0.5"),
            expenses=Decimal("0"),
        )
    with pytest.raises(EngagementError):  # someone else's assignment
        services.log_hours(
            assignment.pk,
            world.people["coordinator"],
            on=timezone.localdate(),
            hours=Decimal("1"),
            expenses=Decimal("0"),
        )


def test_a_question_about_hours_is_answered_by_correcting_them(client, world, assignment):
    entry = services.log_hours(
        assignment.pk,
        world.people["volunteer"],
        on=timezone.localdate(),
        hours=Decimal("6"),
        expenses=Decimal("0"),
    )
    client.force_login(world.people["coordinator"])
    client.post(
        reverse("engagements:decide_hours", args=[entry.pk]),
        {"decision": "query", "question": "Zes uur op één dag?"},
    )
    entry.refresh_from_db()
    assert entry.status == "queried"
    client.force_login(world.people["volunteer"])
    page = client.get(reverse("engagements:assignment", args=[assignment.pk])).content.decode()
    assert "Zes uur op één dag?" in page
    assert reverse("engagements:correct_hours", args=[entry.pk]) in page
    client.post(reverse("engagements:correct_hours", args=[entry.pk]), {"hours": "2"})
    entry.refresh_from_db()
    assert entry.status == "submitted" and entry.hours == Decimal("2")
    page = client.get(reverse("engagements:assignment", args=[assignment.pk])).content.decode()
    assert reverse("engagements:correct_hours", args=[entry.pk]) not in page  # sent again
    with pytest.raises(EngagementError):  # only hours with a question are corrected
        services.correct_hours(
            entry.pk, world.people["volunteer"], hours=Decimal("1"), expenses=Decimal("0"), note=""
        )
    with pytest.raises(EngagementError):  # the coordinator asks; the volunteer corrects
        services.query_hours(entry.pk, world.people["volunteer"], question="Klopt dit?")


def test_the_coordinator_is_warned_before_an_allowance_exceeds_the_tax_free_limits(
    client, world, assignment
):
    organisation = world.organisation
    organisation.allowance_per_hour = Decimal("5.00")
    organisation.save()
    Assignment.objects.filter(pk=assignment.pk).update(starts_on="2026-01-05")
    coordinator = world.people["coordinator"]
    with time_machine.travel(
        timezone.datetime(2026, 3, 20, 12, tzinfo=timezone.get_current_timezone())
    ):
        day = timezone.localdate()
        paid = [
            services.log_hours(
                assignment.pk,
                world.people["volunteer"],
                on=day - timedelta(days=n),
                hours=Decimal("10"),
                expenses=Decimal("0"),
            )
            for n in range(4)
        ]
        for entry in paid:  # 4 × 10 h × € 5 = € 200 this month: within € 220
            services.approve_hours(entry.pk, coordinator)
        extra = services.log_hours(
            assignment.pk,
            world.people["volunteer"],
            on=day - timedelta(days=5),
            hours=Decimal("5"),
            expenses=Decimal("12.50"),  # costs do not count
        )
        with pytest.raises(services.OverLimit) as raised:  # € 200 + 5 h × € 5 = € 225
            services.approve_hours(extra.pk, coordinator)
        assert "220" in str(raised.value)
        client.force_login(coordinator)
        page = client.get(reverse("engagements:overview")).content.decode()
        assert "220" in page
        client.post(reverse("engagements:decide_hours", args=[extra.pk]), {"decision": "approve"})
        extra.refresh_from_db()
        assert extra.status == "submitted"  # not without confirming
        client.post(
            reverse("engagements:decide_hours", args=[extra.pk]),
            {"decision": "approve", "over_limit": "1"},
        )
        extra.refresh_from_db()
        assert extra.status == "approved" and extra.allowance == Decimal("25.00")


def test_allowance_limits_per_hour_month_and_year():
    limits = allowance.KNOWN_LIMITS[2026]
    ok = allowance.problems(
        limits,
        rate=Decimal("5"),
        hours=Decimal("2"),
        paid_this_month=Decimal("0"),
        paid_this_year=Decimal("0"),
    )
    assert ok == []
    assert (
        len(
            allowance.problems(
                limits,
                rate=Decimal("6"),
                hours=Decimal("1"),
                paid_this_month=Decimal("0"),
                paid_this_year=Decimal("0"),
            )
        )
        == 1
    )
    assert (
        len(
            allowance.problems(
                limits,
                rate=Decimal("3.40"),
                hours=Decimal("1"),
                paid_this_month=Decimal("0"),
                paid_this_year=Decimal("0"),
                under_21=True,
            )
        )
        == 0
    )
    year_only = allowance.problems(
        limits,
        rate=Decimal("5"),
        hours=Decimal("1"),
        paid_this_month=Decimal("0"),
        paid_this_year=limits.per_year,
    )
    assert len(year_only) == 1 and str(limits.per_year) in year_only[0]
    assert (
        allowance.problems(
            None,
            rate=Decimal("0"),
            hours=Decimal("1"),
            paid_this_month=Decimal("0"),
            paid_this_year=Decimal("0"),
        )
        == []
    )


# --- check-ins --------------------------------------------------------------------------


def test_check_ins_are_scheduled_answered_and_overdue_ones_are_shown(client, world, assignment):
    first = assignment.check_ins.get(party="volunteer")
    assert first.due_on < timezone.localdate()  # the assignment started 30 days ago
    client.force_login(world.people["coordinator"])
    overview = client.get(reverse("engagements:overview")).content.decode()
    assert matched_reference(assignment) in overview
    client.force_login(world.people["volunteer"])
    page = client.get(reverse("engagements:assignment", args=[assignment.pk])).content.decode()
    assert "Hoe gaat het?" in page or "How is it going?" in page
    assert f'name="check_in" value="{assignment.check_ins.get(party="person").pk}"' not in page
    client.post(
        reverse("engagements:assignment", args=[assignment.pk]),
        {
            "action": "check_in",
            "check_in": first.pk,
            "how_it_goes": "okay",
            "load": "too_much",
            "too_heavy": "on",
            "note": "Ze valt vaak",
        },
    )
    first.refresh_from_db()
    assert first.done_at is not None and first.too_heavy
    following = assignment.check_ins.get(party="volunteer", done_at__isnull=True)
    assert following.due_on == timezone.localdate() + timedelta(
        weeks=world.organisation.check_in_every_weeks
    )
    concern = Concern.objects.get()  # "too heavy" reaches the team as a concern at once
    assert concern.category == "too_heavy" and "Ze valt vaak" in concern.description


def test_quiet_assignments_are_listed_for_the_coordinator(client, world, assignment):
    services.log_hours(
        assignment.pk,
        world.people["volunteer"],
        on=assignment.starts_on,
        hours=Decimal("1"),
        expenses=Decimal("0"),
    )
    rows = services.quiet_assignments(Assignment.objects.all())
    assert [(a.pk, days) for a, days in rows] == [(assignment.pk, 30)]
    services.log_hours(
        assignment.pk,
        world.people["volunteer"],
        on=timezone.localdate(),
        hours=Decimal("1"),
        expenses=Decimal("0"),
    )
    assert services.quiet_assignments(Assignment.objects.all()) == []


def test_check_in_mail_and_hours_question_reach_the_volunteer(
    world, emails, assignment, django_capture_on_commit_callbacks
):
    entry = services.log_hours(
        assignment.pk,
        world.people["volunteer"],
        on=timezone.localdate(),
        hours=Decimal("1"),
        expenses=Decimal("0"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.query_hours(entry.pk, world.people["coordinator"], question="Welke dag?")
    deliver_due()
    assert any(m.to == ["volunteer@example.nl"] and "Welke dag?" in m.body for m in mail.outbox)
    assert CheckIn.objects.filter(assignment=assignment).count() == 2


def matched_reference(assignment):
    return assignment.help_request.reference


def test_matching_counts_active_assignments_and_remembers_whom_a_volunteer_helped(
    world, assignment
):
    from meedoen.matching import selectors

    profile = world.people["volunteer"].volunteer_profile
    facts = selectors.volunteer_fact(profile.pk)
    assert facts.assignments_left == selectors.MAX_CONCURRENT - 1
    citizen = world.people["citizen"]
    HelpRequest = type(assignment.help_request)
    HelpRequest.objects.filter(pk=assignment.help_request_id).update(requester=citizen)
    assert citizen.pk in selectors.volunteer_fact(profile.pk).helped
    services.end(
        assignment.pk,
        world.people["coordinator"],
        reason="completed",
        volunteer_evaluation="Goed",
        person_evaluation="Goed",
    )
    facts = selectors.volunteer_fact(profile.pk)
    assert facts.assignments_left == selectors.MAX_CONCURRENT
    assert citizen.pk in facts.helped  # continuity outlives the assignment


def test_start_pages_lead_to_assignments_and_concerns(client, world, assignment):
    from meedoen.engagements.services import concerns

    concerns.raise_concern(
        assignment.help_request_id,
        world.people["volunteer"],
        assignment_id=assignment.pk,
        category="health",
        urgent=False,
        description="Vergeetachtig",
    )
    client.force_login(world.people["volunteer"])
    page = client.get(reverse("start:volunteer")).content.decode()
    assert reverse("engagements:assignment", args=[assignment.pk]) in page
    assert "hoe het gaat" in page  # the check-in is due
    client.force_login(world.people["professional"])  # responsible for Truus
    page = client.get(reverse("start:professional")).content.decode()
    assert reverse("engagements:assignment", args=[assignment.pk]) in page
    assert "Er wacht 1 zorg op u" in page


def test_administrators_keep_the_allowance_limits_per_year(client, world):
    from meedoen.engagements.models import AllowanceLimit

    client.force_login(world.people["admin"])
    listing = client.get("/admin/engagements/allowancelimit/").content.decode()
    assert "2026" in listing
    client.post(
        "/admin/engagements/allowancelimit/add/",
        {
            "year": 2027,
            "per_hour": "5.90",
            "per_hour_under_21": "3.50",
            "per_month": "230",
            "per_year": "2300",
        },
    )
    assert services.limits_for(2027).per_month == Decimal("230")
    assert AllowanceLimit.objects.count() == 3
    for page in ("assignment", "concern", "handover"):
        assert client.get(f"/admin/engagements/{page}/").status_code == 200


def test_the_coordinator_approves_many_hours_at_once_but_not_past_a_limit(
    client, world, assignment
):
    from meedoen.matching.tests.test_suggestions import volunteer

    entries = [
        services.log_hours(
            assignment.pk,
            world.people["volunteer"],
            on=timezone.localdate() - timedelta(days=n),
            hours=Decimal("2"),
            expenses=Decimal("0"),
        )
        for n in range(3)
    ]
    other = volunteer(world, "olaf", world.other_organisation)
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("engagements:overview")).content.decode()
    assert "zonder waarschuwing" in page
    client.post(
        reverse("engagements:approve_many"),
        {"entry": [e.pk for e in entries] + [other.pk, "x"]},
    )
    assert HoursEntry.objects.filter(status="approved").count() == 3
    assert credits.balance(world.people["volunteer"]) == Decimal("6")


def test_a_coordinator_enters_hours_from_paper_on_the_day_they_were_made(world, assignment):
    made_on = timezone.localdate() - timedelta(days=10)
    entry = services.enter_hours(
        assignment.pk,
        world.people["coordinator"],
        on=made_on,
        hours=Decimal("2"),
        expenses=Decimal("0"),
        note="Van het urenbriefje",
    )
    assert entry.date == made_on and entry.status == HoursEntry.Status.SUBMITTED
    for someone in (world.people["stranger"], world.people["volunteer"]):
        with pytest.raises(EngagementError):
            services.enter_hours(
                assignment.pk, someone, on=made_on, hours=Decimal("1"), expenses=Decimal("0")
            )
    with pytest.raises(EngagementError, match="meer dan 12 uur"):
        services.enter_hours(
            assignment.pk,
            world.people["coordinator"],
            on=made_on,
            hours=Decimal("11"),
            expenses=Decimal("0"),
        )


def test_the_hours_form_and_a_due_check_in_each_name_their_own_note(client, world, assignment):
    client.force_login(world.people["volunteer"])
    url = reverse("engagements:assignment", args=[assignment.pk])
    page = client.get(url).content.decode()
    check_in = assignment.check_ins.get(party="volunteer")
    assert duplicate_ids(page) == []
    assert 'for="hours-note"' in page and f'for="check-in-{check_in.pk}-note"' in page
    response = client.post(url, {"action": "hours", "date": "", "hours": "", "note": "koffie"})
    page = response.content.decode()
    assert response.status_code == 400 and duplicate_ids(page) == []
    assert 'href="#hours-date"' in page and by_id(page, "hours-date")["aria-invalid"] == "true"
    assert by_id(page, "hours-note")["value"] == "koffie"
