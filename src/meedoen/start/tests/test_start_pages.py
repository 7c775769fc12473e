"""Start pages: what a volunteer with a planned intake or a due check-in and a manager see;
the sectors a policy officer may choose for a new organisation."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.engagements.tests.factories import AssignmentFactory, CheckInFactory, ConcernFactory
from meedoen.organisations.models import Organisation
from meedoen.volunteers.models import Enrolment

pytestmark = pytest.mark.django_db


def test_a_planned_intake_shows_its_day_and_time_in_dutch(client, world):
    volunteer = world.people["volunteer"]
    enrolment = Enrolment.objects.get(profile__user=volunteer)
    enrolment.status = Enrolment.Status.INTAKE_PLANNED
    enrolment.intake_at = datetime(2026, 12, 1, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    enrolment.save()
    client.force_login(volunteer)
    page = client.get(reverse("start:volunteer"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "op dinsdag 1 december 2026 om 14.00 uur" in page


def test_tell_us_leads_to_the_form_of_the_due_check_in(client):
    assignment = AssignmentFactory()
    check_in = CheckInFactory(assignment=assignment)
    check_in.due_on = check_in.due_on.replace(year=2020)
    check_in.save()
    client.force_login(assignment.profile.user)
    page = client.get(reverse("start:volunteer")).content.decode()
    target = reverse("engagements:assignment", args=[assignment.pk]) + f"#check-in-{check_in.pk}"
    assert f'href="{target}"' in page
    form_page = client.get(reverse("engagements:assignment", args=[assignment.pk]))
    assert f'id="check-in-{check_in.pk}"' in form_page.content.decode()
    assert 'name="action" value="check_in"' in form_page.content.decode()


def test_a_manager_starts_with_the_concerns_escalated_in_their_organisation(client):
    escalated = ConcernFactory.escalated()
    not_yet = ConcernFactory()  # still with the team of its own organisation
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, organisation=escalated.organisation, role="manager")
    elsewhere = ConcernFactory.escalated()
    assert elsewhere.organisation != escalated.organisation
    client.force_login(manager)
    assert client.get(reverse("start:index")).url == reverse("start:manager")
    page = client.get(reverse("start:manager"))
    assert page.status_code == 200
    text = page.content.decode()
    assert reverse("engagements:concern", args=[escalated.pk]) in text
    assert reverse("engagements:concern", args=[elsewhere.pk]) not in text
    assert reverse("engagements:concern", args=[not_yet.pk]) not in text
    assert "coördineert nog geen" not in text


def test_a_coordinator_cannot_open_the_managers_start_page(client, world):
    client.force_login(world.people["coordinator"])
    assert client.get(reverse("start:manager")).status_code == 403


@pytest.mark.parametrize(
    ("sector", "label"),
    [
        ("terminal_care", "palliatieve terminale zorg (VPTZ)"),
        ("visiting_service", "bezoekdienst"),
    ],
)
def test_a_policy_officer_adds_a_terminal_care_or_visiting_service(client, world, sector, label):
    client.force_login(world.people["policy"])
    url = reverse("accounts:organisations")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f'<option value="{sector}">{label}</option>' in page
    added = client.post(
        url,
        {
            "municipality": world.municipality.pk,
            "name": "VPTZ en bezoek Teststad",
            "type": 1,
            "sector": sector,
            "email": "",
            "phone": "",
        },
    )
    assert added.status_code == 302
    assert Organisation.objects.get(name="VPTZ en bezoek Teststad").sector == sector
