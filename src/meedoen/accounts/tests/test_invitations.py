"""Invitations and organisations set up by their own people: who may invite whom where, a link
that works once, until it expires or is withdrawn, and gives exactly the role it names."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from meedoen import limits
from meedoen.accounts import invitations
from meedoen.accounts.models import Invitation, User
from meedoen.accounts.tests.factories import (
    PASSWORD,
    InvitationFactory,
)
from meedoen.models import OutgoingMail
from meedoen.notifications.models import Kind, Mail, Notification
from meedoen.notifications.services import set_preferences
from meedoen.organisations import services as organisations
from meedoen.organisations.models import Membership
from meedoen.organisations.tests.factories import (
    AreaFactory,
    MunicipalityFactory,
    OrganisationFactory,
)

Roles = Membership.Role


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals are matched on their English text."""
    with translation.override("en"):
        yield


def _link(token: str) -> str:
    return f"https://meedoen.example/accounts/invitation/{token}/"


def _invite(by, organisation, role, email="nieuw@example.nl", **kwargs):
    return invitations.invite(by, organisation, role, email, link_for=_link, **kwargs)


def test_a_policy_officer_invites_a_manager_who_accepts_with_a_new_account(world):
    policy = world.people["policy"]
    invitation, token = _invite(policy, world.other_organisation, Roles.MANAGER, language="en")
    assert token not in invitation.digest and len(invitation.digest) == 64
    mail = OutgoingMail.objects.get()
    assert mail.recipients == ["nieuw@example.nl"] and token in mail.body
    assert "manager of Andere Vrijwilligers" in mail.body  # in the language chosen
    user, membership = invitations.accept_new(token, username="nieuwe", password=PASSWORD)
    assert (membership.organisation, membership.role) == (world.other_organisation, Roles.MANAGER)
    assert user.email == "nieuw@example.nl" and user.municipality == world.municipality
    assert Roles.MANAGER in User.objects.get(pk=user.pk).roles


def test_an_invitation_works_once(world):
    invitation = InvitationFactory(organisation=world.organisation, role=Roles.PROFESSIONAL)
    invitations.accept_new(invitation.token, username="eerste", password=PASSWORD)
    with pytest.raises(invitations.InvitationRefused, match="already been used"):
        invitations.accept_new(invitation.token, username="tweede", password=PASSWORD)
    assert not User.objects.filter(username="tweede").exists()


def test_an_invitation_ends_when_it_expires(world):
    invitation = InvitationFactory(organisation=world.organisation)
    later = timezone.now() + timedelta(days=invitations.LIFETIME_DAYS, hours=1)
    with (
        time_machine.travel(later),
        pytest.raises(invitations.InvitationRefused, match="expired"),
    ):
        invitations.accept_new(invitation.token, username="laat", password=PASSWORD)
    assert not Membership.objects.filter(user__username="laat").exists()


def test_a_withdrawn_invitation_no_longer_works(world):
    coordinator = world.people["coordinator"]
    invitation, token = _invite(coordinator, world.organisation, Roles.PROFESSIONAL)
    invitations.withdraw(coordinator, invitation)
    with pytest.raises(invitations.InvitationRefused, match="withdrawn"):
        invitations.accept_new(token, username="ingetrokken", password=PASSWORD)


def test_an_invitation_gives_only_the_role_and_organisation_it_names(world):
    invitation = InvitationFactory(organisation=world.organisation, role=Roles.PROFESSIONAL)
    user, _membership = invitations.accept_new(invitation.token, username="pro", password=PASSWORD)
    assert list(user.memberships.values_list("organisation", "role")) == [
        (world.organisation.pk, Roles.PROFESSIONAL)
    ]


