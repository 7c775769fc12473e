"""Every URL, for every role: who may open it, who may write to it, and who gets 302, 401,
403, 404 or 405.

The matrix must name every URL the project serves (outside Django's admin, which has its own
test below): a new URL without a row here fails the suite. The world is built once for the
module, through the services (each test's changes are rolled back); writes reach the views
with real objects in the state the step needs.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from meedoen.accounts.tests.factories import PASSWORD
from meedoen.catalogue.models import Activity, PerformanceField, Skill
from meedoen.conftest import kept_for_module
from meedoen.notifications.models import Kind
from meedoen.tests.worlds import build_rich_world

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
    "dpo",
    "admin",
    "peer",
    "provol",
    "manager",
    "guide",
]
#: dpo: the municipality's data protection officer (its audit log, no files).
#: peer: an ex-client, peer volunteer and coordinator of a client-run organisation.
#: provol: a professional of our organisation who volunteers in their village.
#: manager: the manager of our organisation.
#: guide: a guide of our organisation's re-integration and internship volunteers.
SIGNED_IN = ROLES[1:]


def everyone(code):
    return dict.fromkeys(ROLES, code)


def signed_in(code, anonymous=302):
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, code)}


def only(roles, code=200, others=403):
    return {"anonymous": 302, **{r: (code if r in roles else others) for r in SIGNED_IN}}


API_READ = signed_in(200, anonymous=401)
COORDINATORS = {"coordinator", "stranger", "desk", "admin", "peer"}
VOLUNTEERS = {"volunteer", "peer", "provol"}
#: Who keeps an agenda: volunteers and coordinators.
AGENDA_KEEPERS = VOLUNTEERS | COORDINATORS
#: Who leads an organisation's own work: its coordinators and its manager.
LEADERS = COORDINATORS | {"manager"}
#: Who reads the figures: the policy officer, coordinators, our manager (and the administrator).
FIGURE_READERS = {"policy", "coordinator", "stranger", "desk", "admin", "peer", "manager"}
STATISTICS = {"anonymous": 401, **{r: (200 if r in FIGURE_READERS else 403) for r in SIGNED_IN}}


def our_request(world):
    return [world.objects["request"].pk]


def private_link(world):
    return [world.objects["token"]]


def _volunteers_notification(world):
    from meedoen.tests.factories import NotificationFactory

    return [NotificationFactory(person=world.people["volunteer"]).pk]


def in_scope(roles, others=404, anonymous=302):
    return {"anonymous": anonymous, **{r: (200 if r in roles else others) for r in SIGNED_IN}}


def our_vacancy(world):
    return [world.objects["vacancy"].pk]


def our_volunteer_enrolment(world):
    return [world.objects["enrolment"].pk]


def our_volunteer(world):
    return [world.people["volunteer"].volunteer_profile.pk]


def one_application(world):
    return [world.objects["vacancy"].pk, world.objects["application"].pk]


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
    "peer": 404,
}
OWN_VOLUNTEER_PAGE = {
    "anonymous": 302,
    **{r: (200 if r in VOLUNTEERS else 403) for r in SIGNED_IN},
    "admin": 404,
}


def our_run(world):
    return [world.objects["run"].pk]


def our_proposal(world):
    return [world.objects["proposal"].pk]


def our_assignment(world):
    return [world.objects["assignment"].pk]


def our_hours(world):
    return [world.objects["hours"].pk]


def our_check_in(world):
    return [world.objects["check_in"].pk]


def our_concern(world):
    return [world.objects["concern"].pk]


def our_handover(world):
    return [world.objects["handover"].pk]


def our_transfer(world):
    return [world.objects["transfer"].pk]


def statuses(default, anonymous=302, **roles):
    """A row: `default` for every signed-in role, except those named."""
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, default), **roles}


def internship(world):
    return [world.objects["enrolment"].pk]


VOLUNTEER_POST_ONLY = {
    "anonymous": 302,
    **{r: (405 if r in VOLUNTEERS else 403) for r in SIGNED_IN},
    "admin": 405,
}
REQUEST_PAGE = {
    "anonymous": 302,
    **{r: (403 if r not in COORDINATORS else 200) for r in SIGNED_IN},
    "stranger": 404,
    "peer": 404,
}
POST_ONLY_PAGE = {"anonymous": 302, **{r: (405 if r in COORDINATORS else 403) for r in SIGNED_IN}}
#: A person's data, exported or erased on their behalf: their coordinator only (a central
#: desk routes requests and volunteers, it does not handle a person's file).
VOLUNTEER_MANAGED_PAGE = {**VOLUNTEER_PAGE, "desk": 403}
REQUESTER_PAGE = {**REQUEST_PAGE, "desk": 403}
#: Who may follow requests of their own (asked or referred), besides the citizen who asked ours.
OWN_ASKERS = {"carer", "professional", "provol", "admin"}
#: Coordinators and professionals: each has an inbox of referrals received.
RECEIVERS = COORDINATORS | {"professional", "provol"}
#: One referral received by the other organisation: 404 for the receivers of elsewhere.
RECEIVED = {r: 404 for r in RECEIVERS - {"stranger", "admin"}}
#: A conversation on a case: its volunteer and the coordinators of the organisation (a central
#: desk's too for an assignment); a volunteer or coordinator of elsewhere finds none (404).
ASSIGNMENT_TALK = {"volunteer", "coordinator", "desk", "admin"}
APPLICATION_TALK = {"volunteer", "coordinator", "admin"}
#: A referral's: the receiving organisation (the stranger's) and the coordinators who sent it.
REFERRAL_TALK = {"stranger", "coordinator", "admin"}


def talk(parties, ok, roles):
    """Who holds one of `roles` and is not a party gets 404; who holds none of them 403."""
    holders = {
        "volunteer": {"volunteer", "peer", "provol"},
        "coordinator": COORDINATORS,
        "professional": {"professional", "provol"},
    }
    held = set().union(*(holders[r] for r in roles))
    return statuses(403, **{r: (ok if r in parties else 404) for r in held | parties})


#: Who may open the organisations' pages; a step of them is a form's POST (405 for a GET).
ORGANISATION_POST = {
    "anonymous": 302,
    **{r: (405 if r in COORDINATORS | {"policy"} else 403) for r in SIGNED_IN},
}


def _invitation(world, role="professional"):
    """An open invitation into our organisation: [its id, its link's token]."""
    from meedoen.accounts.tests.factories import InvitationFactory

    invitation = InvitationFactory(
        organisation=world.organisation, role=role, invited_by=world.people["coordinator"]
    )
    return [invitation.pk, invitation.token]


def _professionals_membership(world):
    return [world.people["professional"].memberships.get().pk]


#: An organisation's task division: its coordinator and manager, the municipality's policy
#: officer.
OWN_REGISTER = {
    **only({"coordinator", "manager", "policy", "admin"}),
    **dict.fromkeys(["stranger", "desk", "peer"], 404),
}
#: A village's demand dossier: the municipality's policy officer and the coordinators of the
#: organisations that serve it (ours serves our area).
AREA_DOSSIER = {**OWN_REGISTER, "manager": 403}
#: Who runs cooperation assessments somewhere: coordinators, managers, policy officers.
RUNNERS = LEADERS | {"policy"}
#: Our organisation's assessment: its coordinator and manager (and the administrator); other
#: runners do not find it, other roles may not open the pages at all.
OUR_ASSESSMENT = {
    "anonymous": 302,
    **{r: (404 if r in RUNNERS else 403) for r in SIGNED_IN},
    "coordinator": 200,
    "manager": 200,
    "admin": 200,
}
#: A step of an assessment taken with a form's POST only.
ASSESSMENT_POST = {"anonymous": 302, **{r: (405 if r in RUNNERS else 403) for r in SIGNED_IN}}


def our_assessment(world):
    return [world.objects["assessment"].pk]


def closed_assessment(world):
    return [world.objects["closed_assessment"].pk]


def assessment_link(world):
    return [world.objects["assessment"].pk, world.objects["participant_link"].token]


def all_answers(world):
    from meedoen.cooperation import framework
    from meedoen.cooperation.tests.factories import agreeing_with

    return agreeing_with(framework.Model.DIALOGUE)


#: Who organises consultations: a policy officer (their municipality) and a manager (their
#: organisation), and the administrator.
ORGANISERS = {"policy", "manager", "admin"}
#: The municipality's consultation: its policy officer (and the administrator); our manager
#: organises only our organisation's, other roles may not open the page.
THE_CONSULTATION = {**only(ORGANISERS), "manager": 404}
#: Who may be asked may open the question, but finds only what asks them: the municipality's
#: consultation asks its volunteers and professionals, not its organisations.
ASKED = {
    **only({"volunteer", "professional", "coordinator", "manager", "admin", "peer", "provol",
            "stranger", "desk"}, others=403),
    **dict.fromkeys(["coordinator", "manager", "admin", "stranger", "desk"], 404),
}  # fmt: skip


#: Who reads cooperation agreements: the coordinators and managers of both sides, the
#: municipality's policy officers.
AGREEMENT_READERS = LEADERS | {"policy"}
#: Our organisation's agreement with the municipality: our coordinator and manager, the
#: policy officer; other coordinators do not find it.
OUR_AGREEMENT = {
    **only(AGREEMENT_READERS),
    **dict.fromkeys(["stranger", "desk", "peer"], 404),
}


def our_agreement(world):
    return [world.objects["agreement"].pk]


def the_consultation(world):
    return [world.objects["consultation"].pk]


def closed_consultation(world):
    return [world.objects["closed_consultation"].pk]


def shared_consultation(world):
    """The closed consultation, with what was done with the answers shared."""
    from meedoen.cooperation.models import Consultation

    consultation = world.objects["closed_consultation"]
    Consultation.objects.filter(pk=consultation.pk).update(
        response="De ontmoetingsplek komt er", responded_at=timezone.now()
    )
    return [consultation.pk]


#: The municipality's consultation in the API: the people it asks and its organiser.
CONSULTATION_API = in_scope(
    {"volunteer", "professional", "peer", "provol", "policy", "admin"}, anonymous=401
)


# url name -> (method, args factory, {role: status})
MATRIX = {
    "home": ("get", None, everyone(200)),
    "privacy": ("get", None, everyone(200)),
    "accounts:login": ("get", None, {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}),
    "accounts:logout": ("get", None, everyone(405)),
    "accounts:session_extend": ("get", None, signed_in(405)),
    "accounts:two_factor_setup": ("get", None, signed_in(200)),
    "accounts:two_factor_verify": ("get", None, signed_in(302)),
    "accounts:my_data": ("get", None, signed_in(200)),
    "accounts:my_data_export": ("get", lambda w: ["json"], signed_in(200)),
    "accounts:erase_me": ("get", None, signed_in(200)),
    "accounts:erased": ("get", None, everyone(200)),
    "accounts:api_tokens": ("get", None, signed_in(200)),
    # Notifications are personal: only their person opens one (and goes where it points).
    "notifications:list": ("get", None, signed_in(200)),
    "notifications:open": ("get", _volunteers_notification, in_scope(set()) | {"volunteer": 302}),
    "notifications:read_all": ("get", None, signed_in(405)),
    "notifications:preferences": ("get", None, signed_in(200)),
    "accounts:password_change": ("get", None, signed_in(200)),
    # Revoking is a form's POST; opening its address leads back to the page.
    "accounts:revoke_api_token": ("get", lambda w: _coordinators_token(w), everyone(302)),
    # Forgot your password: open to anyone; a link that does not work says so.
    "accounts:password_reset": ("get", None, everyone(200)),
    "accounts:password_reset_done": ("get", None, everyone(200)),
    "accounts:password_reset_confirm": ("get", lambda w: ["MQ", "not-a-token"], everyone(200)),
    "accounts:password_reset_complete": ("get", None, everyone(200)),
    "accounts:processing_register": ("get", None, only({"admin"})),
    # Organisations set up by their own people: the municipality's list for its policy
    # officer and its central desk; an organisation's own page for its coordinators and them.
    "accounts:organisations": ("get", None, only({"policy", "desk", "admin"})),
    "accounts:organisation": (
        "get",
        lambda w: [w.organisation.pk],
        {
            **only({"coordinator", "manager", "policy", "desk", "admin"}),
            "stranger": 404,
            "peer": 404,
        },
    ),
    # A municipality's areas: its policy officer (and the administrator).
    "accounts:areas": ("get", None, only({"policy", "admin"})),
    "accounts:area": ("get", lambda w: [w.area.pk], only({"policy", "admin"})),
    # Steps taken with a form's POST only.
    "accounts:network_member": ("get", lambda w: [w.organisation.pk], ORGANISATION_POST),
    "accounts:boundary_limit": (
        "get",
        lambda w: [w.municipality.pk],
        {"anonymous": 302, **{r: (405 if r in {"policy", "admin"} else 403) for r in SIGNED_IN}},
    ),
    "accounts:withdraw_invitation": (
        "get",
        lambda w: _invitation(w)[:1],
        ORGANISATION_POST | {"manager": 405},
    ),
    "accounts:end_membership": (
        "get",
        lambda w: _professionals_membership(w),
        ORGANISATION_POST | {"manager": 405},
    ),
    # The invitation link: anyone who has it sees what it offers; a link that never worked
    # is not there.
    "accounts:invitation": ("get", lambda w: _invitation(w)[1:], everyone(200)),
    "accounts:processing_register_export": ("get", lambda w: ["json"], only({"admin"})),
    # The history import and its template files: administrators only.
    "imports:start": ("get", None, only({"admin"})),
    "imports:template": ("get", lambda w: ["requests", "xlsx"], only({"admin"})),
    "start:index": ("get", None, signed_in(302)),
    # Working as a volunteer: only for whoever holds that role; for anyone else it is not there.
    "start:switch": (
        "get",
        lambda w: ["volunteer"],
        {"anonymous": 302, **{r: (302 if r in VOLUNTEERS else 404) for r in SIGNED_IN}},
    ),
    "start:citizen": ("get", None, only({"citizen", "carer", "admin"})),
    "start:volunteer": ("get", None, only(VOLUNTEERS | {"admin"})),
    "start:professional": ("get", None, only({"professional", "provol", "admin"})),
    "start:coordinator": ("get", None, only(COORDINATORS)),
    # The manager's start page: what reaches the manager of our organisation.
    "start:manager": ("get", None, only({"manager", "admin"})),
    # The guide's start page: the re-integration and internship volunteers they guide.
    "start:guide": ("get", None, only({"guide", "admin"})),
    "start:policy": ("get", None, only({"policy", "admin"})),
    # The audit log: the data protection officer (their municipality's entries) and admins.
    "accounts:audit": ("get", None, only({"dpo", "admin"})),
    "accounts:audit_csv": ("get", None, only({"dpo", "admin"})),
    # The task-division register: read by the organisation's coordinators and managers and
    # the municipality's policy officer; the substitution monitor and the demand dossiers
    # for policy officers and coordinators (each their own scope).
    "organisations:task_division": ("get", lambda w: [w.organisation.pk], OWN_REGISTER),
    "monitor:monitor": ("get", None, only(LEADERS | {"policy"})),
    "monitor:monitor_csv": ("get", None, only(LEADERS | {"policy"})),
    "monitor:dossiers": ("get", None, only(COORDINATORS | {"policy"})),
    "monitor:dossier": ("get", lambda w: [w.area.pk], AREA_DOSSIER),
    "monitor:dossier_pdf": ("get", lambda w: [w.area.pk], AREA_DOSSIER),
    "api:task-division-list": ("get", None, API_READ),
    "api:task-division-detail": (
        "get",
        lambda w: [w.objects["task_division"].pk],
        in_scope({"coordinator", "manager", "policy", "admin"}, anonymous=401),
    ),
    "api:substitution-monitor": (
        "get",
        None,
        {**only(LEADERS | {"policy"}), "anonymous": 401},
    ),
    "api:area-demand-dossier": (
        "get",
        lambda w: [w.area.pk],
        {**AREA_DOSSIER, "anonymous": 401},
    ),
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
    "requests:refer": ("get", None, only({"professional", "provol", "admin"})),
    # One's own request: the citizen who asked; other askers and referrers get 404.
    "requests:mine": (
        "get",
        lambda w: [w.objects["own_request"].pk],
        only({"citizen"}) | dict.fromkeys(OWN_ASKERS, 404),
    ),
    "requests:mine_add": (
        "get",
        lambda w: [w.objects["own_request"].pk],
        only(OWN_ASKERS | {"citizen"}, code=405),
    ),
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
    "requests:requester_data": (
        "get",
        lambda w: [w.objects["own_request"].pk, "json"],
        REQUESTER_PAGE,
    ),
    "requests:erase_requester": ("get", lambda w: [w.objects["own_request"].pk], REQUESTER_PAGE),
    "requests:desk": ("get", None, only({"desk"})),
    # The old inbox of referrals received leads for good to everything received; one referral
    # only for the organisation that received it (here the other organisation: the stranger).
    "requests:inbox": ("get", None, everyone(301)),
    # Everything an organisation received: referrals, handovers, the central desk's requests.
    "engagements:received": ("get", None, only(RECEIVERS)),
    # The agenda: a volunteer's and a coordinator's own. Its private link answers whoever
    # has it (a calendar program has nothing else to sign in with).
    "agenda:index": ("get", None, only(AGENDA_KEEPERS)),
    "agenda:link": ("get", None, only(AGENDA_KEEPERS)),
    "agenda:revoke_link": ("get", None, only(AGENDA_KEEPERS, code=405)),
    "agenda:feed": ("get", lambda w: [w.objects["calendar_feed"].secret], everyone(200)),
    "requests:received": (
        "get",
        lambda w: [w.objects["referral"].pk],
        only(RECEIVERS, others=403) | RECEIVED,
    ),
    "requests:accept_referral": (
        "get",
        lambda w: [w.objects["referral"].pk],
        only(RECEIVERS, code=405),
    ),
    "requests:return_referral": (
        "get",
        lambda w: [w.objects["referral"].pk],
        only(RECEIVERS, code=405),
    ),
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
            "peer": 404,
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
            "peer": 404,
        },
    ),
    "matching:proposals": ("get", None, OWN_VOLUNTEER_PAGE),
    "matching:answer": ("get", our_proposal, VOLUNTEER_POST_ONLY),
    "matching:open_requests": ("get", None, OWN_VOLUNTEER_PAGE),
    "matching:offer": ("get", our_request, VOLUNTEER_POST_ONLY),
    "volunteers:board": ("get", None, everyone(200)),
    "volunteers:vacancy": ("get", our_vacancy, everyone(200)),
    "volunteers:manage": ("get", None, only(COORDINATORS)),
    "volunteers:vacancy_new": ("get", None, only({"coordinator", "stranger", "desk", "peer"})),
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
            "peer": 404,
        },
    ),
    "volunteers:register": ("get", None, {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}),
    "volunteers:review": ("get", None, OWN_VOLUNTEER_PAGE),
    "volunteers:pause": ("get", None, OWN_VOLUNTEER_PAGE),
    "volunteers:profile": ("get", None, OWN_VOLUNTEER_PAGE),
    "volunteers:list": ("get", None, only(COORDINATORS)),
    "volunteers:detail": ("get", our_volunteer_enrolment, VOLUNTEER_PAGE),
    "volunteers:status": ("get", our_volunteer_enrolment, POST_ONLY_PAGE),
    "volunteers:guidance": ("get", our_volunteer_enrolment, POST_ONLY_PAGE),
    "volunteers:vog": ("get", our_volunteer_enrolment, POST_ONLY_PAGE),
    "volunteers:intake": ("get", our_volunteer_enrolment, POST_ONLY_PAGE),
    "volunteers:data": (
        "get",
        lambda w: [w.objects["enrolment"].pk, "pdf"],
        VOLUNTEER_MANAGED_PAGE,
    ),
    "volunteers:erase": ("get", our_volunteer_enrolment, VOLUNTEER_MANAGED_PAGE),
    "api:volunteer-list": ("get", None, API_READ),
    "api:volunteer-detail": ("get", our_volunteer, VOLUNTEER_FILE),
    "api:volunteer-status-changes": ("get", our_volunteer, VOLUNTEER_FILE),
    "api:vacancy-list": ("get", None, everyone(200)),
    "api:vacancy-detail": ("get", our_vacancy, everyone(200)),
    "api:vacancy-applications": ("get", our_vacancy, API_READ),
    "api:vacancy-decision": ("get", one_application, signed_in(405, anonymous=401)),
    "engagements:mine": ("get", None, only(VOLUNTEERS | {"admin"})),
    "engagements:credits": ("get", None, only(VOLUNTEERS | {"admin"})),
    "engagements:certificate": (
        "get",
        None,
        statuses(403, volunteer=200, peer=200, provol=200, admin=404),
    ),
    "engagements:conversation_assignment": (
        "get",
        our_assignment,
        talk(ASSIGNMENT_TALK, 200, ("volunteer", "coordinator")),
    ),
    "engagements:conversation_application": (
        "get",
        lambda w: [w.objects["application"].pk],
        talk(APPLICATION_TALK, 200, ("volunteer", "coordinator")),
    ),
    "engagements:conversation_referral": (
        "get",
        lambda w: [w.objects["referral"].pk],
        talk(REFERRAL_TALK, 200, ("coordinator", "professional")),
    ),
    "engagements:assignment": (
        "get",
        our_assignment,
        in_scope({"volunteer", "coordinator", "desk", "admin"}),
    ),
    "engagements:raise_concern": (
        "get",
        our_assignment,
        statuses(
            403,
            volunteer=200,
            coordinator=200,
            desk=200,
            admin=200,
            stranger=404,
            peer=404,
            provol=404,
        ),
    ),
    "engagements:hand_over": (
        "get",
        our_assignment,
        statuses(
            403,
            coordinator=200,
            desk=200,
            admin=200,
            stranger=404,
            professional=404,
            peer=404,
            provol=404,
        ),
    ),
    "engagements:agree": ("get", our_request, REQUEST_PAGE | {"desk": 200}),
    "engagements:correct_hours": ("get", our_hours, VOLUNTEER_POST_ONLY),
    "engagements:decide_hours": ("get", our_hours, POST_ONLY_PAGE),
    "engagements:approve_many": ("get", None, POST_ONLY_PAGE),
    "engagements:overview": ("get", None, only(COORDINATORS)),
    "engagements:concerns": (
        "get",
        None,
        only(
            {
                "volunteer",
                "professional",
                "coordinator",
                "stranger",
                "desk",
                "policy",
                "admin",
                "manager",
            }
            | VOLUNTEERS
        ),
    ),
    "engagements:concern": (
        "get",
        our_concern,
        statuses(
            404,
            citizen=403,
            carer=403,
            dpo=403,
            guide=403,
            volunteer=200,
            coordinator=200,
            admin=200,
        ),
    ),
    "engagements:handovers": (
        "get",
        None,
        only({"professional", "coordinator", "stranger", "desk", "admin", "peer", "provol"}),
    ),
    "engagements:handover": (
        "get",
        our_handover,
        statuses(
            403,
            professional=200,
            provol=200,
            coordinator=200,
            stranger=200,
            desk=404,
            admin=200,
            peer=404,
        ),
    ),
    "engagements:guidance": (
        "get",
        None,
        only(
            {"professional", "coordinator", "stranger", "desk", "admin", "peer", "provol", "guide"}
        ),
    ),
    # Our internship volunteer's statement: the volunteer, their named guide (our
    # professional), our coordinator and our organisation's guide.
    "engagements:hours_statement": (
        "get",
        internship,
        in_scope({"volunteer", "professional", "coordinator", "admin", "guide"}),
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
    "api:referral-list": ("get", None, API_READ),
    # Everything received (referrals, handovers, the desk's requests): empty for the others.
    "api:received": ("get", None, API_READ),
    # A conversation through the API: its parties read it; anyone else finds none.
    "api:assignment-messages": (
        "get",
        our_assignment,
        in_scope(ASSIGNMENT_TALK, anonymous=401),
    ),
    "api:application-messages": (
        "get",
        lambda w: [w.objects["application"].pk],
        in_scope(APPLICATION_TALK, anonymous=401),
    ),
    "api:referral-messages": (
        "get",
        lambda w: [w.objects["referral"].pk],
        in_scope(REFERRAL_TALK, anonymous=401),
    ),
    "api:referral-detail": (
        "get",
        lambda w: [w.objects["referral"].pk],
        in_scope({"stranger", "admin"}, anonymous=401),
    ),
    "api:handover-detail": (
        "get",
        our_handover,
        in_scope(
            {"volunteer", "professional", "provol", "coordinator", "stranger", "admin", "manager"},
            anonymous=401,
        ),
    ),
    "api:handover-accept": ("get", our_handover, signed_in(405, anonymous=401)),
    "api:referral-accept": (
        "get",
        lambda w: [w.objects["referral"].pk],
        signed_in(405, anonymous=401),
    ),
    "api:referral-return": (
        "get",
        lambda w: [w.objects["referral"].pk],
        signed_in(405, anonymous=401),
    ),
    "api:handover-decline": ("get", our_handover, signed_in(405, anonymous=401)),
    "api:credit-transfer-list": ("get", None, API_READ),
    # Figures: the municipality's policy officer, coordinators (their organisations, a central
    # desk its network) and managers; never a person's record.
    "insights:dashboard": ("get", None, only(FIGURE_READERS)),
    "insights:figure_csv": ("get", lambda w: ["areas"], only(FIGURE_READERS)),
    "insights:population": ("get", lambda w: [w.municipality.pk], only({"policy", "admin"})),
    **{
        f"api:statistics-{name}": ("get", None, STATISTICS)
        for name in (
            "requests",
            "volunteers",
            "hours",
            "waiting-times",
            "areas",
            "concerns",
            "handovers",
            "organisations",
        )
    },
    "api:credit-transfer-detail": (
        "get",
        our_transfer,
        in_scope({"volunteer", "admin"}, anonymous=401),
    ),
    # Cooperation assessments: run by coordinators, managers and policy officers, each only
    # their own organisation's or municipality's; nobody else sees the answers.
    "cooperation:index": ("get", None, only(RUNNERS)),
    "cooperation:start": ("get", None, only(RUNNERS)),
    "cooperation:detail": ("get", our_assessment, OUR_ASSESSMENT),
    "cooperation:invite": ("get", our_assessment, ASSESSMENT_POST),
    "cooperation:close": ("get", our_assessment, ASSESSMENT_POST),
    "cooperation:repeat": ("get", closed_assessment, ASSESSMENT_POST),
    # The result: those who run it, and, once it is closed, who answered with their account.
    "cooperation:result": (
        "get",
        closed_assessment,
        statuses(404, coordinator=200, manager=200, admin=200, volunteer=200),
    ),
    # The questionnaire: for the account invited only; the private link for whoever has it.
    "cooperation:answer": ("get", our_assessment, statuses(404, volunteer=200)),
    "cooperation:answer_link": ("get", assessment_link, everyone(200)),
    "api:assessment-list": ("get", None, API_READ),
    "api:assessment-detail": (
        "get",
        our_assessment,
        in_scope({"coordinator", "manager", "volunteer", "admin"}, anonymous=401),
    ),
    "api:assessment-result": (
        "get",
        closed_assessment,
        in_scope({"coordinator", "manager", "volunteer", "admin"}, anonymous=401),
    ),
    "api:assessment-invite": ("get", our_assessment, signed_in(405, anonymous=401)),
    "api:assessment-answer": ("get", our_assessment, signed_in(405, anonymous=401)),
    "api:assessment-close": ("get", our_assessment, signed_in(405, anonymous=401)),
    # Consultations: organised by policy officers and managers, answered by those asked; only
    # the organiser reads the answers.
    "consultations:index": ("get", None, only(ORGANISERS)),
    "consultations:new": ("get", None, only(ORGANISERS)),
    "consultations:detail": ("get", the_consultation, THE_CONSULTATION),
    "consultations:respond": ("get", closed_consultation, only(ORGANISERS, code=405)),
    "consultations:answer": ("get", the_consultation, ASKED),
    # Cooperation agreements: drafted by a coordinator or manager, confirmed by each side's
    # manager (the municipality's policy officer), read by both sides' coordinators and
    # managers.
    "agreements:index": ("get", None, only(AGREEMENT_READERS)),
    "agreements:new": ("get", None, only(LEADERS)),
    "agreements:detail": ("get", our_agreement, OUR_AGREEMENT),
    "agreements:confirm": ("get", our_agreement, only({"manager", "policy", "admin"}, code=405)),
    # Changing it: a coordinator or manager of a party; other coordinators do not find it.
    "agreements:edit": (
        "get",
        our_agreement,
        {**only(LEADERS), **dict.fromkeys(["stranger", "desk", "peer"], 404)},
    ),
    # Contact points for volunteers: named by the coordinators and managers of organisations.
    "contact_points:index": ("get", None, only(LEADERS)),
    # Finding a contact point: volunteers and the people of organisations.
    "contact_points:find": (
        "get",
        None,
        only(VOLUNTEERS | LEADERS | {"professional", "guide"}),
    ),
    # The API of consultations (those asked and the organiser), agreements (both parties'
    # coordinators and managers, the municipality) and contact points (a search, empty for
    # whoever neither volunteers nor works in the municipality).
    "api:consultation-list": ("get", None, API_READ),
    "api:consultation-detail": ("get", the_consultation, CONSULTATION_API),
    "api:consultation-result": ("get", shared_consultation, CONSULTATION_API),
    "api:consultation-answer": ("get", the_consultation, signed_in(405, anonymous=401)),
    "api:agreement-list": ("get", None, API_READ),
    "api:agreement-detail": (
        "get",
        our_agreement,
        in_scope({"coordinator", "manager", "policy", "admin"}, anonymous=401),
    ),
    "api:contact-point-list": ("get", None, API_READ),
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


# --- writes: POST to every URL that takes one, with a body that the step accepts ----------

TODAY = timezone.localdate


def _pk(key):
    return lambda w: [w.objects[key].pk]


def _coordinators_token(world):
    from meedoen.accounts import tokens

    token, _key = tokens.issue(world.people["coordinator"], "Rooster")
    return [token.pk]


def allowed(roles, ok=302, others=403, anonymous=302, **special):
    """A write row: `ok` for the roles that may, `others` for the rest, unless named."""
    return {
        "anonymous": anonymous,
        **{r: (ok if r in roles else others) for r in SIGNED_IN},
        **special,
    }


API = {"content_type": "application/json"}
#: The roles that do not open the organisations' pages at all.
ORGANISATION_POST_REFUSED = {
    r: 403 for r in SIGNED_IN if r not in COORDINATORS | {"policy", "manager"}
}
#: Staff who see a volunteer's proposal or assignment: the step is refused (409), not hidden.
SEES_NOT_ANSWERS = dict.fromkeys(["coordinator", "desk", "admin"], 409)
#: Who sees a handover without being its receiver: refused (409).
RECEIVES_NOT = dict.fromkeys(
    ["volunteer", "professional", "coordinator", "stranger", "provol", "manager"], 409
)


class SameFile:
    """An uploaded file that the test client reads whole for every role."""

    def __init__(self, name: str, content: bytes):
        self.name = name
        self.content = content

    def read(self) -> bytes:
        return self.content


# url name -> (args, body for the world, {role: status}, extra arguments of the request; a
# "method" among them is the write's method when it is not POST)
WRITES = {
    "accounts:logout": (None, lambda w: {}, everyone(302), {}),
    "accounts:session_extend": (None, lambda w: {"next": "/my-data/"}, signed_in(302), {}),
    "accounts:my_data": (
        None,
        lambda w: {"first_name": "Anna", "last_name": "Jansen", "email": "anna@example.nl"},
        signed_in(302),
        {},
    ),
    # A wrong current password: the form again (400), nothing changed.
    "accounts:password_change": (
        None,
        lambda w: {
            "old_password": "not-the-password",
            "new_password1": "een-lang-wachtwoord-2026",
            "new_password2": "een-lang-wachtwoord-2026",
        },
        signed_in(400),
        {},
    ),
    # A wrong password: the page again, nothing erased.
    "accounts:erase_me": (None, lambda w: {"password": "not-the-password"}, signed_in(200), {}),
    "notifications:read_all": (None, lambda w: {}, signed_in(302), {}),
    # Everyone chooses their own e-mail per kind; an unknown choice is the form again (400).
    "notifications:preferences": (
        None,
        lambda w: {**dict.fromkeys(Kind.values, "now"), "language": "nl"},
        signed_in(302),
        {},
    ),
    # Anyone signed in makes tokens of their own (the key is on the answer) and stops only
    # their own: another's token is not there for them.
    "accounts:api_tokens": (None, lambda w: {"name": "Rooster", "days": "90"}, signed_in(200), {}),
    # A calendar link: made (shown once) and stopped by whoever keeps an agenda.
    "agenda:link": (None, lambda w: {}, allowed(AGENDA_KEEPERS, ok=200), {}),
    # Stopping asks first; the answer "yes" stops.
    "agenda:revoke_link": (None, lambda w: {"confirm": "yes"}, allowed(AGENDA_KEEPERS), {}),
    "accounts:revoke_api_token": (
        _coordinators_token,
        lambda w: {"confirm": "yes"},
        allowed({"coordinator"}, ok=302, others=404),
        {},
    ),
    # A policy officer or the central desk adds an organisation of their municipality.
    "accounts:organisations": (
        None,
        lambda w: {
            "municipality": w.municipality.pk,
            "name": "Buurtkracht",
            "type": "1",
            "sector": "village_cooperative",
            "areas": [w.other_area.pk],
        },
        allowed({"policy", "desk", "admin"}),
        {},
    ),
    # Invite a coordinator into our organisation: its coordinator, the municipality's policy
    # officer; the desk sees the page but invites nobody there.
    "accounts:organisation": (
        lambda w: [w.organisation.pk],
        lambda w: {
            "form": "invite",
            "invite-email": "nieuw@example.nl",
            "invite-role": "coordinator",
        },
        allowed({"coordinator", "manager", "policy", "admin"}, desk=403, stranger=404, peer=404),
        {},
    ),
    # Only the central desk keeps its network.
    "accounts:network_member": (
        lambda w: [w.other_organisation.pk],
        lambda w: {"member": "1"},
        allowed({"desk"}, others=404, **ORGANISATION_POST_REFUSED, manager=403),
        {},
    ),
    # Only the municipality's policy officer keeps its areas.
    "accounts:areas": (
        None,
        lambda w: {
            "area-name": "Nieuwe wijk",
            "area-kind": "neighbourhood",
            "area-latitude": "52,1",
            "area-longitude": "4,3",
        },
        allowed({"policy", "admin"}),
        {},
    ),
    "accounts:area": (
        lambda w: [w.area.pk],
        lambda w: {
            "area-name": w.area.name,
            "area-kind": w.area.kind,
            "area-latitude": "52,1",
            "area-longitude": "4,3",
            "area-population": "900",
        },
        allowed({"policy", "admin"}),
        {},
    ),
    # Only the municipality's policy officer limits its organisations' boundary policies.
    "accounts:boundary_limit": (
        lambda w: [w.municipality.pk],
        lambda w: {f"limit-{w.municipality.pk}-widest_volunteer_care_level": "3"},
        allowed({"policy", "admin"}),
        {},
    ),
    # An invitation to be a professional is withdrawn, and a professional's role ended, by
    # whoever may invite professionals there: the organisation's coordinator.
    "accounts:withdraw_invitation": (
        lambda w: _invitation(w)[:1],
        lambda w: {},
        allowed({"coordinator", "admin"}, others=404, **ORGANISATION_POST_REFUSED, manager=302),
        {},
    ),
    "accounts:end_membership": (
        _professionals_membership,
        lambda w: {},
        allowed({"coordinator", "admin"}, others=404, **ORGANISATION_POST_REFUSED, manager=302),
        {},
    ),
    # The link accepts once, for whoever has no account yet; a signed-in account with another
    # address is refused (400) and gets no role.
    "accounts:invitation": (
        lambda w: _invitation(w)[1:],
        lambda w: {"username": "nieuwkomer", "password1": PASSWORD, "password2": PASSWORD},
        {"anonymous": 302, **dict.fromkeys(SIGNED_IN, 400)},
        {},
    ),
    # The volunteer has an active assignment and the requester an open request: the page
    # says why they cannot be erased yet, nothing is written.
    "volunteers:erase": (
        our_volunteer_enrolment,
        lambda w: {"confirm": "on"},
        allowed({"coordinator", "admin"}, ok=200, stranger=404, peer=404, desk=403),
        {},
    ),
    "requests:erase_requester": (
        _pk("own_request"),
        lambda w: {"confirm": "on"},
        allowed({"coordinator", "admin"}, ok=200, stranger=404, peer=404, desk=403),
        {},
    ),
    "accounts:login": (
        None,
        lambda w: {"username": "nobody", "password": "wrong-password"},
        {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)},
        {},
    ),
    "accounts:password_reset": (
        None,
        lambda w: {"email": "nobody@example.nl"},
        everyone(302),
        {},
    ),
    "requests:ask": (
        None,
        lambda w: {
            "for_whom": "citizen",
            "activities": [Activity.objects.get(code="visiting").pk],
            "area": w.area.pk,
            "first_name": "Truus",
            "contact_phone": "0612345678",
            "consent": "on",
        },
        everyone(302),
        {},
    ),
    "requests:follow_add": (private_link, lambda w: {"text": "Bel na tienen"}, everyone(302), {}),
    "requests:follow_withdraw": (
        private_link,
        lambda w: {"reason": "", "confirm": "yes"},
        everyone(302),
        {},
    ),
    "requests:mine_add": (
        _pk("own_request"),
        lambda w: {"text": "Ik ben maandag thuis"},
        allowed({"citizen"}, **dict.fromkeys(OWN_ASKERS, 404)),
        {},
    ),
    "requests:withdraw_own": (
        _pk("own_request"),
        lambda w: {"reason": "Buurvrouw helpt al", "confirm": "yes"},
        allowed({"citizen"}, carer=404, admin=404),
        {},
    ),
    "requests:refer": (
        None,
        lambda w: {
            "organisation": w.organisation.pk,
            "area": w.area.pk,
            "activities": [Activity.objects.get(code="visiting").pk],
            "first_name": "Henk",
            "self_reliance": 3,
            "referral_consent": "on",
        },
        allowed({"professional", "provol", "admin"}),
        {},
    ),
    # An administrator imports a file of one request (all or nothing) and is led back.
    "imports:start": (
        None,
        lambda w: {
            "kind": "requests",
            "organisation": w.organisation.pk,
            "action": "import",
            "file": SameFile(
                "history.csv",
                f"Came in on;First name;Neighbourhood or village;Activities\n"
                f"3-2-2026;Truus;{w.area.name};Bezoek en gezelschap\n".encode(),
            ),
        },
        allowed({"admin"}),
        {},
    ),
    "requests:classify": (
        our_request,
        lambda w: {
            "activities": [Activity.objects.get(code="visiting").pk],
            "self_reliance": 4,
            "urgency": "normal",
            "slots": ["tue-afternoon"],
            "languages": "nl",
        },
        allowed(COORDINATORS, stranger=404, peer=404, desk=400),
        {},
    ),
    "requests:step": (
        our_request,
        lambda w: {"step": "start_intake"},
        allowed(COORDINATORS, stranger=404, peer=404),
        {},
    ),
    "requests:route": (
        _pk("asked"),
        lambda w: {"organisation": w.organisation.pk},
        # The administrator coordinates no desk: the page offers no member to route to.
        allowed({"desk"}, coordinator=404, stranger=404, peer=404, admin=400),
        {},
    ),
    "requests:split": (
        _pk("mixed"),
        lambda w: {"organisation": w.other_organisation.pk, "note": "Douchen"},
        allowed(COORDINATORS, stranger=404, peer=404, desk=400),
        {},
    ),
    # A professional of our organisation cannot be named by the other one: 400.
    "requests:accept_referral": (
        _pk("referral"),
        lambda w: {"professional": w.people["professional"].pk},
        allowed(RECEIVERS, ok=404, stranger=400, admin=400),
        {},
    ),
    "requests:return_referral": (
        _pk("referral"),
        lambda w: {"reason": "Geen plek"},
        allowed(RECEIVERS, ok=404, stranger=302, admin=302),
        {},
    ),
    "requests:note": (
        our_request,
        lambda w: {"text": "Dochter belt terug"},
        allowed(COORDINATORS - {"desk"}, stranger=404, peer=404),
        {},
    ),
    "matching:propose": (
        _pk("ready"),
        lambda w: {"volunteer": w.people["volunteer"].volunteer_profile.pk},
        allowed(COORDINATORS, stranger=404, peer=404),
        {},
    ),
    "matching:runs": (
        None,
        lambda w: {"organisation": w.organisation.pk},
        allowed(COORDINATORS, stranger=404, peer=404, desk=404, admin=404),
        {},
    ),
    "matching:run": (
        our_run,
        lambda w: {"pair": [p.pk for p in w.objects["run"].pairs.all()]},
        allowed({"coordinator"}, stranger=404, peer=404, desk=404, admin=404),
        {},
    ),
    "matching:answer": (
        our_proposal,
        lambda w: {"answer": "yes"},
        # The administrator may look, not answer for the volunteer: back with the refusal.
        allowed({"volunteer", "admin"}, peer=404, provol=404),
        {},
    ),
    "matching:offer": (
        _pk("ready"),
        lambda w: {},
        allowed(VOLUNTEERS, admin=404),
        {},
    ),
    "volunteers:vacancy": (
        _pk("open_vacancy"),
        lambda w: {"message": "Ik rijd graag"},
        # Whoever is no volunteer is sent to sign in (or sign up) as one.
        everyone(302),
        {},
    ),
    "volunteers:vacancy_new": (
        None,
        lambda w: {
            "organisation": w.organisation.pk,
            "title": "Wandelmaatje",
            "description": "Samen een ommetje",
            "activities": [Activity.objects.get(code="walks-outings").pk],
            "hours_per_week": 2,
            "regularity": "regular",
            "contact_name": "Petra",
        },
        allowed(COORDINATORS - {"admin"}),
        {},
    ),
    "volunteers:applications": (
        our_vacancy,
        lambda w: {
            "application": w.objects["application"].pk,
            f"a{w.objects['application'].pk}-decision": "accept",
            f"a{w.objects['application'].pk}-answer": "Welkom!",
        },
        allowed({"coordinator", "admin"}, stranger=404, peer=404, desk=404),
        {},
    ),
    "volunteers:register": (
        None,
        lambda w: {
            "first_name": "Nina",
            "last_name": "Bos",
            "email": "nina@example.nl",
            "username": "nina",
            "password": "een-lang-wachtwoord-2026",
            "area": w.area.pk,
            "activities": [Activity.objects.get(code="visiting").pk],
            "slots": ["tue-afternoon"],
            "hours_per_week": 2,
            "max_hours_per_week": 4,
            "travel_km": 5,
            "languages": "nl",
            "volunteer_type": "regular",
        },
        everyone(302),
        {},
    ),
    "volunteers:review": (
        None,
        lambda w: {"slots": ["tue-afternoon"], "hours_per_week": 2, "max_hours_per_week": 4},
        allowed(VOLUNTEERS, admin=404),
        {},
    ),
    # A volunteer changes only their own profile: there is no other one to reach.
    "volunteers:profile": (
        None,
        lambda w: {
            "area": w.area.pk,
            "activities": [Activity.objects.filter(is_active=True, care_level=1).first().pk],
            "languages": ["nl", "en"],
            "slots": ["wed-morning"],
            "travel_km": 5,
            "max_hours_per_week": 4,
            "email": "vrijwilliger@example.nl",
            "phone": "06 12345678",
        },
        allowed(VOLUNTEERS, admin=404),
        {},
    ),
    "volunteers:pause": (
        None,
        lambda w: {"until": str(TODAY() + timedelta(days=14)), "reason": "Vakantie"},
        allowed(VOLUNTEERS, admin=404),
        {},
    ),
    "volunteers:status": (
        our_volunteer_enrolment,
        lambda w: {"status": "paused", "reason": "Vakantie"},
        allowed({"coordinator", "admin"}, stranger=404, peer=404, desk=403),
        {},
    ),
    "volunteers:guidance": (
        our_volunteer_enrolment,
        lambda w: {
            "volunteer_type": "internship",
            "sponsor_kind": "school",
            "sponsor_name": "Lindeveld College",
            "required_hours": 40,
            "guide": w.people["coordinator"].pk,
        },
        allowed({"coordinator", "admin"}, stranger=404, peer=404, desk=403),
        {},
    ),
    "volunteers:intake": (
        our_volunteer_enrolment,
        lambda w: {
            "skills": [Skill.objects.filter(is_active=True).first().pk],
            "intake_note": "Kan goed luisteren",
        },
        allowed({"coordinator", "admin"}, stranger=404, peer=404, desk=403),
        {},
    ),
    "volunteers:vog": (
        our_volunteer_enrolment,
        lambda w: {"vog_issued_on": str(TODAY() - timedelta(days=10))},
        allowed({"coordinator", "admin"}, stranger=404, peer=404, desk=403),
        {},
    ),
    "engagements:conversation_assignment": (
        our_assignment,
        lambda w: {"body": "Kan het ook op dinsdag?"},
        talk(ASSIGNMENT_TALK, 302, ("volunteer", "coordinator")),
        {},
    ),
    "engagements:conversation_application": (
        lambda w: [w.objects["application"].pk],
        lambda w: {"body": "Wanneer kun je langskomen?"},
        talk(APPLICATION_TALK, 302, ("volunteer", "coordinator")),
        {},
    ),
    "engagements:conversation_referral": (
        lambda w: [w.objects["referral"].pk],
        lambda w: {"body": "Is er al een indicatie?"},
        talk(REFERRAL_TALK, 302, ("coordinator", "professional")),
        {},
    ),
    "engagements:assignment": (
        our_assignment,
        lambda w: {"action": "hours", "date": str(TODAY()), "hours": "2", "expenses": "0"},
        # Staff who see the assignment cannot log the volunteer's hours.
        allowed({"volunteer"}, others=404, coordinator=400, desk=400, admin=400),
        {},
    ),
    "engagements:raise_concern": (
        our_assignment,
        lambda w: {"category": "safety", "description": "De trap is glad"},
        allowed(
            {"volunteer", "coordinator", "admin"}, stranger=404, peer=404, provol=404, desk=400
        ),
        {},
    ),
    "engagements:hand_over": (
        our_assignment,
        lambda w: {
            "to_organisation": w.other_organisation.pk,
            "part": "Steunkousen",
            "note": "Past ze zelf niet meer",
            "after": "continue",
        },
        allowed(
            {"coordinator", "admin"},
            stranger=404,
            professional=404,
            peer=404,
            provol=404,
            desk=400,
        ),
        {},
    ),
    "engagements:agree": (
        _pk("matched"),
        lambda w: {
            "volunteer": w.objects["second_volunteer"].pk,
            "tasks": [Activity.objects.get(code="visiting").pk],
            "frequency": "weekly",
            "starts_on": str(TODAY()),
            "contact_route": "Bel Petra",
        },
        allowed(COORDINATORS - {"desk"}, stranger=404, peer=404, desk=400),
        {},
    ),
    "engagements:correct_hours": (
        _pk("queried"),
        lambda w: {"date": str(TODAY()), "hours": "1", "expenses": "0", "note": "Eén uur"},
        # The administrator sees the hours, but only the volunteer corrects them.
        allowed({"volunteer", "admin"}, peer=404, provol=404),
        {},
    ),
    "engagements:decide_hours": (
        our_hours,
        lambda w: {"decision": "approve"},
        allowed(COORDINATORS, stranger=404, peer=404),
        {},
    ),
    "engagements:approve_many": (
        None,
        lambda w: {"entry": [w.objects["hours"].pk]},
        allowed(COORDINATORS),
        {},
    ),
    "engagements:concern": (
        our_concern,
        lambda w: {"action": "acknowledge", "note": "Ik bel haar"},
        # The volunteer who raised it sees the page; their POST changes nothing.
        allowed(
            {"coordinator", "admin"},
            others=404,
            citizen=403,
            carer=403,
            dpo=403,
            guide=403,
            volunteer=200,
        ),
        {},
    ),
    "engagements:handover": (
        our_handover,
        lambda w: {"decision": "accept", "answer": "Wij nemen het over"},
        allowed(
            {"admin"},
            others=403,
            desk=404,
            peer=404,
            professional=400,
            provol=400,
            coordinator=400,
            stranger=400,
        ),
        {},
    ),
    "engagements:guidance": (
        None,
        lambda w: {
            "enrolment": w.objects["enrolment"].pk,
            "date": str(TODAY()),
            "hours": "1",
            "topic": "Leerdoelen",
        },
        allowed(
            {"professional", "coordinator", "guide"},
            others=403,
            **dict.fromkeys(["stranger", "desk", "admin", "peer", "provol"], 400),
        ),
        {},
    ),
    # A guide logs guidance on their start page, for their organisation's volunteers only.
    "start:guide": (
        None,
        lambda w: {
            "enrolment": w.objects["enrolment"].pk,
            "date": str(TODAY()),
            "hours": "1",
            "topic": "Leerdoelen",
        },
        allowed({"guide"}, others=403, admin=400),
        {},
    ),
    "engagements:credits": (
        None,
        lambda w: {"receiver": w.objects["second_volunteer"].user.pk, "amount": "1"},
        allowed({"volunteer"}, others=403, admin=400, peer=400, provol=400),
        {},
    ),
    # The task-division register: the organisation's coordinator records a change; the
    # policy officer reads it but changes nothing; others do not find it.
    "organisations:task_division": (
        lambda w: [w.organisation.pk],
        lambda w: {
            "activity": Activity.objects.get(code="shopping").pk,
            "done_by": "both",
            "since": str(TODAY()),
            "reason": "Samen met de thuiszorg",
        },
        allowed(
            {"coordinator", "manager", "admin"},
            **dict.fromkeys(["stranger", "desk", "peer"], 404),
        ),
        {},
    ),
    # The API: JSON in, problem+json out.
    "api:task-division-list": (
        None,
        lambda w: {
            "organisation": w.organisation.pk,
            "activity": Activity.objects.get(code="shopping").pk,
            "done_by": "both",
            "since": str(TODAY()),
            "reason": "Samen met de thuiszorg",
        },
        allowed({"coordinator", "manager", "admin"}, ok=201, others=404, anonymous=401, policy=409),
        API,
    ),
    "api:help-request-list": (
        None,
        lambda w: {
            "organisation": w.organisation.pk,
            "area": w.area.pk,
            "activities": [Activity.objects.get(code="visiting").pk],
            "first_name": "Henk",
            "self_reliance": 3,
            "referral_consent": True,
        },
        allowed(
            {"professional", "provol", "coordinator"},
            ok=201,
            anonymous=401,
            # Coordinators elsewhere (and the administrator, who coordinates nothing) may
            # only register requests for their own organisation.
            **dict.fromkeys(["stranger", "desk", "peer", "admin"], 400),
        ),
        API,
    ),
    "api:help-request-transitions": (
        our_request,
        lambda w: {"step": "start_intake"},
        allowed({"coordinator", "desk", "admin"}, ok=200, others=404, anonymous=401),
        API,
    ),
    "api:help-request-route": (
        _pk("asked"),
        lambda w: {"organisation": w.organisation.pk},
        allowed({"desk", "admin"}, ok=200, others=404, anonymous=401),
        API,
    ),
    "api:match-proposal-list": (
        None,
        lambda w: {
            "help_request": w.objects["ready"].pk,
            "volunteer": w.people["volunteer"].volunteer_profile.pk,
        },
        allowed({"coordinator", "admin"}, ok=201, others=404, anonymous=401, desk=409),
        API,
    ),
    "api:match-proposal-accept": (
        our_proposal,
        lambda w: {},
        allowed({"volunteer"}, ok=200, others=404, anonymous=401, **SEES_NOT_ANSWERS),
        API,
    ),
    "api:match-proposal-decline": (
        our_proposal,
        lambda w: {"reason": "Geen tijd"},
        allowed({"volunteer"}, ok=200, others=404, anonymous=401, **SEES_NOT_ANSWERS),
        API,
    ),
    "api:matching-run-list": (
        None,
        lambda w: {"organisation": w.organisation.pk},
        allowed({"coordinator"}, ok=202, others=404, anonymous=401),
        API,
    ),
    "api:matching-run-confirm": (
        our_run,
        lambda w: {"pairs": [p.pk for p in w.objects["run"].pairs.all()]},
        allowed({"coordinator"}, ok=200, others=404, anonymous=401),
        API,
    ),
    "api:volunteer-status-changes": (
        our_volunteer,
        lambda w: {"organisation": w.organisation.pk, "status": "paused", "reason": "Vakantie"},
        allowed(
            {"coordinator", "admin"}, ok=201, others=404, anonymous=401, volunteer=403, desk=403
        ),
        API,
    ),
    "api:vacancy-applications": (
        lambda w: [w.objects["open_vacancy"].pk],
        lambda w: {"message": "Ik rijd graag"},
        allowed(VOLUNTEERS, ok=201, anonymous=401),
        API,
    ),
    "api:vacancy-decision": (
        one_application,
        lambda w: {"decision": "accept", "answer": "Welkom!"},
        allowed({"coordinator", "admin"}, ok=200, others=404, anonymous=401),
        API,
    ),
    "api:assignment-messages": (
        our_assignment,
        lambda w: {"body": "Kan het ook op dinsdag?"},
        allowed(ASSIGNMENT_TALK, ok=201, others=404, anonymous=401),
        API,
    ),
    "api:application-messages": (
        lambda w: [w.objects["application"].pk],
        lambda w: {"body": "Wanneer kun je langskomen?"},
        allowed(APPLICATION_TALK, ok=201, others=404, anonymous=401),
        API,
    ),
    "api:referral-messages": (
        lambda w: [w.objects["referral"].pk],
        lambda w: {"body": "Is er al een indicatie?"},
        allowed(REFERRAL_TALK, ok=201, others=404, anonymous=401),
        API,
    ),
    "api:assignment-hours": (
        our_assignment,
        lambda w: {"date": str(TODAY()), "hours": "2", "expenses": "0"},
        allowed({"volunteer"}, ok=201, others=404, anonymous=401, **SEES_NOT_ANSWERS),
        API,
    ),
    "api:hours-approve": (
        our_hours,
        lambda w: {},
        allowed(
            {"coordinator", "admin"}, ok=200, others=404, anonymous=401, volunteer=403, desk=403
        ),
        API,
    ),
    "api:hours-query": (
        our_hours,
        lambda w: {"question": "Klopt de datum?"},
        allowed(
            {"coordinator", "admin"}, ok=200, others=404, anonymous=401, volunteer=403, desk=403
        ),
        API,
    ),
    "api:check-in-answer": (
        our_check_in,
        lambda w: {"how_it_goes": "well", "load": "right"},
        # The volunteer answers their own check-in; staff who see it cannot answer for them.
        allowed({"volunteer"}, ok=200, others=404, anonymous=401, **SEES_NOT_ANSWERS),
        API,
    ),
    "api:concern-list": (
        None,
        lambda w: {
            "assignment": w.objects["assignment"].pk,
            "category": "safety",
            "description": "De trap is glad",
        },
        allowed({"volunteer", "coordinator", "admin"}, ok=201, others=404, anonymous=401, desk=409),
        API,
    ),
    "api:concern-acknowledge": (
        our_concern,
        lambda w: {"note": "Ik bel haar"},
        allowed({"coordinator", "admin"}, ok=200, others=404, anonymous=401, volunteer=403),
        API,
    ),
    "api:concern-resolve": (
        _pk("acknowledged"),
        lambda w: {"outcome": "Huisarts gebeld", "reply": "Dank je wel"},
        allowed({"coordinator", "admin"}, ok=200, others=404, anonymous=401, volunteer=403),
        API,
    ),
    "api:handover-list": (
        None,
        lambda w: {
            "assignment": w.objects["assignment"].pk,
            "to_organisation": w.other_organisation.pk,
            "part": "Steunkousen",
            "note": "Past ze zelf niet meer",
        },
        allowed({"coordinator", "admin"}, ok=201, others=404, anonymous=401, desk=409),
        API,
    ),
    "api:handover-accept": (
        our_handover,
        lambda w: {"answer": "Wij nemen het over"},
        allowed({"admin"}, ok=200, others=404, anonymous=401, **RECEIVES_NOT),
        API,
    ),
    "api:handover-decline": (
        our_handover,
        lambda w: {"answer": "Geen plek deze maand"},
        allowed({"admin"}, ok=200, others=404, anonymous=401, **RECEIVES_NOT),
        API,
    ),
    # The numbers of inhabitants: the municipality's policy officer (and the administrator).
    "insights:population": (
        lambda w: [w.municipality.pk],
        lambda w: {
            f"area-{area.pk}-{name}": value
            for area in w.municipality.areas.all()
            for name, value in (("population", "1200"), ("population_year", "2026"))
        },
        allowed({"policy", "admin"}),
        {},
    ),
    # The intake through the API (PATCH): a coordinator of the volunteer's organisation; the
    # volunteer and the central desk see the file but may not record it.
    "api:volunteer-detail": (
        our_volunteer,
        lambda w: {
            "skills": [Skill.objects.filter(is_active=True).first().pk],
            "intake_note": "Kan goed luisteren",
        },
        allowed(
            {"coordinator", "admin"},
            ok=200,
            others=404,
            anonymous=401,
            volunteer=403,
            desk=403,
        ),
        {**API, "method": "patch"},
    ),
    # The referral received by the other organisation, answered through the API: our
    # professional cannot be named by it (400, as on its page); a return with a reason is done.
    "api:referral-accept": (
        _pk("referral"),
        lambda w: {"responsible": w.people["professional"].pk},
        allowed({"stranger", "admin"}, ok=400, others=404, anonymous=401),
        API,
    ),
    "api:referral-return": (
        _pk("referral"),
        lambda w: {"reason": "Geen plek deze maand"},
        allowed({"stranger", "admin"}, ok=200, others=404, anonymous=401),
        API,
    ),
    "api:credit-transfer-list": (
        None,
        lambda w: {"receiver": w.objects["second_volunteer"].user.pk, "amount": "1"},
        # Only a member with credits can give them: the others are refused (409).
        allowed({"volunteer"}, ok=201, others=409, anonymous=401),
        API,
    ),
    # Starting for our organisation: only its coordinator; another runner's choice does not
    # offer it (the form again, 400).
    "cooperation:start": (
        None,
        lambda w: {
            "title": "Buurtzorg",
            "place": f"o{w.organisation.pk}",
            "context": "neighbourhood",
        },
        allowed(
            {"coordinator", "manager"}, **{r: 400 for r in RUNNERS - {"coordinator", "manager"}}
        ),
        {},
    ),
    "cooperation:invite": (
        our_assessment,
        lambda w: {
            "form": "link",
            "link-perspective": "professionals",
            "link-email": "n@example.nl",
        },
        allowed(
            {"coordinator", "manager", "admin"},
            **{r: 404 for r in RUNNERS - {"coordinator", "manager", "admin"}},
        ),
        {},
    ),
    "cooperation:close": (
        our_assessment,
        lambda w: {},
        allowed(
            {"coordinator", "manager", "admin"},
            **{r: 404 for r in RUNNERS - {"coordinator", "manager", "admin"}},
        ),
        {},
    ),
    "cooperation:repeat": (
        closed_assessment,
        lambda w: {},
        allowed(
            {"coordinator", "manager", "admin"},
            **{r: 404 for r in RUNNERS - {"coordinator", "manager", "admin"}},
        ),
        {},
    ),
    # Opening a consultation for the municipality: only its policy officer; a manager or the
    # administrator is not offered it (the form again, 400).
    "consultations:new": (
        None,
        lambda w: {
            "place": f"m{w.municipality.pk}",
            "title": "Ontmoetingsplek",
            "question": "Zullen we een ontmoetingsplek openen?",
            "closes_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "ask": ["volunteers"],
        },
        allowed({"policy"}, manager=400, admin=400),
        {},
    ),
    "consultations:respond": (
        closed_consultation,
        lambda w: {"response": "De ontmoetingsplek komt er"},
        allowed(ORGANISERS, manager=404),
        {},
    ),
    "consultations:answer": (
        the_consultation,
        lambda w: {"way": "volunteers", "text": "Graag in het dorpshuis", "stance": "agree"},
        {**ASKED, **dict.fromkeys(["volunteer", "peer", "provol"], 302), "professional": 400},
        {},
    ),
    # Drafting an agreement for our organisation: its coordinator and manager; other
    # coordinators and the administrator are not offered it (the form again, 400).
    "agreements:new": (
        None,
        lambda w: {
            "organisation": w.organisation.pk,
            "partner": "municipality",
            "title": "Bezoek aan cliënten",
            "volunteer_tasks": "Bezoeken",
            "professional_tasks": "Alle zorg",
            "contact_here": "Anja, coördinator",
            "contact_partner": "Peter, beleidsmedewerker",
            "escalation": "Eerst Anja, dan de manager",
            "review_on": (timezone.localdate() + timedelta(days=365)).isoformat(),
        },
        allowed({"coordinator", "manager"}, **dict.fromkeys(COORDINATORS - {"coordinator"}, 400)),
        {},
    ),
    # Changing our agreement: our coordinator and manager (and the administrator); other
    # coordinators do not find it.
    "agreements:edit": (
        our_agreement,
        lambda w: {
            "title": "Bezoek aan cliënten",
            "volunteer_tasks": "Bezoeken",
            "professional_tasks": "Alle zorg",
            "contact_here": "Anja, coördinator",
            "contact_partner": "Peter, beleidsmedewerker",
            "escalation": "Eerst Anja, dan de manager",
            "review_on": (timezone.localdate() + timedelta(days=365)).isoformat(),
        },
        allowed(
            {"coordinator", "manager", "admin"},
            **dict.fromkeys(["stranger", "desk", "peer"], 404),
        ),
        {},
    ),
    # Confirming our side: our manager (the policy officer, who confirms the other side, is
    # sent back with the reason).
    "agreements:confirm": (
        our_agreement,
        lambda w: {"side": "here"},
        allowed({"manager", "policy", "admin"}),
        {},
    ),
    # Naming the other organisation's contact point (it has professionals): its coordinator;
    # other leaders do not find it among theirs.
    "contact_points:index": (
        None,
        lambda w: {
            "organisation": w.other_organisation.pk,
            f"o{w.other_organisation.pk}-person": w.people["stranger"].pk,
            f"o{w.other_organisation.pk}-role": "coördinator",
            f"o{w.other_organisation.pk}-reach": "Via uw coördinator",
        },
        allowed({"stranger"}, **dict.fromkeys(LEADERS - {"stranger"}, 404)),
        {},
    ),
    # Answering a consultation in the API: those asked as volunteers; a professional is
    # asked too but does not volunteer (409); whoever is not asked does not find it.
    "api:consultation-answer": (
        the_consultation,
        lambda w: {"way": "volunteers", "text": "Graag in het dorpshuis", "stance": "agree"},
        {
            **CONSULTATION_API,
            **dict.fromkeys(["volunteer", "peer", "provol"], 200),
            **dict.fromkeys(["professional", "policy", "admin"], 409),
        },
        API,
    ),
    # Drafting an agreement in the API for our organisation: its coordinator and manager (and
    # the administrator); anyone else is refused (409).
    "api:agreement-list": (
        None,
        lambda w: {
            "organisation": w.organisation.pk,
            "title": "Bezoek aan cliënten",
            "volunteer_tasks": "Bezoeken",
            "professional_tasks": "Alle zorg",
            "contact_here": "Anja, coördinator",
            "contact_partner": "Peter, beleidsmedewerker",
            "escalation": "Eerst Anja, dan de manager",
            "review_on": (timezone.localdate() + timedelta(days=365)).isoformat(),
        },
        allowed({"coordinator", "manager", "admin"}, ok=201, others=409, anonymous=401),
        API,
    ),
    # Answering: the invited account only; a link answers for its own participant.
    "cooperation:answer": (our_assessment, all_answers, statuses(404, volunteer=302), {}),
    "cooperation:answer_link": (assessment_link, all_answers, everyone(302), {}),
    # The API: who may not start one here is refused (409); an assessment outside the
    # caller's scope is not there (404); a participant may answer but not run it (403).
    "api:assessment-list": (
        None,
        lambda w: {
            "title": "Buurtzorg",
            "context": "neighbourhood",
            "organisation": w.organisation.pk,
        },
        allowed({"coordinator", "manager", "admin"}, ok=201, others=409, anonymous=401),
        API,
    ),
    "api:assessment-invite": (
        our_assessment,
        lambda w: {"perspective": "volunteers", "email": "nieuw@example.nl"},
        allowed(
            {"coordinator", "manager", "admin"}, ok=201, others=404, anonymous=401, volunteer=403
        ),
        API,
    ),
    "api:assessment-answer": (
        our_assessment,
        all_answers,
        allowed(
            {"volunteer"},
            ok=200,
            others=404,
            anonymous=401,
            coordinator=403,
            manager=403,
            admin=403,
        ),
        API,
    ),
    "api:assessment-close": (
        our_assessment,
        lambda w: {},
        allowed(
            {"coordinator", "manager", "admin"}, ok=200, others=404, anonymous=401, volunteer=403
        ),
        API,
    ),
}


