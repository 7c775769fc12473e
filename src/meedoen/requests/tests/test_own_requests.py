"""A signed-in person follows their own request; a professional follows their referral."""

from __future__ import annotations

from django.urls import reverse

from meedoen.accounts.tests.factories import UserFactory
from meedoen.requests.tests.factories import HelpRequestFactory


def test_a_citizen_opens_their_request_from_the_start_page_and_adds_information(client, world):
    own = HelpRequestFactory(
        organisation=world.organisation, area=world.area, requester=world.people["citizen"]
    )
    client.force_login(world.people["citizen"])
    start = client.get(reverse("start:citizen")).content.decode()
    assert reverse("requests:mine", args=[own.pk]) in start
    page = client.get(reverse("requests:mine", args=[own.pk])).content.decode()
    assert own.plain_status in page or "coördinator" in page
    response = client.post(reverse("requests:mine_add", args=[own.pk]), {"text": ""})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.content.decode()
    response = client.post(
        reverse("requests:mine_add", args=[own.pk]), {"text": "Ik ben maandag thuis"}
    )
    assert response.status_code == 302
    note = own.notes.get()
    assert note.from_requester and note.author == world.people["citizen"]
    assert (
        "Ik ben maandag thuis"
        in client.get(reverse("requests:mine", args=[own.pk])).content.decode()
    )


def test_nobody_else_opens_it(client, world):
    own = HelpRequestFactory(
        organisation=world.organisation, area=world.area, requester=world.people["citizen"]
    )
    other = UserFactory(username="buurman")
    HelpRequestFactory(organisation=world.organisation, area=world.area, requester=other)
    for person in (other, world.people["carer"], world.people["professional"]):
        client.force_login(person)
        assert client.get(reverse("requests:mine", args=[own.pk])).status_code in (403, 404)


def test_a_professional_opens_their_referral_from_the_start_page(client, world):
    professional = world.people["professional"]
    referred = HelpRequestFactory(
        organisation=world.organisation,
        area=world.area,
        source="professional",
        referred_by=professional,
        first_name="Henk",
    )
    client.force_login(professional)
    start = client.get(reverse("start:professional")).content.decode()
    assert reverse("requests:mine", args=[referred.pk]) in start
    page = client.get(reverse("requests:mine", args=[referred.pk])).content.decode()
    assert "Henk" in page and referred.reference in page
    # Requests they did not refer stay closed to them.
    other = HelpRequestFactory(organisation=world.organisation, area=world.area)
    assert client.get(reverse("requests:mine", args=[other.pk])).status_code == 404