def test_a_manager_or_coordinator_invites_only_into_their_own_organisation(world):
    coordinator = world.people["coordinator"]
    assert invitations.roles_to_invite(coordinator, world.organisation) == [
        Roles.COORDINATOR,
        Roles.PROFESSIONAL,
        Roles.GUIDE,
    ]
    with pytest.raises(invitations.InvitationRefused):
        _invite(coordinator, world.other_organisation, Roles.COORDINATOR)
    with pytest.raises(invitations.InvitationRefused):
        _invite(coordinator, world.organisation, Roles.MANAGER)
    with pytest.raises(invitations.InvitationRefused):
        _invite(world.people["professional"], world.organisation, Roles.PROFESSIONAL)
    stranger = world.people["stranger"]
    invitation, _token = _invite(coordinator, world.organisation, Roles.PROFESSIONAL)
    with pytest.raises(invitations.InvitationRefused):
        invitations.withdraw(stranger, invitation)
    assert Invitation.objects.get(pk=invitation.pk).withdrawn_at is None


def test_a_policy_officer_invites_only_within_their_municipality(world):
    policy = world.people["policy"]
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory())
    assert invitations.roles_to_invite(policy, elsewhere) == []
    with pytest.raises(invitations.InvitationRefused):
        _invite(policy, elsewhere, Roles.MANAGER)
    with pytest.raises(invitations.InvitationRefused):
        _invite(policy, world.organisation, Roles.PROFESSIONAL)
    with pytest.raises(organisations.OrganisationRefused):
        organisations.add_organisation(
            policy,
            municipality_id=elsewhere.municipality_id,
            details={"name": "Buiten", "type": 1, "sector": "welfare"},
        )


def test_an_existing_account_signs_in_and_accepts_only_with_the_invited_address(world):
    volunteer = world.people["volunteer"]
    volunteer.email = "vrijwilliger@example.nl"
    volunteer.save()
    invitation = InvitationFactory(
        organisation=world.organisation, role=Roles.COORDINATOR, email="Vrijwilliger@example.nl"
    )
    assert invitations.existing_account(invitation) == volunteer
    with pytest.raises(invitations.InvitationRefused, match="Sign in"):
        invitations.accept_new(invitation.token, username="dubbel", password=PASSWORD)
    with pytest.raises(invitations.InvitationRefused, match="another e-mail"):
        invitations.accept(invitation.token, world.people["citizen"])
    invitations.accept(invitation.token, volunteer)
    assert Roles.COORDINATOR in User.objects.get(pk=volunteer.pk).roles


def test_an_existing_account_also_finds_the_invitation_among_their_notifications(client, world):
    volunteer = world.people["volunteer"]
    volunteer.email = "vrijwilliger@example.nl"
    volunteer.save()
    _invitation, token = _invite(
        world.people["coordinator"],
        world.organisation,
        Roles.PROFESSIONAL,
        "Vrijwilliger@example.nl",
    )
    (told,) = Notification.objects.filter(kind=Kind.INVITATION)
    assert told.person == volunteer
    assert told.link == reverse("accounts:invitation", args=[token])
    assert "Onze Vrijwilligers" in told.text_nl and "Onze Vrijwilligers" in told.text_en
    # One e-mail, with the link, as the default for invitations (at once) wants it.
    (mail,) = OutgoingMail.objects.all()
    assert mail.recipients == ["vrijwilliger@example.nl"] and token in mail.body
    # Opening it leads to the page to accept, which works only for this account.
    client.force_login(volunteer)
    page = client.get(reverse("notifications:open", args=[told.pk]), follow=True)
    assert page.status_code == 200
    client.post(told.link)
    assert Roles.PROFESSIONAL in User.objects.get(pk=volunteer.pk).roles


def test_an_invitation_respects_never_and_a_new_address_only_gets_the_mail(world):
    volunteer = world.people["volunteer"]
    volunteer.email = "vrijwilliger@example.nl"
    volunteer.save()
    set_preferences(volunteer, {Kind.INVITATION: Mail.NEVER}, "nl")
    _invite(world.people["coordinator"], world.organisation, Roles.GUIDE, "vrijwilliger@example.nl")
    assert Notification.objects.get(kind=Kind.INVITATION).person == volunteer
    assert not OutgoingMail.objects.exists()

    _invite(world.people["coordinator"], world.organisation, Roles.GUIDE, "nieuw@example.nl")
    assert Notification.objects.filter(kind=Kind.INVITATION).count() == 1
    assert OutgoingMail.objects.get().recipients == ["nieuw@example.nl"]


