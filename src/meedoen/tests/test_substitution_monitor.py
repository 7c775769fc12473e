"""The task-division register, the substitution monitor and the demand dossier: what a
coordinator records, what the monitor counts and shows to whom, and what a village's dossier
says. The world is built once for the module, through the services."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.catalogue.models import Activity
from meedoen.conftest import build_world, kept_for_module
from meedoen.insights import dossier, monitor
from meedoen.organisations import services
from meedoen.organisations.models import Organisation, SubstitutionSignal, TaskDivision
from meedoen.organisations.tests.factories import OrganisationFactory
from meedoen.requests.tests.factories import HelpRequestFactory, ProfessionalReferralFactory
from meedoen.volunteers.tests.factories import EnrolmentFactory, VolunteerProfileFactory

#: Our organisation has formal care split off this many requests; the other has none.
SPLITS = 5


def _build():
    w = build_world()
    coordinator = w.people["coordinator"]
    home_care = OrganisationFactory(
        municipality=w.municipality,
        name="Thuiszorg De Linde",
        type=Organisation.Type.PROFESSIONALS_ONLY,
        sector=Organisation.Sector.HOME_CARE,
    )
    w.organisation.areas.add(w.other_area)
    mixed = list(Activity.objects.filter(code__in=["visiting", "washing"]))
    for name in ["Ria", "Bep", "Kees", "Truus", "Wim"]:
        ProfessionalReferralFactory(
            help_request=HelpRequestFactory.in_intake(
                activities=mixed,
                first_name=name,
                organisation=w.organisation,
                area=w.other_area,
            ),
            organisation=home_care,
            created_by=coordinator,
        )
    for n in range(10):
        HelpRequestFactory(organisation=w.other_organisation, area=w.area, first_name=f"Anna{n}")
    # Two requests of the village wait for a volunteer; volunteers live there.
    HelpRequestFactory(organisation=w.organisation, area=w.other_area, first_name="Joop")
    for _n in range(6):
        EnrolmentFactory.active(
            profile=VolunteerProfileFactory(area=w.other_area), organisation=w.organisation
        )
    visiting = Activity.objects.get(code="visiting")
    today = timezone.localdate()
    services.record_task_division(
        coordinator,
        w.organisation,
        activity=visiting,
        done_by="professionals",
        since=today - timedelta(days=200),
        reason="De welzijnswerker deed de bezoeken",
    )
    w.objects["moved"] = services.record_task_division(
        coordinator,
        w.organisation,
        activity=visiting,
        done_by="volunteers",
        since=today - timedelta(days=3),
        reason="Welzijnswerker wegbezuinigd",
    )
    w.objects["home_care"] = home_care
    manager = UserFactory(username="manager", municipality=w.municipality)
    MembershipFactory(user=manager, organisation=w.organisation, role="manager")
    w.people["manager"] = manager
    return w


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker, _build) as built:
        yield built


@pytest.fixture
def world(shared_world, db):
    return shared_world


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


# --- the register -------------------------------------------------------------------------


def test_a_change_is_a_new_entry_that_keeps_the_history_and_its_direction(world):
    entries = TaskDivision.objects.filter(organisation=world.organisation).order_by("since")
    assert [(e.previous, e.done_by, e.shift) for e in entries] == [
        ("", "professionals", ""),
        ("professionals", "volunteers", "to_volunteers"),
    ]
    back = services.record_task_division(
        world.people["coordinator"],
        world.organisation,
        activity=Activity.objects.get(code="visiting"),
        done_by="both",
        since=timezone.localdate(),
        reason="De gemeente financiert weer een welzijnswerker",
    )
    assert back.shift == "to_professionals" and back.previous == "volunteers"
    current = TaskDivision.objects.filter(organisation=world.organisation).current()
    assert list(current) == [back]
    assert TaskDivision.objects.filter(organisation=world.organisation).count() == 3


def test_the_register_refuses_an_older_date_the_same_division_and_a_future_date(world):
    visiting = Activity.objects.get(code="visiting")
    today = timezone.localdate()
    record = services.record_task_division
    cases = [
        ("both", today - timedelta(days=10), "al een vastlegging"),
        ("volunteers", today, "al gedaan door"),
        ("both", today + timedelta(days=1), "toekomst"),
    ]
    for done_by, since, message in cases:
        with pytest.raises(services.TaskDivisionRefused, match=message):
            record(
                world.people["coordinator"],
                world.organisation,
                activity=visiting,
                done_by=done_by,
                since=since,
                reason="Test",
            )
    assert TaskDivision.objects.filter(organisation=world.organisation).count() == 2


def test_volunteers_are_not_given_formal_care_and_the_attempt_is_a_signal(world):
    washing = Activity.objects.get(code="washing")
    with pytest.raises(services.TaskDivisionRefused):
        services.record_task_division(
            world.people["coordinator"],
            world.organisation,
            activity=washing,
            done_by="volunteers",
            since=timezone.localdate(),
            reason="Thuiszorg komt niet meer",
        )
    assert not TaskDivision.objects.filter(activity=washing).exists()
    assert SubstitutionSignal.objects.filter(
        organisation=world.organisation, kind="task_division_refused", activity=washing
    ).exists()


def test_another_organisations_coordinator_cannot_change_the_register(world):
    url = reverse("organisations:task_division", args=[world.organisation.pk])
    body = {
        "activity": Activity.objects.get(code="shopping").pk,
        "done_by": "volunteers",
        "since": str(timezone.localdate()),
        "reason": "Wij doen het wel",
    }
    assert _client(world.people["stranger"]).post(url, body).status_code == 404
    assert _client(world.people["policy"]).post(url, body).status_code == 403
    api = _client(world.people["stranger"]).post(
        reverse("api:task-division-list"),
        {**body, "organisation": world.organisation.pk},
        content_type="application/json",
    )
    assert api.status_code == 404
    assert not TaskDivision.objects.filter(activity__code="shopping").exists()


def test_a_manager_records_through_the_api_and_the_policy_officer_only_reads_it(world):
    transport = Activity.objects.get(code="transport")
    body = {
        "organisation": world.organisation.pk,
        "activity": transport.pk,
        "done_by": "volunteers",
        "since": str(timezone.localdate()),
        "reason": "Vrijwillige chauffeurs",
    }
    url = reverse("api:task-division-list")
    made = _client(world.people["manager"]).post(url, body, content_type="application/json")
    assert made.status_code == 201
    assert made.json()["done_by"] == "volunteers" and made.json()["shift"] is None
    policy = _client(world.people["policy"])
    listed = policy.get(url, {"organisation": world.organisation.pk}).json()["results"]
    assert {row["activity"] for row in listed} == {
        transport.pk,
        Activity.objects.get(code="visiting").pk,
    }
    again = {**body, "done_by": "both"}
    assert policy.post(url, again, content_type="application/json").status_code == 409
    assert TaskDivision.objects.filter(activity=transport).count() == 1


def test_the_coordinator_records_a_change_on_the_page_and_a_refusal_keeps_what_was_typed(world):
    client = _client(world.people["coordinator"])
    url = reverse("organisations:task_division", args=[world.organisation.pk])
    washing = Activity.objects.get(code="washing")
    refused = client.post(
        url,
        {
            "activity": washing.pk,
            "done_by": "volunteers",
            "since": str(timezone.localdate()),
            "reason": "Niemand anders",
        },
    )
    assert refused.status_code == 400
    assert "Niemand anders" in refused.content.decode()
    shopping = Activity.objects.get(code="shopping")
    done = client.post(
        url,
        {
            "activity": shopping.pk,
            "done_by": "both",
            "since": str(timezone.localdate()),
            "reason": "Samen met de thuiszorg",
        },
    )
    assert done.status_code == 302
    page = client.get(url).content.decode()
    assert "Samen met de thuiszorg" in page and "Welzijnswerker wegbezuinigd" in page


# --- the monitor --------------------------------------------------------------------------


def _month_counts(view, key):
    return {m.month: m.counts[key] for m in view.months}


def test_the_monitor_counts_the_splits_and_the_task_division_change_of_the_organisation(world):
    view = monitor.for_organisation(world.organisation, monitor.window())
    this_month = monitor.window()[-1]
    assert _month_counts(view, "split")[this_month] == SPLITS
    moved = world.objects["moved"].since.replace(day=1)
    assert _month_counts(view, "division_to_volunteers")[moved] == 1
    assert sum(m.counts["division_to_professionals"] for m in view.months) == 0
    assert view.share.requests == SPLITS + 1 and view.share.split == SPLITS
    # 5 of 6 split off here against 5 of 16 in the municipality: it stands out.
    assert view.stands_out


def test_the_municipality_sees_suppressed_totals_and_which_organisation_stands_out(world):
    view = monitor.for_municipality(world.municipality, monitor.window())
    assert view.suppressed
    lines = {line.organisation.name: line for line in view.organisations}
    ours, other = lines["Onze Vrijwilligers"], lines["Andere Vrijwilligers"]
    assert ours.stands_out and not other.stands_out
    assert ours.share.split == SPLITS
    assert other.share.requests == 10 and other.share.split == 0
    # One change in the register is a small count: hidden.
    assert ours.totals["division_to_volunteers"] is None
    assert sum(1 for m in view.months if m.counts["division_to_volunteers"] is None) == 1


def test_the_policy_officer_reads_the_monitor_page_and_the_csv_without_a_person(world):
    client = _client(world.people["policy"])
    page = client.get(reverse("monitor:monitor"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Onze Vrijwilligers" in text and "verborgen" in text
    for name in ["Ria", "Bep", "Kees", "Joop"]:
        assert name not in text
    download = client.get(reverse("monitor:monitor_csv"))
    rows = list(csv.reader(io.StringIO(download.content.decode()), delimiter=";"))
    assert rows[0][:2] == ["Gemeente of organisatie", "Maand"]
    this_month = [r for r in rows if r[:1] == ["Teststad"]][-1]
    assert rows[0][4] == "Formele zorg van een hulpvraag afgesplitst"
    assert this_month[4] == str(SPLITS)
    assert ["Onze Vrijwilligers", "6", "5", "83,3", "ja"] in rows


def test_the_coordinator_sees_only_their_own_organisation_on_the_monitor(world):
    scopes = _client(world.people["stranger"]).get(reverse("api:substitution-monitor")).json()
    assert [(s["kind"], s["name"]) for s in scopes["scopes"]] == [
        ("organisation", "Andere Vrijwilligers")
    ]
    ours = _client(world.people["coordinator"]).get(reverse("api:substitution-monitor")).json()
    months = ours["scopes"][0]["months"]
    assert months[-1]["counts"]["split"] == SPLITS
    assert (
        _client(world.people["volunteer"]).get(reverse("api:substitution-monitor")).status_code
        == 403
    )


def test_a_policy_officer_reaches_no_persons_record(world):
    client = _client(world.people["policy"])
    referral = world.objects["home_care"].incoming_referrals.first()
    assert (
        client.get(reverse("requests:detail", args=[referral.help_request_id])).status_code == 403
    )
    listed = client.get(reverse("api:help-request-list")).json()["results"]
    assert listed == []
    assert client.get(reverse("api:volunteer-list")).json()["results"] == []


# --- the demand dossier -------------------------------------------------------------------


def test_the_dossier_counts_demand_in_the_village_in_the_database(world):
    made = dossier.build(world.other_area)
    assert made.requests == SPLITS + 1
    assert made.to_professionals == SPLITS
    assert made.volunteers == 6
    # The volunteer part of the split requests, and one request more, wait for a volunteer.
    assert made.waiting_now == SPLITS + 1
    names = {d.name: d for d in made.activities}
    assert names["Bezoek en gezelschap"].requests == SPLITS + 1
    assert names["Hulp bij wassen en douchen"].to_professionals == SPLITS
    assert made.quarters[-1].requests == SPLITS + 1


def test_the_dossier_pdf_says_what_the_village_needs(world):
    client = _client(world.people["coordinator"])
    response = client.get(reverse("api:area-demand-dossier", args=[world.other_area.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Vraagdossier: Dorp" in text
    text = " ".join(text.split())
    assert "Bezoek en gezelschap 6 6 0 0" in text and "van 1 tot en met 4 zijn verborgen" in text
    assert "Naar beroepskrachten 5" in text and "Vrijwilligers die hier wonen 6" in text
    assert "Ria" not in text


def test_the_dossier_is_for_the_municipality_and_the_organisations_serving_the_area(world):
    url = reverse("monitor:dossier", args=[world.other_area.pk])
    assert _client(world.people["policy"]).get(url).status_code == 200
    assert _client(world.people["coordinator"]).get(url).status_code == 200
    assert _client(world.people["stranger"]).get(url).status_code == 404
    assert _client(world.people["volunteer"]).get(url).status_code == 403


def test_no_hidden_count_of_the_municipality_follows_from_a_months_sum():
    from datetime import date

    october, november = date(2026, 10, 1), date(2026, 11, 1)
    counts = {(october, "split"): 2, (october, "referred"): 6, (november, "referred"): 7}
    hidden, shown = monitor._months(counts, [october, november], hide=True)
    assert hidden.counts["split"] is None
    # 8 events on the professionals' side less 6 referred would give the 2 splits away.
    assert hidden.counts["referred"] is None or hidden.towards_professionals is None
    # A month without a small count keeps its numbers.
    assert shown.counts["referred"] == 7 and shown.towards_professionals == 7
    # The organisation's own view shows everything.
    own, _ = monitor._months(counts, [october, november], hide=False)
    assert own.counts["split"] == 2 and own.towards_professionals == 8


@pytest.mark.django_db
def test_the_dossier_hides_a_field_that_the_total_would_give_away():
    from meedoen.catalogue.tests.factories import PerformanceFieldFactory
    from meedoen.organisations.tests.factories import AreaFactory

    organisation = OrganisationFactory()
    area = AreaFactory(municipality=organisation.municipality, name="Hapert", kind="village")
    support, household = PerformanceFieldFactory(), PerformanceFieldFactory()
    for field, n in ((support, 5), (household, 2)):
        for _n in range(n):
            HelpRequestFactory(organisation=organisation, area=area, performance_field=field)
    made = dossier.build(area)
    assert made.requests == 7
    fields = {d.name: d for d in made.fields}
    assert fields[household.name].requests is None
    # Seven in all less five would give the two away.
    assert fields[support.name].requests is None


@pytest.mark.django_db
def test_the_dossier_averages_the_days_until_a_volunteer_in_the_database():
    from django.db.models import F

    from meedoen.matching.tests.factories import matched_request
    from meedoen.organisations.tests.factories import AreaFactory
    from meedoen.requests.models import HelpRequest
    from meedoen.volunteers.tests.factories import volunteer

    organisation = OrganisationFactory()
    area = AreaFactory(municipality=organisation.municipality, name="Hoogeloon", kind="village")
    for n in range(5):
        profile = volunteer(organisation, area=area)
        asked = matched_request(profile, organisation=organisation, area=area, first_name=f"P{n}")
        # It came in by phone four days before it was entered.
        HelpRequest.objects.filter(pk=asked.pk).update(
            received_at=F("received_at") - timedelta(days=4)
        )
    made = dossier.build(area)
    [quarter] = [q for q in made.quarters if q.answered == 5]
    assert quarter.waiting_days == pytest.approx(4, abs=0.1)
    assert made.volunteers == 5
