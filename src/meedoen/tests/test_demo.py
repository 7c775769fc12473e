"""The demo municipality: what the README promises a newcomer."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from meedoen.accounts.models import User
from meedoen.organisations.models import Area, Network, Organisation
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = {
    "demo-citizen",
    "demo-carer",
    "demo-volunteer",
    "demo-professional",
    "demo-coordinator",
    "demo-desk",
    "demo-policy",
    "demo-admin",
    "demo-manager",
    "demo-homecare",
}


def test_demo_data_is_complete_and_loading_twice_changes_nothing(settings):
    call_command("load_demo", verbosity=0)
    counts = (
        User.objects.count(),
        Organisation.objects.count(),
        HelpRequest.objects.count(),
        VolunteerProfile.objects.count(),
    )
    call_command("load_demo", verbosity=0)
    assert counts == (
        User.objects.count(),
        Organisation.objects.count(),
        HelpRequest.objects.count(),
        VolunteerProfile.objects.count(),
    )

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
    assert set(HelpRequest.objects.values_list("status", flat=True)) == set(
        HelpRequest.Status.values
    )


def test_demo_engagement_gives_every_role_something_to_see(client):
    from meedoen.engagements.models import Assignment, Concern, Handover, HoursEntry
    from meedoen.engagements.services import credits

    call_command("load_demo", verbosity=0)
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
        ],
        "demo-coordinator": ["/engagement/", "/guidance/", "/handovers/", "/concerns/"],
        "demo-manager": ["/concerns/"],
        "demo-homecare": ["/handovers/"],
    }
    for username, urls in pages.items():
        client.force_login(User.objects.get(username=username))
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)


def test_demo_data_is_refused_in_production(settings):
    settings.DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)
    assert not User.objects.exists()