def test_an_ended_membership_is_given_back_by_a_new_invitation(world):
    coordinator = world.people["coordinator"]
    membership = Membership.objects.get(user=world.people["professional"])
    organisations.end_membership(coordinator, membership, may_end=True)
    assert Roles.PROFESSIONAL not in User.objects.get(pk=membership.user_id).roles
    with pytest.raises(organisations.OrganisationRefused):
        organisations.end_membership(
            coordinator, Membership.objects.get(user=coordinator), may_end=True
        )


def test_invitations_are_limited_per_inviter(world, settings):
    coordinator = world.people["coordinator"]
    for n in range(limits.INVITATIONS.limit):
        _invite(coordinator, world.organisation, Roles.PROFESSIONAL, f"p{n}@example.nl")
    with pytest.raises(invitations.InvitationRefused, match="many invitations"):
        _invite(coordinator, world.organisation, Roles.PROFESSIONAL, "meer@example.nl")
    _invite(world.people["policy"], world.organisation, Roles.MANAGER)  # another inviter


def test_the_audit_log_records_invitations_without_the_address(world):
    invitation, _token = _invite(world.people["policy"], world.other_organisation, Roles.MANAGER)
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Invitation), object_pk=str(invitation.pk)
    )
    assert "nieuw@example.nl" not in str(entry.changes) and "digest" not in entry.changes
    assert entry.additional_data["municipality"] == world.municipality.pk


def test_the_desk_adds_an_organisation_to_its_network_and_takes_it_out(world):
    desk = world.people["desk"]
    added = organisations.add_organisation(
        desk,
        municipality_id=world.municipality.pk,
        details={"name": "Buurtkracht", "type": 1, "sector": "village_cooperative"},
        areas=[world.other_area],
        in_network=True,
    )
    assert world.network.members.filter(pk=added.pk).exists()
    organisations.set_network_member(desk, world.network, added, False)
    assert not world.network.members.filter(pk=added.pk).exists()
    with pytest.raises(organisations.OrganisationRefused):
        organisations.set_network_member(world.people["coordinator"], world.network, added, True)


