"""Every URL, for every role: who may open it, and who gets 302, 401, 403, 404 or 405.

The matrix must name every URL the project serves (outside Django's admin, which has its own
test below): a new URL without a row here fails the suite.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from meedoen.catalogue.models import Activity, PerformanceField, Skill
from meedoen.requests import services
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import Application, Vacancy

ROLES = [
    "anonymous",
    "citizen",
    "carer",
    "volunteer",
    "professional",
    "coordinator",
    "stranger",
    "desk",
    "policy",
    "admin",
]
SIGNED_IN = ROLES[1:]


def everyone(code):
    return dict.fromkeys(ROLES, code)


def signed_in(code, anonymous=302):
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, code)}


def only(roles, code=200, others=403):
    return {"anonymous": 302, **{r: (code if r in roles else others) for r in SIGNED_IN}}


API_READ = signed_in(200, anonymous=401)
COORDINATORS = {"coordinator", "stranger", "desk", "admin"}


def our_request(world):
    """A help request handled by our organisation (in the desk's network)."""
    help_request, _ = HelpRequest.objects.get_or_create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.organisation,
        source="citizen",
        first_name="Truus",
    )
    return [help_request.pk]


def private_link(world):
    submitted = services.submit_public(
        data={"area": world.area, "source": "citizen", "first_name": "Truus"},
        activities=[],
        address="127.0.0.9",
        language="nl",
    )
    return [submitted.token]


def in_scope(roles, others=404, anonymous=302):
    return {"anonymous": anonymous, **{r: (200 if r in roles else others) for r in SIGNED_IN}}


def our_vacancy(world):
    vacancy, _ = Vacancy.objects.get_or_create(
        organisation=world.organisation,
        title="Maatje",
        description="Bezoek",
        contact_name="Petra",
    )
    return [vacancy.pk]


def our_volunteer_enrolment(world):
    return [world.people["volunteer"].volunteer_profile.enrolments.get().pk]


def our_volunteer(world):
    return [world.people["volunteer"].volunteer_profile.pk]


def one_application(world):
    vacancy = our_vacancy(world)[0]
    application, _ = Application.objects.get_or_create(
        vacancy_id=vacancy, profile=world.people["volunteer"].volunteer_profile
    )
    return [vacancy, application.pk]


VOLUNTEER_FILE = {
    "anonymous": 401,
    **{r: 404 for r in SIGNED_IN},
    "volunteer": 200,
    "coordinator": 200,
    "desk": 200,
    "admin": 200,
}
VOLUNTEER_PAGE = {
    "anonymous": 302,
    **{r: 403 for r in SIGNED_IN},
    "coordinator": 200,
    "desk": 200,
    "admin": 200,
    "stranger": 404,
}
OWN_VOLUNTEER_PAGE = {
    "anonymous": 302,
    **{r: 403 for r in SIGNED_IN},
    "volunteer": 200,
    "admin": 404,
}


def our_run(world):
    from meedoen.matching.models import MatchingRun

    run, _ = MatchingRun.objects.get_or_create(organisation=world.organisation)
    return [run.pk]


def our_proposal(world):
    from meedoen.matching.models import MatchProposal

    proposal, _ = MatchProposal.objects.get_or_create(
        help_request_id=our_request(world)[0], profile=world.people["volunteer"].volunteer_profile
    )
    return [proposal.pk]


def our_assignment(world):
    from meedoen.engagements.models import Assignment

    assignment, _ = Assignment.objects.get_or_create(
        help_request_id=our_request(world)[0],
        profile=world.people["volunteer"].volunteer_profile,
        organisation=world.organisation,
        defaults={"contact_route": "Bel de coördinator"},
    )
    return [assignment.pk]


def our_hours(world):
    from meedoen.engagements.models import HoursEntry

    entry, _ = HoursEntry.objects.get_or_create(assignment_id=our_assignment(world)[0], hours=1)
    return [entry.pk]


def our_check_in(world):
    from meedoen.engagements.models import CheckIn

    check_in, _ = CheckIn.objects.get_or_create(
        assignment_id=our_assignment(world)[0], party="volunteer", due_on="2026-01-01"
    )
    return [check_in.pk]


def our_concern(world):
    from meedoen.engagements.services import concerns

    return [
        concerns.raise_concern(
            our_request(world)[0],
            world.people["volunteer"],
            assignment_id=our_assignment(world)[0],
            category="loneliness",
            urgent=False,
            description="Eenzaam",
        ).pk
    ]


def our_handover(world):
    from meedoen.engagements.models import Handover

    handover, _ = Handover.objects.get_or_create(
        help_request_id=our_request(world)[0],
        assignment_id=our_assignment(world)[0],
        direction="to_professionals",
        from_organisation=world.organisation,
        to_organisation=world.other_organisation,
        part="Douchen",
        note="Notitie",
        created_by=world.people["coordinator"],
    )
    return [handover.pk]


