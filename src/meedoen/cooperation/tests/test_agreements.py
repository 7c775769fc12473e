"""Cooperation agreements: a manager drafts one with a partner, each side's manager (the
municipality's policy officer) confirms, the agreed tasks go into the task-division register,
and the start page reminds when the date to look at it again has passed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.catalogue.models import Activity
from meedoen.cooperation import agreements
from meedoen.cooperation.models import Agreement
from meedoen.cooperation.tests.factories import AgreementFactory
from meedoen.organisations.models import TaskDivision
from meedoen.organisations.tests.factories import MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def manager_of(organisation):
    user = UserFactory(municipality=organisation.municipality)
    MembershipFactory(user=user, organisation=organisation, role="manager")
    return user


def test_a_manager_drafts_both_sides_confirm_and_the_register_follows(client, world):
    ours, theirs = manager_of(world.organisation), manager_of(world.other_organisation)
    visiting = Activity.objects.get(code="visiting")
    washing = Activity.objects.get(code="washing")
    client.force_login(ours)
    new = reverse("agreements:new")
    response = client.post(new, {"organisation": world.organisation.pk, "title": "Bezoek"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    data = {
        "organisation": world.organisation.pk,
        "partner": world.other_organisation.pk,
        "title": "Bezoek aan cliënten",
        "volunteer_tasks": "Bezoeken",
        "professional_tasks": "Wassen",
        "volunteer_activities": [visiting.pk, washing.pk],
        "contact_here": "Anja, coördinator",
        "contact_partner": "Peter, wijkverpleegkundige",
        "escalation": "Eerst Anja, dan de manager",
        "review_on": (timezone.localdate() + timedelta(days=365)).isoformat(),
    }
    # Washing is formal care: volunteers cannot be given it.
    response = client.post(new, data)
    assert response.status_code == 400 and "beroepskrachten" in response.content.decode()
    data["volunteer_activities"] = [visiting.pk]
    data["professional_activities"] = [washing.pk]
    response = client.post(new, data)
    agreement = Agreement.objects.get()
    assert response.url == reverse("agreements:detail", args=[agreement.pk])
    page = client.get(response.url).content.decode()
    assert "paragraaf 3.4.3" in page and "Concept:" in page
    confirm = reverse("agreements:confirm", args=[agreement.pk])
    # One side cannot confirm for the other.
    client.post(confirm, {"side": "partner"})
    client.post(confirm, {"side": "here"})
    agreement.refresh_from_db()
    assert agreement.confirmed_here_by == ours and agreement.confirmed_partner_at is None
    assert not TaskDivision.objects.filter(organisation=world.organisation).exists()
    client.force_login(theirs)
    client.post(confirm, {"side": "partner"})
    agreement.refresh_from_db()
    assert agreement.is_confirmed
    division = dict(
        TaskDivision.objects.filter(organisation=world.organisation).values_list(
            "activity__code", "done_by"
        )
    )
    assert division == {"visiting": "volunteers", "washing": "professionals"}


def test_the_municipality_confirms_through_its_policy_officer(world):
    agreement = AgreementFactory(organisation=world.organisation)
    assert agreements.sides(world.people["policy"], agreement) == [agreements.PARTNER]
    assert agreements.sides(world.people["coordinator"], agreement) == []
    with pytest.raises(agreements.AgreementRefused):
        agreements.confirm(world.people["coordinator"], agreement, agreements.HERE)


def test_each_role_sees_only_the_agreements_of_its_sides(client, world):
    agreement = AgreementFactory(organisation=world.organisation)
    elsewhere = AgreementFactory(
        organisation=OrganisationFactory(municipality=MunicipalityFactory())
    )
    detail = reverse("agreements:detail", args=[agreement.pk])
    for name in ("coordinator", "policy"):
        client.force_login(world.people[name])
        assert client.get(detail).status_code == 200, name
        assert client.get(reverse("agreements:detail", args=[elsewhere.pk])).status_code == 404
    client.force_login(world.people["stranger"])
    assert client.get(detail).status_code == 404
    for name in ("volunteer", "professional", "citizen"):
        client.force_login(world.people[name])
        assert client.get(detail).status_code == 403, name


def test_the_start_page_reminds_when_the_review_date_has_passed(client, world):
    manager = manager_of(world.organisation)
    agreement = AgreementFactory(organisation=world.organisation)
    agreements.confirm(manager, agreement, agreements.HERE)
    agreements.confirm(world.people["policy"], agreement, agreements.PARTNER)
    client.force_login(manager)
    reminder = "tijd om er opnieuw naar te kijken"
    assert reminder not in client.get(reverse("start:manager")).content.decode()
    Agreement.objects.filter(pk=agreement.pk).update(review_on=timezone.localdate())
    assert reminder in client.get(reverse("start:manager")).content.decode()
