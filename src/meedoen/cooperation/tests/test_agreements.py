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


def _change(agreement, **fields):
    data = {
        "title": agreement.title,
        "volunteer_tasks": agreement.volunteer_tasks,
        "professional_tasks": agreement.professional_tasks,
        "contact_here": agreement.contact_here,
        "contact_partner": agreement.contact_partner,
        "escalation": agreement.escalation,
        "review_on": agreement.review_on.isoformat(),
    }
    return {**data, **fields}


def test_a_coordinator_of_a_party_changes_the_agreement_and_both_sides_confirm_again(client, world):
    from auditlog.models import LogEntry

    agreement = AgreementFactory(organisation=world.organisation, partner=world.other_organisation)
    agreements.confirm(manager_of(world.organisation), agreement, agreements.HERE)
    url = reverse("agreements:edit", args=[agreement.pk])
    client.force_login(world.people["stranger"])  # the partner's coordinator
    page = client.get(url)
    assert page.status_code == 200 and agreement.title in page.content.decode()
    # What was typed stays when something is wrong, and the field says so.
    wrong = client.post(url, _change(agreement, title="Nieuwe naam", volunteer_tasks=""))
    assert wrong.status_code == 400
    text = wrong.content.decode()
    assert 'value="Nieuwe naam"' in text and 'aria-invalid="true"' in text
    # A phone number in a contact field is refused: a first name and a role are enough.
    phone = client.post(url, _change(agreement, contact_partner="Peter, 06 1234 5678"))
    assert phone.status_code == 400 and 'value="Peter, 06 1234 5678"' in phone.content.decode()
    done = client.post(url, _change(agreement, title="Nieuwe naam"))
    assert done.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Nieuwe naam"
    assert agreement.confirmed_here_at is None and agreement.confirmed_partner_at is None
    entry = LogEntry.objects.get_for_object(agreement).filter(actor=world.people["stranger"])
    assert entry.exists()
    assert "Nieuwe naam" not in str(entry.first().changes)
    # Readers who are no party's coordinator or manager do not change it.
    client.force_login(world.people["policy"])
    assert client.get(url).status_code == 403
    client.force_login(world.people["desk"])
    assert client.get(url).status_code == 404
    with pytest.raises(agreements.AgreementRefused):
        agreements.amend(world.people["desk"], agreement, title="x")


def test_erasing_a_person_removes_them_from_the_agreements_that_name_them(world):
    from meedoen.accounts import rights
    from meedoen.cooperation.tests.factories import ContactPointFactory

    anja = UserFactory(first_name="Anja", last_name="Bakkerman", email="anja@example.nl")
    MembershipFactory(user=anja, organisation=world.organisation, role="coordinator")
    named = AgreementFactory(
        organisation=world.organisation,
        contact_here="Anja Bakkerman, coördinator vrijwilligers",
        contact_partner="Peter, wijkverpleegkundige",
        escalation="Eerst anja, dan de manager",
    )
    other = AgreementFactory(
        organisation=OrganisationFactory(municipality=MunicipalityFactory(code="GM0996")),
        contact_here="Anja, coördinator",
    )
    point = ContactPointFactory(organisation=world.organisation, person=anja)
    rights.erase_person(anja.pk, anja)
    named.refresh_from_db()
    assert "Anja" not in named.contact_here and "Bakkerman" not in named.contact_here
    assert named.contact_here == "—, coördinator vrijwilligers"
    assert named.contact_partner == "Peter, wijkverpleegkundige"
    assert "anja" not in named.escalation.lower()
    # Another organisation's Anja is someone else.
    other.refresh_from_db()
    assert other.contact_here == "Anja, coördinator"
    from meedoen.organisations.models import ContactPoint

    assert not ContactPoint.objects.filter(pk=point.pk).exists()
    # A new agreement cannot keep private details in the first place.
    with pytest.raises(agreements.AgreementRefused):
        agreements.draft(
            manager_of(world.organisation),
            world.organisation,
            partner=None,
            title="Bezoek",
            volunteer_tasks="Bezoeken",
            professional_tasks="Zorg",
            contact_here="Anja, anja@example.nl",
            contact_partner="Peter",
            escalation="Eerst Anja",
            review_on=timezone.localdate() + timedelta(days=30),
        )


def test_the_parties_are_reminded_once_before_the_review_date(world):
    from meedoen.cooperation import jobs
    from meedoen.models import OutgoingMail

    for name in ("coordinator", "policy", "stranger"):
        world.people[name].email = f"{name}@example.nl"
        world.people[name].save()
    today = timezone.localdate()
    agreement = AgreementFactory(
        organisation=world.organisation, review_on=today + timedelta(days=20)
    )
    later = AgreementFactory(organisation=world.organisation, review_on=today + timedelta(days=90))
    draft = AgreementFactory(organisation=world.organisation, review_on=today + timedelta(days=5))
    for confirmed in (agreement, later):
        Agreement.objects.filter(pk=confirmed.pk).update(
            confirmed_here_at=timezone.now(), confirmed_partner_at=timezone.now()
        )
    assert jobs.remind_agreement_reviews() == 1
    mails = list(OutgoingMail.objects.all())
    recipients = {address for mail in mails for address in mail.recipients}
    # Our coordinator and the municipality's policy officer (the municipality is the partner).
    assert recipients == {"coordinator@example.nl", "policy@example.nl"}
    assert all(agreement.title in mail.subject for mail in mails)
    assert all(later.title not in mail.body and draft.title not in mail.body for mail in mails)
    # Once per review date.
    assert jobs.remind_agreement_reviews() == 0
    assert OutgoingMail.objects.count() == len(mails)
    # A new review date is reminded again when it comes near.
    Agreement.objects.filter(pk=agreement.pk).update(review_on=today + timedelta(days=10))
    assert agreements.remind_before_review() == 1


def test_an_agreement_written_in_english_is_marked_on_the_dutch_pages(client, world):
    from django.utils import translation

    manager = manager_of(world.organisation)
    with translation.override("en"):
        agreement = agreements.draft(
            manager,
            world.organisation,
            partner=None,
            title="Visits",
            volunteer_tasks="Weekly visits",
            professional_tasks="Care at home",
            contact_here="Anja",
            contact_partner="Peter",
            escalation="First Anja",
            review_on=timezone.localdate() + timedelta(days=30),
        )
    assert agreement.language == "en"
    client.force_login(manager)
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert '<h1 class="utrecht-heading-1" lang="en">Visits</h1>' in page
    assert '<p class="utrecht-paragraph" lang="en">Weekly visits</p>' in page