def our_transfer(world):

    from meedoen.engagements.models import CreditEntry, CreditTransaction
    from meedoen.engagements.services import credits

    record = CreditTransaction.objects.create(kind="earned")
    CreditEntry.objects.create(
        transaction=record, account=credits.issuer_for(world.organisation), hundredths=-100
    )
    CreditEntry.objects.create(
        transaction=record,
        account=credits.account_for(world.people["volunteer"]),
        hundredths=100,
    )
    return [record.pk]


def statuses(default, anonymous=302, **roles):
    """A row: `default` for every signed-in role, except those named."""
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, default), **roles}


def internship(world):
    enrolment = world.people["volunteer"].volunteer_profile.enrolments.get()
    enrolment.sponsor_kind = "school"
    enrolment.guide = world.people["professional"]
    enrolment.save()
    return [enrolment.pk]


VOLUNTEER_POST_ONLY = {
    "anonymous": 302,
    **{r: 403 for r in SIGNED_IN},
    "volunteer": 405,
    "admin": 405,
}
REQUEST_PAGE = {
    "anonymous": 302,
    **{r: (403 if r not in COORDINATORS else 200) for r in SIGNED_IN},
    "stranger": 404,
}
POST_ONLY_PAGE = {"anonymous": 302, **{r: (405 if r in COORDINATORS else 403) for r in SIGNED_IN}}

