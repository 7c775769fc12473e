"""The demo municipality: what the README promises a newcomer."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from meedoen.accounts.models import User
from meedoen.conftest import kept_for_module
from meedoen.engagements.models import Message
from meedoen.matching.models import MatchProposal
from meedoen.organisations.models import Area, Network, Organisation, TaskDivision
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest, RequestTransition
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import EnrolmentStatusChange, Vacancy, VolunteerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def lindeveld(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module (each test's changes roll back)."""
    with kept_for_module(django_db_blocker, lambda: call_command("load_demo", verbosity=0)):
        yield


def everything():
    from meedoen.engagements.models import Assignment, Concern, ConcernEvent, HoursEntry
    from meedoen.volunteers.models import Application, EnrolmentStatusChange

    return [
        model.objects.count()
        for model in (
            User,
            Organisation,
            HelpRequest,
            RequestTransition,
            VolunteerProfile,
            Application,
            EnrolmentStatusChange,
            MatchProposal,
            Assignment,
            HoursEntry,
            Concern,
            ConcernEvent,
            TaskDivision,
        )
    ]


DEMO_USERNAMES = {
    "demo-citizen",
    "demo-carer",
    "demo-volunteer",
    "demo-professional",
    "demo-coordinator",
    "demo-desk",
    "demo-policy",
    "demo-privacy",
    "demo-admin",
    "demo-manager",
    "demo-homecare",
    "demo-peer",
}


def test_demo_data_is_complete_and_loading_twice_changes_nothing(lindeveld, settings):
    counts = everything()
    call_command("load_demo", verbosity=0)
    assert everything() == counts

    assert (
        set(User.objects.filter(username__startswith="demo-").values_list("username", flat=True))
        == DEMO_USERNAMES
    )
    assert User.objects.get(username="demo-admin").check_password(settings.DEMO_PASSWORD)
    assert Area.objects.filter(kind="neighbourhood").count() == 4
    assert Area.objects.filter(kind="village").count() == 3
    assert Organisation.objects.count() >= 10
    assert set(Organisation.objects.values_list("type", flat=True)) == {1, 2, 3, 4}
    sectors = set(Organisation.objects.values_list("sector", flat=True))
    assert {"nursing_home", "home_care", "village_cooperative", "client_run"} <= sectors
    desk = Network.objects.get()
    assert desk.desk.is_central_desk and desk.members.count() == 5
    assert User.objects.filter(volunteer_profile__isnull=False).count() >= 200
    assert HelpRequest.objects.count() >= 150
    assert HelpRequest.objects.values("area").distinct().count() == 7
    # One vacancy written in English, for the language marks on the Dutch board.
    assert Vacancy.objects.filter(language="en", is_open=True).count() == 1
    # And one message, for the language marks in a conversation.
    assert Message.objects.filter(language="en").count() == 1
    assert set(HelpRequest.objects.values_list("status", flat=True)) == set(
        HelpRequest.Status.values
    )


def test_every_step_in_the_demo_is_one_the_workflow_allows(lindeveld):
    """The demo holds only what Meedoen could have produced: each recorded step of a help
    request follows the table, taken by someone in a role the table names, in order."""
    for help_request in HelpRequest.objects.prefetch_related("transitions"):
        status = ""
        for step in help_request.transitions.all():
            assert step.from_status == status, (help_request.pk, step.name)
            if step.name == "submit":
                assert status == "" and step.to_status == "submitted"
            elif step.name == "split":
                assert step.to_status == status
            else:
                rule = workflow.TRANSITIONS[step.name]
                assert status in rule.sources and step.to_status == rule.target
                assert step.actor_role in rule.actors, (help_request.pk, step.name)
            status = step.to_status
        assert status == help_request.status
    # Every enrolment came from a response to a vacancy, and changed along the lifecycle.
    for change in EnrolmentStatusChange.objects.exclude(from_status=""):
        assert change.to_status in lifecycle.TRANSITIONS[change.from_status]


def test_the_peer_volunteer_coordinates_the_client_run_organisation(lindeveld, client):
    peer = User.objects.get(username="demo-peer")
    assert peer.volunteer_profile.volunteer_type == "peer"
    assert {"volunteer", "coordinator"} <= peer.roles
    clients = Organisation.objects.get(sector="client_run")
    assert peer.organisation_ids("coordinator") == {clients.pk}
    client.force_login(peer)
    assert client.get(reverse("start:coordinator")).status_code == 200
    assert client.get(reverse("start:volunteer")).status_code == 200
    assert client.get(reverse("requests:queue")).status_code == 200
    elsewhere = HelpRequest.objects.exclude(organisation=clients).first()
    assert client.get(reverse("requests:detail", args=[elsewhere.pk])).status_code == 404


def test_the_demo_monitor_shows_where_work_moved_between_professionals_and_volunteers(
    lindeveld, client
):
    shifts = list(TaskDivision.objects.exclude(shift="").values_list("shift", flat=True))
    assert sorted(shifts) == ["to_professionals"] + ["to_volunteers"] * 3
    client.force_login(User.objects.get(username="demo-policy"))
    page = client.get(reverse("monitor:monitor"))
    assert page.status_code == 200
    assert "Vrijwilligerscentrale Lindeveld" in page.content.decode()
    client.force_login(User.objects.get(username="demo-coordinator"))
    centre = Organisation.objects.get(name="Vrijwilligerscentrale Lindeveld")
    register = client.get(reverse("organisations:task_division", args=[centre.pk]))
    assert "De uren van de welzijnswerker zijn verminderd." in register.content.decode()