def test_the_invitation_page_accepts_once_and_leads_staff_to_two_factor(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    invitation = InvitationFactory(organisation=world.organisation, role=Roles.COORDINATOR)
    url = reverse("accounts:invitation", args=[invitation.token])
    assert client.get(url).status_code == 200
    bad = {"username": "nieuw", "password1": PASSWORD, "password2": "anders-en-lang-genoeg"}
    response = client.post(url, bad)
    assert response.status_code == 400 and b'aria-invalid="true"' in response.content
    good = {**bad, "password2": PASSWORD}
    response = client.post(url, good)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    client.logout()
    assert client.get(url).status_code == 410
    assert client.post(url, {**good, "username": "nog-een"}).status_code == 410
    assert client.get(reverse("accounts:invitation", args=["nothing"])).status_code == 404


def test_a_coordinator_keeps_their_organisations_details(world, client):
    client.force_login(world.people["coordinator"])
    url = reverse("accounts:organisation", args=[world.organisation.pk])
    data = {
        "form": "details",
        "details-type": 2,
        "details-sector": "welfare",
        "details-email": "",
        "details-phone": "010",
        "details-volunteer_care_level": 1,
        "details-areas": [world.area.pk],
    }
    assert client.post(url, data).status_code == 302
    world.organisation.refresh_from_db()
    assert world.organisation.phone == "010" and world.organisation.type == 2
    other = reverse("accounts:organisation", args=[world.other_organisation.pk])
    assert client.get(other).status_code == 404


def test_the_policy_officer_limits_how_far_organisations_open_care_to_volunteers(world, client):
    """Lowering the municipality's limit brings back every organisation that went further,
    names them, and leaves other municipalities alone; a coordinator cannot set it."""
    world.organisation.volunteer_care_level = 3
    world.organisation.save()
    elsewhere = OrganisationFactory(
        municipality=MunicipalityFactory(code="GM9999"), volunteer_care_level=3
    )
    url = reverse("accounts:boundary_limit", args=[world.municipality.pk])
    field = f"limit-{world.municipality.pk}-widest_volunteer_care_level"

    client.force_login(world.people["coordinator"])
    assert client.post(url, {field: 1}).status_code == 403
    client.force_login(world.people["policy"])
    page = client.get(reverse("accounts:organisations"))
    assert "Hoe ver vrijwilligers mogen gaan" in page.content.decode()
    assert (
        client.post(
            reverse("accounts:boundary_limit", args=[elsewhere.municipality_id]), {field: 1}
        ).status_code
        == 404
    )

    response = client.post(url, {field: 1}, follow=True)
    assert world.organisation.name in response.content.decode()
    world.municipality.refresh_from_db()
    world.organisation.refresh_from_db()
    elsewhere.refresh_from_db()
    assert world.municipality.widest_volunteer_care_level == 1
    assert world.organisation.volunteer_care_level == 1
    assert elsewhere.volunteer_care_level == 3
    entry = LogEntry.objects.get_for_object(world.organisation).latest("timestamp")
    assert entry.actor == world.people["policy"]

    # The organisation's own form now offers nothing beyond the limit, and the service
    # refuses it, with the municipality's name in the reason.
    client.force_login(world.people["coordinator"])
    own = client.get(reverse("accounts:organisation", args=[world.organisation.pk]))
    assert 'name="details-volunteer_care_level" value="3"' not in own.content.decode()
    with pytest.raises(ValidationError) as refused:
        organisations.update_organisation(
            world.people["coordinator"],
            world.organisation,
            details={"volunteer_care_level": 3},
            areas=[],
        )
    assert world.municipality.name in str(refused.value)
    with pytest.raises(organisations.OrganisationRefused):
        organisations.set_boundary_limit(world.people["coordinator"], world.municipality, 3)


def test_the_policy_officer_keeps_the_areas_of_their_municipality(world, client):
    """Added and changed in Dutch notation, the name unique within the municipality, and
    nobody else's areas reachable."""
    client.force_login(world.people["policy"])
    url = reverse("accounts:areas")
    data = {
        "area-name": "Oosterhoek",
        "area-kind": "village",
        "area-latitude": "52,4",
        "area-longitude": "4,9",
        "area-postcodes": "1234",
        "area-population": "1250",
        "area-population_year": "2025",
    }
    with translation.override("nl"):
        assert client.post(url, data).status_code == 302
    added = world.municipality.areas.get(name="Oosterhoek")
    assert (str(added.latitude), added.population) == ("52.40000", 1250)

    again = client.post(url, data | {"area-name": "oosterhoek "})
    assert again.status_code == 400
    assert 'value="oosterhoek "' in again.content.decode()  # what was typed stays
    assert world.municipality.areas.filter(name__iexact="oosterhoek").count() == 1

    edit = reverse("accounts:area", args=[added.pk])
    assert client.post(edit, data | {"area-population": "1300"}).status_code == 302
    added.refresh_from_db()
    assert added.population == 1300

    elsewhere = AreaFactory(municipality=MunicipalityFactory(code="GM9998"))
    assert client.get(reverse("accounts:area", args=[elsewhere.pk])).status_code == 404
    client.force_login(world.people["coordinator"])
    assert client.get(url).status_code == 403
    with pytest.raises(organisations.OrganisationRefused):
        organisations.keep_area(world.people["coordinator"], added, {"population": 1})
