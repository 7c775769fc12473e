"""The figures of the dashboard and the statistics API on a small world built once: what each
figure counts, whose figures each role sees, and that small counts stay hidden."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meedoen.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityMembershipFactory,
    UserFactory,
)
from meedoen.conftest import build_world, kept_for_module
from meedoen.engagements.tests.factories import (
    ConcernFactory,
    HandoverFactory,
    HoursEntryFactory,
    agree,
)
from meedoen.insights import scopes, selectors
from meedoen.insights.selectors import Filters
from meedoen.matching.tests.factories import matched_request
from meedoen.organisations.models import Area, Membership
from meedoen.organisations.tests.factories import MunicipalityFactory
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.volunteers import lifecycle
from meedoen.volunteers import services as volunteer_services
from meedoen.volunteers.tests.factories import volunteer

DAY = timedelta(days=1)


def _build():
    w = build_world()
    now = timezone.now()
    ours, other, desk = w.organisation, w.other_organisation, w.desk
    centrum, dorp = w.area, w.other_area
    centrum.population, centrum.population_year = 2000, 2025
    centrum.save()
    made = {}
    # Ours: six asked directly in Centrum, two referred by a professional in Dorp.
    made["direct"] = [
        HelpRequestFactory(
            organisation=ours, area=centrum, first_name="Truus", received_at=now - 3 * DAY
        )
        for _ in range(6)
    ]
    made["referred"] = [
        HelpRequestFactory(
            organisation=ours,
            area=dorp,
            source=HelpRequest.Source.PROFESSIONAL,
            received_at=now - 4 * DAY,
        )
        for _ in range(2)
    ]
    # One came in at the central desk and waits there.
    made["desk"] = HelpRequestFactory(organisation=desk, area=centrum, received_at=now - DAY)
    # One came in by phone long ago and was entered only now: outside the last year.
    made["old"] = HelpRequestFactory(organisation=ours, area=centrum, received_at=now - 500 * DAY)
    # Five matched in Centrum, having waited 2, 4, 6, 8 and 10 days.
    helpers = [volunteer(ours, area=centrum) for _ in range(5)]
    made["matched"] = [
        matched_request(
            profile, organisation=ours, area=centrum, received_at=now - 2 * (n + 1) * DAY
        )
        for n, profile in enumerate(helpers)
    ]
    assignment = agree(made["matched"][0], helpers[0])
    for _ in range(3):
        HoursEntryFactory.approved(assignment=assignment, hours="2")
    ConcernFactory(assignment=assignment)
    HandoverFactory(assignment=assignment)
    HelpRequestFactory.in_state(workflow.WITHDRAWN, organisation=ours, area=centrum)
    # One volunteer stopped.
    volunteer_services.change_status(
        helpers[4].enrolments.get().pk, lifecycle.STOPPED, w.people["coordinator"], "Verhuisd"
    )
    # The other organisation: seven requests in Dorp.
    made["others"] = [HelpRequestFactory(organisation=other, area=dorp) for _ in range(7)]
    # A policy officer of another municipality and a manager of ours.
    elsewhere = UserFactory(username="elders")
    MunicipalityMembershipFactory(
        user=elsewhere, municipality=MunicipalityFactory(code="GM9999", name="Elders")
    )
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, organisation=ours, role=Membership.Role.MANAGER)
    w.people.update({"elsewhere": elsewhere, "manager": manager})
    w.objects.update(made)
    return w


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker, _build) as built:
        yield built


@pytest.fixture
def world(shared_world, db):
    return shared_world


def _scope(world, role, person, organisation=None):
    return scopes.resolve(world.people[person], role, world.municipality, organisation)


def _values(figure, column=0):
    return {row.key: row.cells[column].value for row in figure.rows}


def test_outcomes_cover_every_status_of_the_request_workflow_once():
    statuses = [s for _label, group in selectors.OUTCOMES.values() for s in group]
    assert sorted(statuses) == sorted(workflow.FINAL | workflow.OPEN)


def test_a_coordinator_counts_their_own_requests_in_full(world):
    scope = _scope(world, "coordinator", "coordinator", world.organisation)
    assert not scope.suppressed
    channel = selectors.requests_by_channel(scope, Filters.last_year())
    # 6 direct + 5 matched + 1 withdrawn asked directly; 2 referred; the old one is outside.
    assert _values(channel) == {"direct": 12, "referred": 2, "desk": 0}
    assert channel.total.cells[0].value == 14
    outcome = selectors.requests_by_outcome(scope, Filters.last_year())
    assert _values(outcome) == {
        "matched": 5,
        "professionals": 0,
        "withdrawn": 1,
        "declined": 0,
        "waiting": 8,
    }


def test_came_in_on_counts_not_the_day_it_was_entered(world):
    scope = _scope(world, "coordinator", "coordinator", world.organisation)
    today = timezone.localdate()
    long_ago = Filters(start=today - timedelta(days=600), end=today - timedelta(days=400))
    assert selectors.requests_by_channel(scope, long_ago).total.cells[0].value == 1


def test_waiting_time_is_the_median_and_90th_percentile_in_days(world):
    scope = _scope(world, "coordinator", "coordinator", world.organisation)
    rows = _values(selectors.waiting_times(scope, Filters.last_year()))
    assert rows["matched"] == 5
    assert rows["median"] == pytest.approx(6, abs=0.1)
    assert rows["p90"] == pytest.approx(10, abs=0.1)


def test_volunteers_hours_concerns_and_handovers(world):
    scope = _scope(world, "coordinator", "coordinator", world.organisation)
    filters = Filters.last_year()
    people = _values(selectors.volunteers(scope, filters))
    # The world's own volunteer and five helpers, one of whom stopped.
    assert people == {"active": 5, "started": 5, "stopped": 1}
    assert selectors.hours_by_area(scope, filters).total.cells[0].value == 6
    assert selectors.concerns(scope, filters).total.cells[0].value == 1
    assert _values(selectors.handovers(scope, filters))["to_professionals"] == 1


def test_the_trend_per_month_adds_up_to_the_period(world):
    scope = _scope(world, "coordinator", "coordinator", world.organisation)
    figure = selectors.trend(scope, Filters.last_year())
    assert len(figure.rows) in (12, 13)
    this_month = figure.rows[-1]
    assert this_month.key == timezone.localdate().strftime("%Y-%m")
    assert [c.value for c in figure.total.cells] == [14, 5, 6]
    assert sum(row.cells[0].value for row in figure.rows) == 14


def test_per_area_counts_and_per_thousand_inhabitants(world):
    scope = _scope(world, "coordinator", "coordinator", world.organisation)
    figure = selectors.areas(scope, Filters.last_year())
    centrum = next(r for r in figure.rows if r.key == str(world.area.pk))
    dorp = next(r for r in figure.rows if r.key == str(world.other_area.pk))
    values = [c.value for c in centrum.cells]
    assert values[0] == 12 and values[2] == 2000 and values[3] == 2025
    assert values[4] == pytest.approx(6.0)
    assert dorp.cells[2].value is None and dorp.cells[4].value is None  # not known


def test_a_policy_officer_sees_small_counts_hidden_and_never_a_grouping_that_gives_them_away(
    world,
):
    scope = _scope(world, "policy_officer", "policy")
    assert scope.suppressed and scope.organisation_ids is None
    channel = selectors.requests_by_channel(scope, Filters.last_year())
    cells = {row.key: row.cells[0] for row in channel.rows}
    # Municipality: 12 direct, 2 referred, 8 at or via the desk's ... the desk's one: 1.
    assert cells["referred"].hidden and cells["desk"].hidden
    assert cells["direct"].value == 19  # 12 ours + 7 of the other organisation
    assert channel.total.cells[0].value == 22


def test_coordinators_never_see_another_organisations_figures(world):
    stranger = _scope(world, "coordinator", "stranger")
    assert stranger.organisation_ids == frozenset({world.other_organisation.pk})
    assert selectors.requests_by_channel(stranger, Filters.last_year()).total.cells[0].value == 7
    assert not stranger.suppressed
    # The central desk sees its network's figures, small counts hidden: it only routes.
    desk = _scope(world, "coordinator", "desk")
    assert desk.suppressed
    assert world.organisation.pk in desk.organisation_ids
    assert world.other_organisation.pk not in desk.organisation_ids
    # A coordinator cannot pick another organisation in the form.
    client = Client()
    client.force_login(world.people["coordinator"])
    response = client.get(
        reverse("insights:dashboard"), {"organisation": world.other_organisation.pk}
    )
    assert response.status_code == 400


def test_the_page_shows_figures_in_dutch_without_a_person_and_keeps_its_filters(world):
    client = Client()
    client.force_login(world.people["policy"])
    response = client.get(reverse("insights:dashboard"), {"area": world.area.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cijfers voor Teststad" in page
    assert "verborgen" in page
    assert f'<option value="{world.area.pk}" selected>' in page
    for person in world.objects["direct"][:1]:
        assert person.first_name not in page and person.reference not in page
    assert 'role="img"' not in page and 'aria-hidden="true"' in page


def test_the_csv_of_a_figure_has_the_page_filters_and_dutch_headers(world):
    client = Client()
    client.force_login(world.people["coordinator"])
    url = reverse("insights:figure_csv", args=["requests-by-channel"])
    response = client.get(url, {"area": world.other_area.pk})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == ["Binnengekomen", "Hulpvragen"]
    assert rows[1:] == [
        ["direct gevraagd", "0"],
        ["verwezen door een beroepskracht", "2"],
        ["via de centrale balie", "0"],
        ["totaal", "2"],
    ]


def test_the_api_answers_like_the_page_with_hidden_cells_as_null(world):
    client = Client()
    client.force_login(world.people["policy"])
    body = client.get(reverse("api:statistics-requests"), {"group_by": "channel"}).json()
    rows = {row["key"]: row["values"]["requests"] for row in body["rows"]}
    assert rows["referred"] == {"value": None, "suppressed": True}
    assert rows["direct"] == {"value": 19.0, "suppressed": False}
    assert body["suppressed_below"] == 5
    bad = client.get(reverse("api:statistics-requests"), {"start": "gisteren"})
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert client.get(reverse("api:statistics-requests"), {"group_by": "x"}).status_code == 400
    # The filters as the OpenAPI file has them: no empty day, no other notation, digits for ids.
    for wrong in ({"start": ""}, {"end": "30-11-2026"}, {"area": " 1"}, {"role": "citizen"}):
        refused = client.get(reverse("api:statistics-requests"), wrong)
        assert refused.status_code == 400, wrong
        assert next(iter(wrong)) in refused.content.decode()
    citizen = Client()
    citizen.force_login(world.people["citizen"])
    assert citizen.get(reverse("api:statistics-requests")).status_code == 403


def test_a_policy_officer_keeps_the_inhabitants_of_their_own_municipality_only(world):
    client = Client()
    client.force_login(world.people["policy"])
    url = reverse("insights:population", args=[world.municipality.pk])
    body = {}
    for area in Area.objects.filter(municipality=world.municipality):
        body[f"area-{area.pk}-population"] = "1500"
        body[f"area-{area.pk}-population_year"] = "2026"
    assert client.post(url, body).status_code == 302
    assert set(
        Area.objects.filter(municipality=world.municipality).values_list(
            "population", "population_year"
        )
    ) == {(1500, 2026)}
    elsewhere = Client()
    elsewhere.force_login(world.people["elsewhere"])
    assert elsewhere.post(url, body).status_code == 404
    half = {**body, f"area-{world.area.pk}-population_year": ""}
    assert client.post(url, half).status_code == 400


def test_a_manager_sees_their_organisation_with_small_counts_hidden(world):
    client = Client()
    client.force_login(world.people["manager"])
    response = client.get(reverse("insights:dashboard"))
    assert response.status_code == 200
    assert response.context["scope"].organisation_ids == frozenset({world.organisation.pk})
    assert response.context["scope"].suppressed


def test_a_policy_officer_reaches_no_persons_record(world):
    client = Client()
    client.force_login(world.people["policy"])
    request = world.objects["direct"][0]
    assert client.get(reverse("requests:detail", args=[request.pk])).status_code in (403, 404)
    listed = client.get(reverse("api:help-request-list")).json()["results"]
    assert listed == []
    assert client.get(reverse("api:volunteer-list")).json()["results"] == []
    # Nor through the figures: no row of any figure names a person or a reference.
    body = client.get(reverse("insights:dashboard")).content.decode()
    for asked in HelpRequest.objects.all():
        assert asked.reference not in body