def test_demo_engagement_gives_every_role_something_to_see(lindeveld, client):
    from meedoen.engagements.models import Assignment, Concern, Handover, HoursEntry
    from meedoen.engagements.services import credits

    volunteer = User.objects.get(username="demo-volunteer")
    mine = Assignment.objects.filter(profile__user=volunteer)
    assert mine.filter(status="active").exists()
    assert credits.balance(volunteer) > 0
    assert HoursEntry.objects.filter(status="submitted", assignment__in=mine).exists()
    assert Concern.objects.filter(status="resolved", raised_by=volunteer).exists()
    manager = User.objects.get(username="demo-manager")
    assert Concern.objects.visible_to(manager).filter(level=1, status="open").exists()
    assert Handover.objects.visible_to(User.objects.get(username="demo-homecare")).exists()
    pages = {
        "demo-volunteer": [
            "/volunteer/assignments/",
            f"/assignments/{mine.first().pk}/",
            "/volunteer/credits/",
            "/concerns/",
            "/agenda/",
        ],
        "demo-coordinator": ["/engagement/", "/guidance/", "/handovers/", "/concerns/", "/agenda/"],
        "demo-manager": ["/concerns/"],
        "demo-homecare": ["/handovers/"],
    }
    for username, urls in pages.items():
        client.force_login(User.objects.get(username=username))
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)


def test_the_demo_volunteer_has_an_intake_to_come_in_their_agenda(lindeveld, client):
    client.force_login(User.objects.get(username="demo-volunteer"))
    page = client.get("/agenda/").content.decode()
    assert "Intake bij Zorgcoöperatie" in page
    assert "Contactmoment: hoe gaat het?" in page


def test_demo_cooperation_gives_every_side_something_to_try(lindeveld, client):
    from meedoen.cooperation import agreements, consultations
    from meedoen.cooperation.models import Agreement, Assessment
    from meedoen.organisations.models import ContactPoint

    assessment = Assessment.objects.get(closed_at__isnull=False)
    assert {p.perspective for p in assessment.participants.all()} >= {
        "volunteers",
        "professionals",
        "management",
    }
    assert Agreement.objects.get().is_confirmed
    assert ContactPoint.objects.count() == 3
    # The volunteer finds the home-care organisation's contact point for their area.
    client.force_login(User.objects.get(username="demo-volunteer"))
    found = client.get("/contact-points/find/", {"q": "Lindeveld dementie"}).content.decode()
    assert "Thuiszorg Lindeveld" in found and "Ineke" in found
    policy = User.objects.get(username="demo-policy")
    consultation = consultations.open_for(User.objects.get(username="demo-volunteer")).get()
    groups, _total, _shown = consultations.grouped(consultation)
    assert [g.hidden for g in groups] == [False, True, True]  # enough volunteers answered
    client.force_login(policy)
    pages = [
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("agreements:detail", args=[Agreement.objects.get().pk]),
        reverse("cooperation:result", args=[assessment.pk]),
    ]
    client.force_login(User.objects.get(username="demo-manager"))
    assert client.get(pages[1]).status_code == 200
    assert agreements.sides(policy, Agreement.objects.get()) == [agreements.PARTNER]
    client.force_login(policy)
    for url in pages[:2]:
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.get(username="demo-coordinator"))
    assert client.get(pages[2]).status_code == 200


def test_demo_data_is_refused_in_production(settings):
    settings.DEMO_ALLOWED = False
    before = User.objects.count()
    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)
    assert User.objects.count() == before


def test_a_volunteer_read_for_one_request_is_the_volunteer_read_for_a_network(lindeveld):
    """Suggestions read a few volunteers in one statement; global matching and explanations
    read them another way. On the demo's histories (skills, motives, enrolments at several
    organisations, accepted proposals, assignments) both give the rules the same facts."""
    from meedoen.matching import selectors

    network: dict[int, object] = {}
    for organisation in Organisation.objects.all():
        network.update((v.id, v) for v in selectors.planning_facts(organisation)[1])
    shown: dict[int, selectors.Shown] = {}
    live = selectors.live_volunteers(list(network), shown)
    assert live == [network[pk] for pk in sorted(network)]
    assert len(live) > 100
    assert any(v.helped for v in live) and sum(v.assignments_left < 3 for v in live) > 5
    assert sum(bool(v.skills) for v in live) > 5 and any(v.recent_load for v in live)
    people = VolunteerProfile.objects.filter(pk__in=network).values_list(
        "pk", "user__first_name", "user", "area__municipality"
    )
    assert shown == {pk: (first_name, user, home) for pk, first_name, user, home in people}


def test_the_demo_coordinator_accepts_a_routed_request_and_names_the_professional(
    lindeveld, client
):
    coordinator = User.objects.get(username="demo-coordinator")
    routed = HelpRequest.objects.filter(
        status=workflow.ROUTED, organisation__in=coordinator.organisation_ids("coordinator")
    ).first()
    assert routed is not None
    social_worker = User.objects.get(username="professional-centre")
    client.force_login(coordinator)
    page = client.get(reverse("requests:detail", args=[routed.pk])).content.decode()
    assert "Eva Smits" in page  # offered as the professional in charge
    answer = client.post(
        reverse("requests:step", args=[routed.pk]),
        {"step": "accept", "reason": "", "responsible": social_worker.pk},
    )
    assert answer.status_code == 302
    routed.refresh_from_db()
    assert routed.responsible_professional == social_worker