# url name -> (method, args factory, {role: status})
MATRIX = {
    "home": ("get", None, everyone(200)),
    "accounts:login": ("get", None, {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}),
    "accounts:logout": ("get", None, everyone(405)),
    "accounts:two_factor_setup": ("get", None, signed_in(200)),
    "accounts:two_factor_verify": ("get", None, signed_in(302)),
    "start:index": ("get", None, signed_in(302)),
    # Working as a volunteer: only for whoever holds that role; for anyone else it is not there.
    "start:switch": (
        "get",
        lambda w: ["volunteer"],
        {"anonymous": 302, **{r: (302 if r == "volunteer" else 404) for r in SIGNED_IN}},
    ),
    "start:citizen": ("get", None, only({"citizen", "carer", "admin"})),
    "start:volunteer": ("get", None, only({"volunteer", "admin"})),
    "start:professional": ("get", None, only({"professional", "admin"})),
    "start:coordinator": ("get", None, only({"coordinator", "stranger", "desk", "admin"})),
    "start:policy": ("get", None, only({"policy", "admin"})),
    "api:schema": ("get", None, everyone(200)),
    "api:boundary-check": ("post", None, signed_in(200, anonymous=401)),
    "api:activity-list": ("get", None, API_READ),
    "api:activity-detail": ("get", lambda w: [Activity.objects.first().pk], API_READ),
    "api:skill-list": ("get", None, API_READ),
    "api:skill-detail": ("get", lambda w: [Skill.objects.first().pk], API_READ),
    "api:performance-field-list": ("get", None, API_READ),
    "api:performance-field-detail": (
        "get",
        lambda w: [PerformanceField.objects.first().pk],
        API_READ,
    ),
    "api:municipality-list": ("get", None, API_READ),
    "api:municipality-detail": ("get", lambda w: [w.municipality.pk], API_READ),
    "api:area-list": ("get", None, API_READ),
    "api:area-detail": ("get", lambda w: [w.area.pk], API_READ),
    "api:organisation-list": ("get", None, API_READ),
    "api:organisation-detail": ("get", lambda w: [w.organisation.pk], API_READ),
    "api:help-request-list": ("get", None, API_READ),
    "api:help-request-detail": (
        "get",
        our_request,
        in_scope({"coordinator", "desk", "admin"}, anonymous=401),
    ),
    "api:help-request-transitions": (
        "get",
        our_request,
        in_scope({"coordinator", "desk", "admin"}, anonymous=401),
    ),
    "api:help-request-route": ("get", our_request, signed_in(405, anonymous=401)),
    "api:help-request-suggestions": (
        "get",
        our_request,
        in_scope({"coordinator", "admin"}, anonymous=401),
    ),
    "requests:ask": ("get", None, everyone(200)),
    "requests:follow": ("get", private_link, everyone(200)),
    "requests:follow_add": ("get", private_link, everyone(405)),
    "requests:follow_withdraw": ("get", private_link, everyone(405)),
    "requests:refer": ("get", None, only({"professional", "admin"})),
    "requests:withdraw_own": (
        "get",
        our_request,
        {
            "anonymous": 302,
            **{r: 403 for r in SIGNED_IN},
            "citizen": 405,
            "carer": 405,
            "admin": 405,
        },
    ),
    "requests:queue": ("get", None, only(COORDINATORS)),
    "requests:detail": ("get", our_request, REQUEST_PAGE),
    "requests:classify": ("get", our_request, POST_ONLY_PAGE),
    "requests:step": ("get", our_request, POST_ONLY_PAGE),
    "requests:route": ("get", our_request, POST_ONLY_PAGE),
    "requests:split": ("get", our_request, POST_ONLY_PAGE),
    "requests:note": ("get", our_request, POST_ONLY_PAGE),
    "requests:desk": ("get", None, only({"desk"})),
    "matching:propose": ("get", our_request, POST_ONLY_PAGE),
    "api:match-proposal-list": ("get", None, API_READ),
    "api:match-proposal-detail": (
        "get",
        our_proposal,
        in_scope({"volunteer", "coordinator", "desk", "admin"}, anonymous=401),
    ),
    "api:match-proposal-accept": ("get", our_proposal, signed_in(405, anonymous=401)),
    "api:match-proposal-decline": ("get", our_proposal, signed_in(405, anonymous=401)),
    "api:matching-run-list": ("get", None, API_READ),
    "api:matching-run-detail": ("get", our_run, in_scope({"coordinator"}, anonymous=401)),
    "api:matching-run-confirm": ("get", our_run, signed_in(405, anonymous=401)),
    "matching:runs": ("get", None, only(COORDINATORS)),
    "matching:run": (
        "get",
        our_run,
        {
            "anonymous": 302,
            **{r: 403 for r in SIGNED_IN},
            "coordinator": 200,
            "stranger": 404,
            "desk": 404,
            "admin": 404,
        },
    ),
    "matching:run_progress": (
        "get",
        our_run,
        {
            "anonymous": 302,
            **{r: 403 for r in SIGNED_IN},
            "coordinator": 302,  # without htmx: to the run page
            "stranger": 404,
            "desk": 404,
            "admin": 404,
        },
    ),
    "matching:proposals": ("get", None, OWN_VOLUNTEER_PAGE),
    "matching:answer": ("get", our_proposal, VOLUNTEER_POST_ONLY),
    "matching:open_requests": ("get", None, OWN_VOLUNTEER_PAGE),
    "matching:offer": ("get", our_request, VOLUNTEER_POST_ONLY),
    "volunteers:board": ("get", None, everyone(200)),
    "volunteers:vacancy": ("get", our_vacancy, everyone(200)),
    "volunteers:manage": ("get", None, only(COORDINATORS)),
    "volunteers:vacancy_new": ("get", None, only({"coordinator", "stranger", "desk"})),
    "volunteers:applications": (
        "get",
        our_vacancy,
        {
            "anonymous": 302,
            **{r: 403 for r in SIGNED_IN},
            "coordinator": 200,
            "admin": 200,
            "stranger": 404,
            "desk": 404,
        },
    ),
    "volunteers:register": ("get", None, {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}),
    "volunteers:review": ("get", None, OWN_VOLUNTEER_PAGE),
    "volunteers:pause": ("get", None, OWN_VOLUNTEER_PAGE),
    "volunteers:list": ("get", None, only(COORDINATORS)),
    "volunteers:detail": ("get", our_volunteer_enrolment, VOLUNTEER_PAGE),
    "volunteers:status": ("get", our_volunteer_enrolment, POST_ONLY_PAGE),
    "volunteers:guidance": ("get", our_volunteer_enrolment, POST_ONLY_PAGE),
    "volunteers:vog": ("get", our_volunteer_enrolment, POST_ONLY_PAGE),
    "api:volunteer-list": ("get", None, API_READ),
    "api:volunteer-detail": ("get", our_volunteer, VOLUNTEER_FILE),
    "api:volunteer-status-changes": ("get", our_volunteer, VOLUNTEER_FILE),
    "api:vacancy-list": ("get", None, everyone(200)),
    "api:vacancy-detail": ("get", our_vacancy, everyone(200)),
    "api:vacancy-applications": ("get", our_vacancy, API_READ),
    "api:vacancy-decision": ("get", one_application, signed_in(405, anonymous=401)),
    "engagements:mine": ("get", None, only({"volunteer", "admin"})),
    "engagements:credits": ("get", None, only({"volunteer", "admin"})),
    "engagements:certificate": ("get", None, statuses(403, volunteer=200, admin=404)),
    "engagements:assignment": (
        "get",
        our_assignment,
        in_scope({"volunteer", "coordinator", "desk", "admin"}),
    ),
    "engagements:raise_concern": (
        "get",
        our_assignment,
        statuses(403, volunteer=200, coordinator=200, desk=200, admin=200, stranger=404),
    ),
    "engagements:hand_over": (
        "get",
        our_assignment,
        statuses(403, coordinator=200, desk=200, admin=200, stranger=404, professional=404),
    ),
    "engagements:agree": ("get", our_request, REQUEST_PAGE | {"desk": 200}),
    "engagements:correct_hours": ("get", our_hours, VOLUNTEER_POST_ONLY),
    "engagements:decide_hours": ("get", our_hours, POST_ONLY_PAGE),
    "engagements:approve_many": ("get", None, POST_ONLY_PAGE),
    "engagements:overview": ("get", None, only(COORDINATORS)),
    "engagements:concerns": (
        "get",
        None,
        only({"volunteer", "professional", "coordinator", "stranger", "desk", "policy", "admin"}),
    ),
    "engagements:concern": (
        "get",
        our_concern,
        statuses(404, citizen=403, carer=403, volunteer=200, coordinator=200, admin=200),
    ),
    "engagements:handovers": (
        "get",
        None,
        only({"professional", "coordinator", "stranger", "desk", "admin"}),
    ),
    "engagements:handover": (
        "get",
        our_handover,
        statuses(403, professional=200, coordinator=200, stranger=200, desk=404, admin=200),
    ),
    "engagements:guidance": (
        "get",
        None,
        only({"professional", "coordinator", "stranger", "desk", "admin"}),
    ),
    "engagements:hours_statement": (
        "get",
        internship,
        in_scope({"volunteer", "professional", "coordinator", "admin"}),
    ),
    "api:assignment-list": ("get", None, API_READ),
    "api:assignment-detail": (
        "get",
        our_assignment,
        in_scope({"volunteer", "coordinator", "desk", "admin"}, anonymous=401),
    ),
    "api:assignment-hours": (
        "get",
        our_assignment,
        in_scope({"volunteer", "coordinator", "desk", "admin"}, anonymous=401),
    ),
    "api:hours-list": ("get", None, API_READ),
    "api:hours-detail": (
        "get",
        our_hours,
        in_scope({"volunteer", "coordinator", "desk", "admin"}, anonymous=401),
    ),
    "api:hours-approve": ("get", our_hours, signed_in(405, anonymous=401)),
    "api:hours-query": ("get", our_hours, signed_in(405, anonymous=401)),
    "api:check-in-list": ("get", None, API_READ),
    "api:check-in-detail": (
        "get",
        our_check_in,
        in_scope({"volunteer", "coordinator", "desk", "admin"}, anonymous=401),
    ),
    "api:check-in-answer": ("get", our_check_in, signed_in(405, anonymous=401)),
    "api:concern-list": ("get", None, API_READ),
    "api:concern-detail": (
        "get",
        our_concern,
        in_scope({"volunteer", "coordinator", "admin"}, anonymous=401),
    ),
    "api:concern-acknowledge": ("get", our_concern, signed_in(405, anonymous=401)),
    "api:concern-resolve": ("get", our_concern, signed_in(405, anonymous=401)),
    "api:handover-list": ("get", None, API_READ),
    "api:handover-detail": (
        "get",
        our_handover,
        in_scope({"volunteer", "professional", "coordinator", "stranger", "admin"}, anonymous=401),
    ),
    "api:handover-accept": ("get", our_handover, signed_in(405, anonymous=401)),
    "api:handover-decline": ("get", our_handover, signed_in(405, anonymous=401)),
    "api:credit-transfer-list": ("get", None, API_READ),
    "api:credit-transfer-detail": (
        "get",
        our_transfer,
        in_scope({"volunteer", "admin"}, anonymous=401),
    ),
}
EXEMPT_NAMESPACES = ("admin",)
EXEMPT_NAMES = {"set_language"}


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_the_matrix_names_every_url():
    served = {
        name
        for name in _names(get_resolver().url_patterns)
        if not name.startswith(EXEMPT_NAMESPACES)
        and name not in EXEMPT_NAMES
        and not name.endswith(("-format", "format-suffix"))
    }
    assert served == set(MATRIX), (
        f"missing rows: {sorted(served - set(MATRIX))}; stale rows: {sorted(set(MATRIX) - served)}"
    )


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_role_gets_expected_status(client, world, name, role):
    method, args, expected = MATRIX[name]
    if role != "anonymous":
        client.force_login(world.people[role])
    url = reverse(name, args=args(world) if args else None)
    if method == "post":
        body = {
            "organisation": world.organisation.pk,
            "activity": Activity.objects.first().pk,
            "self_reliance": 4,
        }
        response = client.post(url, body, content_type="application/json")
    else:
        response = client.get(url)
    assert response.status_code == expected[role], (name, role, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_reach_the_admin(client, world, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    response = client.get(reverse("admin:index"))
    assert response.status_code == (200 if role == "admin" else 302)