# --- the world, built once for the module, through the services -------------------------


def build_matrix_world():
    """The rich world (every object in the state a write needs) and everyone signed in."""
    w = build_rich_world()
    # Everyone signs in once: their sessions last the module (a test's changes roll back).
    w.objects["sessions"] = {}
    for role, person in w.people.items():
        client = Client()
        client.force_login(person)
        w.objects["sessions"][role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return w


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker, build_matrix_world) as built:
        yield built


@pytest.fixture
def world(shared_world, db):
    return shared_world


#: One request handler for every client of the module: its middleware is loaded once.
_HANDLER = Client().handler


def _client(world, role):
    client = Client()
    client.handler = _HANDLER
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.objects["sessions"][role]
    return client


def _each_role(world, send):
    """What each role gets; every role's request is undone before the next one's."""
    got = {}
    for role in ROLES:
        with transaction.atomic():
            got[role] = send(_client(world, role)).status_code
            transaction.set_rollback(True)
    return got


@pytest.mark.parametrize("name", list(MATRIX))
def test_every_role_gets_the_expected_status(world, name):
    method, args, expected = MATRIX[name]
    url = reverse(name, args=args(world) if args else None)
    if method == "post":
        body = {
            "organisation": world.organisation.pk,
            "activity": Activity.objects.first().pk,
            "self_reliance": 4,
        }
        got = _each_role(world, lambda c: c.post(url, body, content_type="application/json"))
    else:
        got = _each_role(world, lambda c: c.get(url))
    assert got == expected


