"""Referrals received by a professional organisation: its inbox, accept or return, who sees
the answer, and the report of a referral not answered in time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.catalogue.models import Activity
from meedoen.models import OutgoingMail
from meedoen.notify import deliver_due
from meedoen.organisations.models import Organisation
from meedoen.organisations.tests.factories import OrganisationFactory
from meedoen.requests import referrals, services
from meedoen.requests.tests.factories import HelpRequestFactory, ProfessionalReferralFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def homecare(world):
    return OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg",
        type=Organisation.Type.PROFESSIONALS_ONLY,
        sector="home_care",
        email="",
    )


@pytest.fixture
def nurse(world, homecare):
    user = UserFactory(
        username="wijkverpleegkundige", first_name="Sanne", email="sanne@thuiszorg.example"
    )
    MembershipFactory(user=user, organisation=homecare, role="professional")
    return user


def split_request(world, homecare, **fields):
    help_request = HelpRequestFactory.in_intake(
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        source="carer",
        first_name="Jo",
        contact_email="jo@example.nl",
        activities=list(Activity.objects.filter(code__in=["visiting", "washing"])),
        **fields,
    )
    return services.split_and_refer(
        help_request.pk, world.people["coordinator"], organisation=homecare, note="Douchen"
    )


def test_the_receiving_professional_is_told_and_accepts_and_everyone_sees_it(
    client, world, homecare, nurse, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = split_request(world, homecare)
    assert referral.status == referrals.WAITING
    deliver_due()
    assert any("sanne@thuiszorg.example" in m.to for m in mail.outbox)

    client.force_login(nurse)
    # The old address of the inbox leads to the one inbox of everything received.
    inbox = client.get(reverse("requests:inbox"), follow=True)
    assert inbox.redirect_chain == [("/received/", 301)]
    assert referral.help_request.reference in inbox.content.decode()
    assert "Jo (" in inbox.content.decode()
    page = client.get(reverse("requests:received", args=[referral.pk]))
    assert page.status_code == 200 and "Douchen" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("requests:accept_referral", args=[referral.pk]), {"professional": nurse.pk}
        )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == referrals.ACCEPTED
    assert (referral.responsible_professional, referral.answered_by) == (nurse, nurse)
    step = referral.help_request.transitions.get(name="referral_accepted")
    assert step.actor == nurse and step.organisation == homecare

    # The coordinator who split it sees the answer on the request; the person who asked too.
    client.force_login(world.people["coordinator"])
    detail = client.get(reverse("requests:detail", args=[referral.help_request_id]))
    # Who took it on: their first name and organisation, no more.
    assert "Antwoord: aangenomen (Sanne van Thuiszorg)" in detail.content.decode()
    assert referral.plain_status.startswith("Thuiszorg heeft dit deel van uw vraag aangenomen")
    mail.outbox.clear()
    deliver_due()
    assert any("jo@example.nl" in m.to for m in mail.outbox)


def test_returning_needs_a_reason_and_keeps_what_was_typed(client, world, homecare, nurse):
    referral = split_request(world, homecare)
    client.force_login(nurse)
    response = client.post(reverse("requests:return_referral", args=[referral.pk]), {"reason": ""})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.content.decode()
    response = client.post(
        reverse("requests:return_referral", args=[referral.pk]), {"reason": "Geen plek"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == referrals.RETURNED and referral.answer_reason == "Geen plek"
    with pytest.raises(services.RequestError):
        services.accept_referral(referral.pk, nurse, professional=nurse)


def test_only_the_receiving_organisation_sees_and_answers(client, world, homecare, nurse):
    referral = split_request(world, homecare)
    for outsider in (world.people["coordinator"], world.people["professional"]):
        with pytest.raises(services.RequestError):
            services.accept_referral(referral.pk, outsider, professional=nurse)
        client.force_login(outsider)
        assert client.get(reverse("requests:received", args=[referral.pk])).status_code == 404
        assert (
            referral.help_request.reference
            not in client.get(reverse("requests:inbox"), follow=True).content.decode()
        )
    client.force_login(world.people["citizen"])
    assert client.get(reverse("requests:inbox"), follow=True).status_code == 403
    # A professional of another organisation cannot be named responsible.
    with pytest.raises(services.RequestError):
        services.accept_referral(referral.pk, nurse, professional=world.people["professional"])


def test_a_referral_not_answered_in_five_working_days_is_reported_once(
    world, homecare, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2026, 3, 6, 10, 0, tzinfo=AMSTERDAM), tick=False):
        referral = split_request(world, homecare)  # a Friday
    OutgoingMail.objects.all().delete()
    for who in ("coordinator", "desk"):
        world.people[who].email = f"{who}@example.nl"
        world.people[who].save()
    with time_machine.travel(datetime(2026, 3, 12, 10, 0, tzinfo=AMSTERDAM), tick=False):
        assert services.flag_overdue_referrals() == 0  # Thursday: four working days
    with time_machine.travel(datetime(2026, 3, 13, 10, 1, tzinfo=AMSTERDAM), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.flag_overdue_referrals() == 1
        assert services.flag_overdue_referrals() == 0
    referral.refresh_from_db()
    assert referral.overdue_flagged_at is not None
    assert referral.help_request.transitions.filter(name="referral_overdue").exists()
    told = {r for m in OutgoingMail.objects.all() for r in m.recipients}
    assert {"coordinator@example.nl", "desk@example.nl"} <= told


def test_an_answered_referral_is_not_reported(world, homecare, nurse):
    referral = split_request(world, homecare)
    services.accept_referral(referral.pk, nurse, professional=nurse)
    with time_machine.travel(timedelta(days=30)):
        assert services.flag_overdue_referrals() == 0


def test_the_factory_makes_a_waiting_referral(world):
    referral = ProfessionalReferralFactory()
    assert referral.is_waiting and referral.organisation.is_professional


def test_the_api_lists_the_referrals_an_organisation_received_and_no_others(world, homecare, nurse):
    from rest_framework.test import APIClient

    referral = split_request(world, homecare)
    client = APIClient()
    client.force_authenticate(nurse)
    listed = client.get("/api/v1/referrals").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [(r["id"], r["reference"], r["status"]) for r in rows] == [
        (referral.pk, referral.help_request.reference, "waiting")
    ]
    client.force_authenticate(world.people["professional"])
    listed = client.get("/api/v1/referrals").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows == []
    assert client.get(f"/api/v1/referrals/{referral.pk}").status_code == 404


def test_the_note_and_the_reason_keep_the_language_they_were_written_in(
    client, world, homecare, nurse
):
    from django.utils import translation

    help_request = HelpRequestFactory.in_intake(
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        activities=list(Activity.objects.filter(code__in=["visiting", "washing"])),
    )
    with translation.override("en"):
        referral = services.split_and_refer(
            help_request.pk,
            world.people["coordinator"],
            organisation=homecare,
            note="She prefers mornings.",
        )
    with translation.override("nl"):
        services.return_referral(referral.pk, nurse, "Geen plek deze maand.")
    referral.refresh_from_db()
    assert (referral.language, referral.answer_language) == ("en", "nl")
    client.force_login(nurse)
    page = client.get(reverse("requests:received", args=[referral.pk])).content.decode()
    assert '<dd lang="en">She prefers mornings.</dd>' in page
    assert "Reden: Geen plek deze maand." in page  # Dutch on a Dutch page: no mark
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("requests:received", args=[referral.pk])).content.decode()
    assert "<dd>She prefers mornings.</dd>" in page
    assert 'Reason: <span lang="nl">Geen plek deze maand.</span>' in page
