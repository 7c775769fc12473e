"""Contact points: an organisation with professionals names the member volunteers can turn
to; the volunteers who work there, or help its clients, see the first name, the role and how
to reach them, and nothing else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.cooperation import contact_points
from meedoen.cooperation.tests.factories import ContactPointFactory
from meedoen.engagements.tests.factories import active_request
from meedoen.organisations.models import ContactPoint, Organisation
from meedoen.organisations.tests.factories import (
    AreaFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from meedoen.volunteers.tests.factories import EnrolmentFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def home_care(world):
    organisation = OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg Test",
        type=Organisation.Type.PROFESSIONALS_ONLY,
    )
    manager = UserFactory(municipality=world.municipality)
    MembershipFactory(user=manager, organisation=organisation, role="manager")
    nurse = UserFactory(
        first_name="Petra", last_name="Achternaamvanpetra", email="petra@example.nl"
    )
    MembershipFactory(user=nurse, organisation=organisation, role="professional")
    return organisation, manager, nurse


def test_a_manager_names_the_contact_point_and_a_volunteer_there_sees_only_what_they_need(
    client, world
):
    organisation, manager, nurse = home_care(world)
    client.force_login(manager)
    url = reverse("contact_points:index")
    prefix = f"o{organisation.pk}"
    response = client.post(url, {"organisation": organisation.pk, f"{prefix}-person": nurse.pk})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.content.decode()
    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            f"{prefix}-person": nurse.pk,
            f"{prefix}-role": "wijkverpleegkundige",
            f"{prefix}-reach": "Vraag uw coördinator om contact te leggen.",
        },
    )
    assert response.status_code == 302
    assert ContactPoint.objects.get().person == nurse

    volunteer = UserFactory(municipality=world.municipality)
    EnrolmentFactory.active(
        profile=VolunteerProfileFactory(user=volunteer), organisation=organisation
    )
    client.force_login(volunteer)
    page = client.get(reverse("start:volunteer")).content.decode()
    assert "Petra, wijkverpleegkundige" in page
    assert "Achternaamvanpetra" not in page and "petra@example.nl" not in page


def test_a_volunteer_helping_a_client_of_the_institution_sees_it_on_the_assignment(client, world):
    organisation, manager, nurse = home_care(world)
    contact_points.name(manager, organisation, person=nurse, role="wijkverpleegkundige",
                        reach="Via uw coördinator.")  # fmt: skip
    profile = VolunteerProfileFactory(area=world.area)
    EnrolmentFactory.active(profile=profile, organisation=world.organisation)
    helped = active_request(
        volunteer=profile,
        organisation=world.organisation,
        area=world.area,
        coordinator=world.people["coordinator"],
    )
    helped.responsible_professional = nurse
    helped.save(update_fields=["responsible_professional"])
    assignment = helped.assignments.get()
    client.force_login(profile.user)
    page = client.get(reverse("engagements:assignment", args=[assignment.pk])).content.decode()
    assert "Petra, wijkverpleegkundige" in page
    # The coordinator reading the same page is not shown it: it is for the volunteer.
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("engagements:assignment", args=[assignment.pk])).content.decode()
    assert "Petra, wijkverpleegkundige" not in page
    # A volunteer elsewhere does not see it.
    client.force_login(world.people["volunteer"])
    assert "Petra" not in client.get(reverse("start:volunteer")).content.decode()


def test_only_leaders_of_an_organisation_with_professionals_name_one(world):
    organisation, _manager, nurse = home_care(world)
    assert contact_points.institutions_of(world.people["stranger"]) == []
    with pytest.raises(contact_points.ContactPointRefused):
        contact_points.name(
            world.people["coordinator"], organisation, person=nurse, role="x", reach="y"
        )
    outsider = UserFactory()
    with pytest.raises(contact_points.ContactPointRefused):
        contact_points.name(_manager, organisation, person=outsider, role="x", reach="y")


def test_a_volunteer_finds_the_contact_point_for_their_area_with_one_search(client, world):
    organisation, _manager, nurse = home_care(world)
    lindeveld = AreaFactory(municipality=world.municipality, name="Lindeveld")
    organisation.areas.add(lindeveld)
    contact_points.name(
        _manager, organisation, person=nurse, role="contactpersoon dementie", reach="Via de balie"
    )
    elsewhere = OrganisationFactory(
        municipality=MunicipalityFactory(code="GM0998"), name="Thuiszorg Elders"
    )
    ContactPointFactory(organisation=elsewhere, role="contactpersoon dementie")
    client.force_login(world.people["volunteer"])
    url = reverse("contact_points:find")
    page = client.get(url, {"q": "lindeveld"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Thuiszorg Test" in text and "Petra" in text and "Via de balie" in text
    # Only the first name: no surname, no e-mail address; nothing of another municipality.
    assert "Achternaamvanpetra" not in text and "petra@example.nl" not in text
    assert "Thuiszorg Elders" not in text
    topic = client.get(url, {"q": "dementie"}).content.decode()
    assert "Thuiszorg Test" in topic and "Thuiszorg Elders" not in topic
    nothing = client.get(url, {"q": "Dorp"}).content.decode()
    assert "Thuiszorg Test" not in nothing
    too_long = client.get(url, {"q": "x" * 201})
    assert too_long.status_code == 400
    assert 'aria-invalid="true"' in too_long.content.decode()
    client.force_login(world.people["citizen"])
    assert client.get(url).status_code == 403