@pytest.mark.parametrize("name", list(WRITES))
def test_every_role_gets_the_expected_status_for_a_write(world, name):
    args, body, expected, extra = WRITES[name]
    url = reverse(name, args=args(world) if args else None)
    data = body(world)
    if extra.get("content_type") == "application/json":
        data = json.dumps(data)
    method = _write_method(name)
    options = {key: value for key, value in extra.items() if key != "method"}
    got = _each_role(world, lambda c: getattr(c, method)(url, data, **options))
    assert got == expected


def _write_method(name: str) -> str:
    return WRITES[name][3].get("method", "post")


#: The URLs that take a PATCH: the API's volunteer file (the intake).
PATCHED = {name for name in WRITES if _write_method(name) == "patch"}


def _writes_recorded():
    """Every write to an audited model leaves an entry (reads of files are kept apart)."""
    return LogEntry.objects.exclude(action=LogEntry.Action.ACCESS).count()


@pytest.mark.parametrize("name", list(MATRIX))
def test_no_url_can_be_patched_or_deleted_and_only_writes_take_a_post(world, name):
    """No URL takes DELETE, only those of PATCHED take PATCH, and only the URLs of WRITES take
    a POST: someone who may open the URL is refused (405, or 401/403 from the API before it
    looks at the method), or at most gets the page they would read; nothing is written."""
    method, args, expected = MATRIX[name]
    url = reverse(name, args=args(world) if args else None)
    verbs = ["delete"] + ([] if name in PATCHED else ["patch"])
    posted = name in WRITES and _write_method(name) == "post"
    verbs += [] if posted or method == "post" else ["post"]
    # How a view treats a method does not depend on who asks: one reader stands for all.
    readers = [r for r in ROLES if 200 <= expected[r] < 300][:1]
    refused = {}
    for role in readers:
        client = _client(world, role)
        for verb in verbs:
            with transaction.atomic():
                before = _writes_recorded()
                status = getattr(client, verb)(url).status_code
                wrote = _writes_recorded() != before
                transaction.set_rollback(True)
            if wrote or status not in (401, 403, 405, expected[role]):
                refused[role, verb] = (status, "wrote" if wrote else "")
    assert refused == {}


def test_the_writes_are_urls_of_the_matrix():
    assert set(WRITES) <= set(MATRIX)


# --- people with two roles ------------------------------------------------------------


def test_an_invitation_link_works_once_and_only_for_the_role_it_names(world):
    from meedoen.accounts.models import User

    token = _invitation(world, role="professional")[1]
    url = reverse("accounts:invitation", args=[token])
    body = {"username": "nieuwkomer", "password1": PASSWORD, "password2": PASSWORD}
    # Fields that ask for another role or organisation change nothing.
    asked_more = {**body, "role": "coordinator", "organisation": world.other_organisation.pk}
    assert Client().post(url, asked_more).status_code == 302
    joined = User.objects.get(username="nieuwkomer")
    assert list(joined.memberships.values_list("organisation", "role")) == [
        (world.organisation.pk, "professional")
    ]
    again = Client()
    assert again.get(url).status_code == 410
    assert again.post(url, {**body, "username": "tweede"}).status_code == 410
    assert not User.objects.filter(username="tweede").exists()


def test_a_peer_volunteer_coordinates_the_client_run_organisation_and_volunteers(world):
    client = _client(world, "peer")
    theirs, ours = world.objects["clients_request"], world.objects["request"]
    assert client.get(reverse("requests:detail", args=[theirs.pk])).status_code == 200
    assert client.get(reverse("requests:detail", args=[ours.pk])).status_code == 404
    listed = client.get(reverse("api:help-request-list")).json()["results"]
    assert [row["id"] for row in listed] == [theirs.pk]
    # As a volunteer they respond to a vacancy, then find the response on their start page.
    vacancy = world.objects["open_vacancy"]
    response = client.post(reverse("volunteers:vacancy", args=[vacancy.pk]), {"message": "Ja"})
    assert response.status_code == 302 and response.url == reverse("start:volunteer")
    assert vacancy.applications.filter(profile__user=world.people["peer"]).exists()
    # Coordinating their own organisation does not make them coordinate ours.
    step = client.post(reverse("requests:step", args=[ours.pk]), {"step": "start_intake"})
    assert step.status_code == 404
    ours.refresh_from_db()
    assert ours.status == "submitted"


def test_a_professional_who_volunteers_refers_clients_and_sees_only_their_own_assignment(world):
    client = _client(world, "provol")
    response = client.post(
        reverse("requests:refer"),
        {
            "organisation": world.organisation.pk,
            "area": world.area.pk,
            "activities": [Activity.objects.get(code="visiting").pk],
            "first_name": "Henk",
            "self_reliance": 3,
            "referral_consent": "on",
        },
    )
    assert response.status_code == 302
    assert world.people["provol"].referrals.filter(first_name="Henk").exists()
    own, team_concern = world.objects["own_assignment"], world.objects["team_concern"]
    page = client.get(reverse("engagements:assignment", args=[own.pk]))
    assert page.status_code == 200
    assert "Vergeetachtig" not in page.content.decode()
    assert client.get(reverse("engagements:concern", args=[team_concern.pk])).status_code == 404
    concerns_seen = client.get(reverse("api:concern-list")).json()["results"]
    assert team_concern.pk not in [row["id"] for row in concerns_seen]
    # Their volunteering does not open our volunteer's assignment to them.
    ours = world.objects["assignment"]
    assert client.get(reverse("engagements:assignment", args=[ours.pk])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_reach_the_admin(world, role):
    response = _client(world, role).get(reverse("admin:index"))
    assert response.status_code == (200 if role == "admin" else 302)


# --- docs/permissions.md: the matrix above, for people -----------------------------------

PERMISSIONS_DOC = settings.PROJECT_DIR / "docs" / "permissions.md"
LEGEND = {
    200: "opens (reads) it; after a write: the answer, done",
    201: "API: made",
    202: "API: accepted, done in the background",
    301: "an old address: sent on for good to the page that took its place",
    302: "is sent on: to sign in when anonymous, or to their own page; after a write: done",
    400: "may, but this body is refused as not valid",
    401: "API: must sign in first",
    403: "refused: not their role",
    404: "not there for them: outside their scope",
    405: "this method is not used here (a page that only takes the other method)",
    409: "sees it, but the step is not theirs to take",
}
ROLE_NOTES = {
    "anonymous": "not signed in",
    "citizen": "asked for help for themselves",
    "carer": "informal carer who asked for someone",
    "volunteer": "volunteer of our organisation, asked to answer its cooperation assessment",
    "professional": "professional who refers clients",
    "coordinator": "coordinator of our organisation",
    "stranger": "coordinator of another organisation in the same municipality",
    "desk": "coordinator of the central desk whose network holds our organisation",
    "policy": "policy officer of the municipality",
    "dpo": "data protection officer of the municipality",
    "admin": "administrator",
    "peer": "ex-client who volunteers and coordinates a client-run organisation",
    "provol": "professional of our organisation who volunteers in their village",
    "manager": "manager of our organisation",
    "guide": "guide of our organisation's re-integration and internship volunteers",
}


def _routes(patterns, namespace="", prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", "/" + route


def _table(rows) -> list[str]:
    routes = dict(_routes(get_resolver().url_patterns))
    lines = [
        "| page or API | method | " + " | ".join(ROLES) + " |",
        "|---|---|" + "---|" * len(ROLES),
    ]
    for name, method, expected in rows:
        cells = " | ".join(str(expected[role]) for role in ROLES)
        lines.append(f"| `{routes[name]}` ({name}) | {method.upper()} | {cells} |")
    return lines


def permissions_doc() -> str:
    lines = [
        "# Who may do what",
        "",
        "Every page and API address of Meedoen, for every role: the answer each role gets.",
        "Generated from the permission matrix (`src/meedoen/tests/test_permission_matrix.py`),",
        "which the suite checks against the running code; a test keeps this file equal to it.",
        "After a change to the matrix, write it again with `MEEDOEN_WRITE_PERMISSIONS_DOC=1",
        ".venv/bin/pytest src/meedoen/tests/test_permission_matrix.py -k permissions_doc`.",
        "Django's admin is for administrators only and is not listed.",
        "",
        "## The roles",
        "",
        *(f"- **{role}**: {note}" for role, note in ROLE_NOTES.items()),
        "",
        "## The answers",
        "",
        *(f"- **{code}**: {meaning}" for code, meaning in LEGEND.items()),
        "",
        "## Opening a page or reading from the API",
        "",
        *_table((name, method, expected) for name, (method, _args, expected) in MATRIX.items()),
        "",
        "## Writing: sending a form or a step",
        "",
        *_table(
            (name, _write_method(name), expected)
            for name, (_args, _body, expected, _x) in WRITES.items()
        ),
        "",
    ]
    return "\n".join(lines)


def test_permissions_doc_is_the_matrix():
    text = permissions_doc()
    if os.environ.get("MEEDOEN_WRITE_PERMISSIONS_DOC"):
        PERMISSIONS_DOC.write_text(text, encoding="utf-8")
    assert PERMISSIONS_DOC.read_text(encoding="utf-8") == text, (
        "docs/permissions.md differs from the matrix: write it again (see the file's top)"
    )
    assert set(ROLE_NOTES) == set(ROLES)
    used = {code for _m, _a, row in MATRIX.values() for code in row.values()}
    used |= {code for _a, _b, row, _x in WRITES.values() for code in row.values()}
    assert used <= set(LEGEND)


def test_an_assessment_link_works_only_for_its_own_assessment_and_not_after_closing(world):
    """A participant's private link opens no other assessment, and once the round is closed
    it opens nothing and changes nothing, for anyone."""
    from meedoen.cooperation import services as cooperation_services

    link = world.objects["participant_link"]
    other = world.objects["closed_assessment"]
    elsewhere = reverse("cooperation:answer_link", args=[other.pk, link.token])
    assert _each_role(world, lambda c: c.get(elsewhere)) == everyone(404)
    cooperation_services.close(world.people["coordinator"], world.objects["assessment"])
    url = reverse("cooperation:answer_link", args=assessment_link(world))
    assert _each_role(world, lambda c: c.get(url)) == everyone(404)
    assert _each_role(world, lambda c: c.post(url, all_answers(world))) == everyone(404)
    link.refresh_from_db()
    assert link.answered_at is None
