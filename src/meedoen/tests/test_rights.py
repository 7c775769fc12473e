"""The rights of the person: export, correction and erasure, and retention of people.

A marker is planted in every personal field of a volunteer (with an ended assignment, hours,
check-ins, a concern, time credits, an application, a guidance session, a token, a session,
mail waiting) and of a citizen with a closed request; after erasure no column of any table
holds it, while the figures the municipality sees are the same as before.
"""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from axes.models import AccessLog
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meedoen import availability, notify, personal_data
from meedoen.accounts import jobs as account_jobs
from meedoen.accounts import rights
from meedoen.accounts.tests.factories import ApiTokenFactory, UserFactory
from meedoen.cooperation import framework as cooperation_framework
from meedoen.cooperation import services as cooperation_services
from meedoen.cooperation.models import Participant
from meedoen.cooperation.tests.factories import AssessmentFactory, agreeing_with
from meedoen.engagements.models import (
    Assignment,
    CheckIn,
    CreditAccount,
    CreditEntry,
    HoursEntry,
)
from meedoen.engagements.services import assignments as assignment_services
from meedoen.engagements.services import check_ins, concerns, credits, guidance
from meedoen.engagements.tests.factories import active_request
from meedoen.insights.selectors import area_overview
from meedoen.matching.models import MatchProposal
from meedoen.requests import services as request_services
from meedoen.requests.models import HelpRequest
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.tests.test_privacy import tables_holding
from meedoen.volunteers import services as volunteer_services
from meedoen.volunteers.models import VolunteerProfile
from meedoen.volunteers.tests.factories import (
    ApplicationFactory,
    EnrolmentFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

MARK = "Qv9w-persoonsmerk"
User = get_user_model()


def _mark(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()


def _end(assignment, coordinator):
    return assignment_services.end(
        assignment.pk,
        coordinator,
        reason="completed",
        volunteer_evaluation=f"{MARK} kijkt terug",
        person_evaluation=f"{MARK} was fijn",
    )


def marked_volunteer(world):
    """The world's volunteer with a marker in every field that names or describes them."""
    coordinator = world.people["coordinator"]
    volunteer = world.people["volunteer"]
    profile = volunteer.volunteer_profile
    _mark(volunteer, first_name=MARK, last_name=MARK, email=f"{MARK}@example.nl", phone=MARK)
    volunteer_services.confirm_review(
        profile.pk,
        motives=[],
        availability=availability.ALL,
        hours_per_week=2,
        max_hours_per_week=6,
    )
    volunteer_services.record_vog(profile.pk, timezone.localdate() - timedelta(days=30))
    profile.refresh_from_db()
    _mark(profile, languages=f"nl,{MARK}")
    volunteer_services.update_guidance(
        profile.enrolments.get().pk,
        volunteer_type="internship",
        sponsor_kind="school",
        sponsor_name=MARK,
        required_hours=20,
        guide=coordinator,
    )
    volunteer_services.record_intake(
        profile.enrolments.get().pk, skills=[], intake_note=f"Gesprek met {MARK}"
    )
    help_request = active_request(
        volunteer=profile,
        coordinator=coordinator,
        organisation=world.organisation,
        area=world.area,
        first_name="Truus",
    )
    assignment = help_request.assignments.get()
    _mark(assignment, contact_route=MARK)
    entry = assignment_services.log_hours(
        assignment.pk,
        volunteer,
        on=timezone.localdate() - timedelta(days=2),
        hours=Decimal("3"),
        expenses=Decimal("0"),
        note=MARK,
    )
    assignment_services.approve_hours(entry.pk, coordinator)
    queried = assignment_services.log_hours(
        assignment.pk,
        volunteer,
        on=timezone.localdate() - timedelta(days=1),
        hours=Decimal("1"),
        expenses=Decimal("0"),
    )
    assignment_services.query_hours(queried.pk, coordinator, question=MARK)
    check_in = assignment.check_ins.get(party=CheckIn.Party.VOLUNTEER, done_at__isnull=True)
    check_ins.record_check_in(
        check_in.pk, volunteer, how_it_goes="well", load="right", too_heavy=False, note=MARK
    )
    concern = concerns.raise_concern(
        help_request.pk,
        volunteer,
        category="loneliness",
        urgent=False,
        description=MARK,
        assignment_id=assignment.pk,
    )
    concerns.acknowledge(concern.pk, coordinator, note=MARK)
    concerns.resolve(concern.pk, coordinator, outcome=MARK, reply=MARK)
    other = VolunteerProfileFactory(area=world.area)
    EnrolmentFactory.active(profile=other, organisation=world.organisation, actor=coordinator)
    credits.give(volunteer, other.user, Decimal("1"), memo=MARK)
    guidance.log_session(
        profile.enrolments.get().pk,
        coordinator,
        on=timezone.localdate() - timedelta(days=3),
        hours=Decimal("1"),
        topic=MARK,
    )
    person_check_in = assignment.check_ins.get(party=CheckIn.Party.PERSON, done_at__isnull=True)
    check_ins.record_check_in(
        person_check_in.pk,
        coordinator,
        how_it_goes="well",
        load="right",
        too_heavy=False,
        note=MARK,
    )
    enrolment = profile.enrolments.get()
    volunteer_services.change_status(enrolment.pk, "paused", coordinator, MARK)
    volunteer_services.change_status(enrolment.pk, "active", coordinator, "Terug")
    vacancy = VacancyFactory(organisation=world.organisation, title="Maatje")
    application = ApplicationFactory(vacancy=vacancy, profile=profile, message=MARK)
    volunteer_services.decline(application.pk, coordinator, answer=MARK)  # mailed to them
    MatchProposal.objects.filter(profile=profile).update(reason=MARK)
    _end(assignment, coordinator)
    ApiTokenFactory(user=volunteer, name=MARK)
    # Asked to answer a cooperation assessment with their account, and once by e-mail.
    assessment = AssessmentFactory(organisation=world.organisation, started_by=coordinator)
    participant = cooperation_services.invite_account(
        coordinator, assessment, perspective="volunteers", user=volunteer, link="/"
    )
    cooperation_services.answer(participant, agreeing_with(cooperation_framework.Model.DIALOGUE))
    cooperation_services.invite_by_email(
        coordinator,
        assessment,
        perspective="volunteers",
        email=volunteer.email,
        name=MARK,
        link_for=lambda _participant, _token: "/",
    )
    notify.send([volunteer.email, "iemand@example.nl"], "Onderwerp", "Tekst")
    notify.send([volunteer.email], "Onderwerp", "Tekst")
    client = Client()
    client.force_login(volunteer)
    AccessLog.objects.create(
        username=volunteer.email, ip_address="192.0.2.1", user_agent="x", http_accept="x"
    )
    AccessLog.objects.create(
        username=volunteer.username, ip_address="192.0.2.1", user_agent=MARK, http_accept="x"
    )
    return volunteer


def marked_citizen(world):
    """A citizen with a request they asked, closed, with a marker in every field."""
    citizen = world.people["citizen"]
    _mark(citizen, first_name=MARK, last_name=MARK, email=f"{MARK}.c@example.nl", phone=MARK)
    help_request = HelpRequestFactory(
        organisation=world.organisation,
        area=world.area,
        requester=citizen,
        first_name=MARK,
        requester_name=MARK,
        contact_phone=MARK,
        contact_email=f"{MARK}.r@example.nl",
        description=MARK,
    )
    request_services.add_note(help_request.pk, MARK, user=citizen, from_requester=True)
    notify.send([help_request.contact_email], "Onderwerp", "Tekst")
    request_services.take_step(help_request.pk, "withdraw", citizen, MARK)
    return citizen


def figures(municipality) -> dict:
    """What the figures for the municipality are built from: counts per area, activity and
    month, hours totals, outcomes."""
    requests = HelpRequest.objects.filter(municipality=municipality)
    return {
        "areas": [
            (row["area"].pk, row["requests"], row["volunteers"])
            for row in area_overview(municipality)
        ],
        "per_month": sorted(
            requests.annotate(month=TruncMonth("created_at"))
            .values_list("month", "area_id", "status")
            .annotate(n=Count("id"))
            .order_by()
        ),
        "per_activity": sorted(
            requests.values_list("activities__code").annotate(n=Count("id")).order_by()
        ),
        "hours": HoursEntry.objects.filter(
            assignment__help_request__municipality=municipality
        ).aggregate(total=Sum("hours"))["total"],
        "outcomes": sorted(
            Assignment.objects.values_list("status", "end_reason").annotate(n=Count("id"))
        ),
    }


@pytest.mark.django_db
def test_an_erased_volunteer_and_citizen_leave_no_trace_and_the_figures_stay(world):
    volunteer = marked_volunteer(world)
    citizen = marked_citizen(world)
    planted = tables_holding(MARK)
    assert "auth_user" not in planted  # the account table is named after the model
    assert any(table.startswith("accounts_user.") for table in planted)
    assert any(table.startswith("requests_helprequest.") for table in planted)
    assert any(table.startswith("meedoen_outgoingmail.") for table in planted)
    assert "volunteers_enrolmentstatuschange.reason" in planted
    assert "engagements_checkin.note" in planted
    assert "cooperation_participant.name" in planted
    before = figures(world.municipality)

    rights.erase_person(volunteer.pk, volunteer)
    rights.erase_person(citizen.pk, world.people["coordinator"])

    assert tables_holding(MARK) == {}
    assert figures(world.municipality) == before
    # The assessment's answers stay in its figures, no longer linked to the person.
    assert Participant.objects.filter(answered_at__isnull=False, user=None).exists()
    records = {
        User: [volunteer.pk, citizen.pk],
        VolunteerProfile: [volunteer.volunteer_profile.pk],
        HelpRequest: list(HelpRequest.objects.filter(first_name="").values_list("pk", flat=True)),
    }
    for model, pks in records.items():  # the log keeps that they were written, not what
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_pk__in=[str(pk) for pk in pks],
        )
        assert entries.exists() and not entries.exclude(changes=None).exists(), model
    erasures = LogEntry.objects.filter(additional_data__erased=True)
    assert {(e.object_pk, e.actor_id) for e in erasures} == {
        (str(volunteer.pk), None),
        (str(citizen.pk), None),
    }  # called as a service here; from a page, the entry names who asked
    volunteer.refresh_from_db()
    assert not volunteer.is_active and not volunteer.has_usable_password()
    assert not volunteer.api_tokens.exists()
    assert not any(
        str(s.get_decoded().get("_auth_user_id")) == str(volunteer.pk)
        for s in Session.objects.all()
    )
    from meedoen.models import OutgoingMail

    assert [m.recipients for m in OutgoingMail.objects.all()] == [["iemand@example.nl"]]


@pytest.mark.django_db
def test_a_volunteer_with_time_credits_is_erased_and_the_ledger_still_balances(world):
    volunteer = marked_volunteer(world)
    account = CreditAccount.objects.get(owner=volunteer)
    balance = account.balance()
    assert balance == Decimal("2")  # three hours earned, one credit given
    rights.erase_person(volunteer.pk, volunteer)
    assert CreditAccount.objects.get(owner_id=volunteer.pk).balance() == balance
    assert sum(CreditEntry.objects.values_list("hundredths", flat=True)) == 0


@pytest.mark.django_db
def test_erasure_waits_for_open_work_and_changes_nothing_until_then(world):
    profile = world.people["volunteer"].volunteer_profile
    volunteer_services.confirm_review(
        profile.pk,
        motives=[],
        availability=availability.ALL,
        hours_per_week=2,
        max_hours_per_week=6,
    )
    help_request = active_request(
        volunteer=profile, organisation=world.organisation, area=world.area, first_name="Bep"
    )
    reasons = personal_data.blockers(world.people["volunteer"])
    assert len(reasons) == 1 and "Onze Vrijwilligers" in reasons[0]
    with pytest.raises(personal_data.ErasureRefused):
        rights.erase_person(world.people["volunteer"].pk, world.people["coordinator"])
    assert User.objects.get(pk=world.people["volunteer"].pk).is_active
    asked = HelpRequestFactory(
        organisation=world.organisation, area=world.area, requester=world.people["citizen"]
    )
    assert personal_data.blockers(world.people["citizen"])
    request_services.take_step(asked.pk, "withdraw", world.people["citizen"], "")
    assert personal_data.blockers(world.people["citizen"]) == []
    assert help_request.assignments.get().status == "active"


@pytest.mark.django_db
def test_a_failing_section_leaves_nothing_half_done(world, monkeypatch):
    volunteer = marked_volunteer(world)

    def broken(user):
        raise RuntimeError("disk full")

    section = personal_data.SECTIONS["account"]
    monkeypatch.setitem(
        personal_data.SECTIONS,
        "account",
        personal_data.Section(**{**section.__dict__, "erase": broken}),
    )
    with pytest.raises(RuntimeError):
        rights.erase_person(volunteer.pk, volunteer)
    assert "volunteers_enrolmentstatuschange.reason" in tables_holding(MARK)
    assert HoursEntry.objects.filter(note=MARK).exists()


# --- pages ------------------------------------------------------------------------------


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_person_downloads_their_data_as_json_and_pdf_and_each_export_is_logged(world):
    volunteer = marked_volunteer(world)
    client = _client(volunteer)
    page = client.get(reverse("accounts:my_data"))
    assert page.status_code == 200 and "Mijn gegevens" in page.content.decode()

    response = client.get(reverse("accounts:my_data_export", args=["json"]))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    sections = data["sections"]
    assert sections["account"]["email"] == f"{MARK}@example.nl"
    assert sections["account"]["api_tokens"][0]["name"] == MARK
    assert "digest" not in json.dumps(sections["account"]["api_tokens"])
    assert sections["volunteering"]["volunteer_profile"]["area"] == "Centrum"
    assert sections["volunteering"]["applications"][0]["message"] == MARK
    assert sections["engagement"]["assignments"][0]["hours"][0]["note"] == MARK
    assert sections["engagement"]["check_ins"][0]["note"] == MARK
    assert sections["engagement"]["concerns"][0]["description"] == MARK
    assert sections["engagement"]["guidance"][0]["topic"] == MARK

    pdf = client.get(reverse("accounts:my_data_export", args=["pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert "Vrijwilligerswerk" in text and MARK in text
    months = (
        "januari februari maart april mei juni juli augustus september oktober november december"
    )
    assert months.split()[timezone.localdate().month - 1] in text
    english = client.get(reverse("accounts:my_data_export", args=["pdf"]) + "?language=en")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(english.content)).pages)
    assert "Volunteering" in text

    exports = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(volunteer.pk), actor=volunteer
    )
    assert sorted(e.additional_data["export"] for e in exports) == ["json", "pdf", "pdf"]
    assert all(MARK not in str(e.changes) + str(e.object_repr) for e in exports)


@pytest.mark.django_db
def test_a_person_corrects_their_name_and_email(world):
    citizen = world.people["citizen"]
    client = _client(citizen)
    response = client.post(
        reverse("accounts:my_data"),
        {"first_name": "Anna", "last_name": "de Vries", "email": "anna@example.nl"},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.first_name, citizen.last_name, citizen.email) == (
        "Anna",
        "de Vries",
        "anna@example.nl",
    )
    wrong = client.post(reverse("accounts:my_data"), {"email": "geen adres"})
    assert wrong.status_code == 400
    citizen.refresh_from_db()
    assert citizen.email == "anna@example.nl"


@pytest.mark.django_db
def test_a_person_erases_themselves_with_their_password(world):
    volunteer = marked_volunteer(world)
    volunteer.set_password("geheim-wachtwoord")
    volunteer.save()
    client = _client(volunteer)
    page = client.get(reverse("accounts:erase_me"))
    assert "Wat er gebeurt" in page.content.decode()
    wrong = client.post(reverse("accounts:erase_me"), {"password": "fout"})
    assert wrong.status_code == 200
    assert User.objects.get(pk=volunteer.pk).is_active
    done = client.post(reverse("accounts:erase_me"), {"password": "geheim-wachtwoord"})
    assert done.status_code == 302 and done.url == reverse("accounts:erased")
    assert not User.objects.get(pk=volunteer.pk).is_active
    assert client.get(reverse("accounts:my_data")).status_code == 302  # signed out


@pytest.mark.django_db
def test_a_coordinator_exports_and_erases_their_volunteer_and_requester(world):
    volunteer = marked_volunteer(world)
    citizen = marked_citizen(world)
    coordinator = _client(world.people["coordinator"])
    enrolment = volunteer.volunteer_profile.enrolments.get()
    asked = HelpRequest.objects.get(requester=citizen)
    detail = coordinator.get(reverse("volunteers:detail", args=[enrolment.pk])).content.decode()
    assert reverse("volunteers:erase", args=[enrolment.pk]) in detail
    exported = coordinator.get(reverse("volunteers:data", args=[enrolment.pk, "json"]))
    assert json.loads(exported.content)["sections"]["account"]["email"] == volunteer.email
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        object_pk=str(volunteer.pk),
        actor=world.people["coordinator"],
        additional_data__export="json",
    ).exists()
    request_page = coordinator.get(reverse("requests:detail", args=[asked.pk])).content.decode()
    assert reverse("requests:erase_requester", args=[asked.pk]) in request_page
    assert (
        coordinator.get(reverse("requests:requester_data", args=[asked.pk, "pdf"])).status_code
        == 200
    )

    unconfirmed = coordinator.post(reverse("volunteers:erase", args=[enrolment.pk]), {})
    assert unconfirmed.status_code == 200 and User.objects.get(pk=volunteer.pk).is_active
    erased = coordinator.post(reverse("volunteers:erase", args=[enrolment.pk]), {"confirm": "on"})
    assert erased.status_code == 302
    assert (
        LogEntry.objects.get(additional_data__erased=True, object_pk=str(volunteer.pk)).actor
        == world.people["coordinator"]
    )
    assert not User.objects.get(pk=volunteer.pk).is_active
    coordinator.post(reverse("requests:erase_requester", args=[asked.pk]), {"confirm": "on"})
    assert not User.objects.get(pk=citizen.pk).is_active
    assert tables_holding(MARK) == {}


@pytest.mark.django_db
def test_nobody_exports_or_erases_someone_outside_their_scope(world):
    volunteer = world.people["volunteer"]
    enrolment = volunteer.volunteer_profile.enrolments.get()
    asked = HelpRequestFactory(
        organisation=world.organisation, area=world.area, requester=world.people["citizen"]
    )
    urls = [
        reverse("volunteers:data", args=[enrolment.pk, "json"]),
        reverse("volunteers:data", args=[enrolment.pk, "pdf"]),
        reverse("volunteers:erase", args=[enrolment.pk]),
        reverse("requests:requester_data", args=[asked.pk, "json"]),
        reverse("requests:erase_requester", args=[asked.pk]),
    ]
    stranger = _client(world.people["stranger"])  # coordinates another organisation
    assert [stranger.get(url).status_code for url in urls] == [404] * 5
    assert [stranger.post(url, {"confirm": "on"}).status_code for url in urls] == [404] * 5
    own = _client(volunteer)  # a volunteer cannot erase anyone else
    assert [own.post(url, {"confirm": "on"}).status_code for url in urls] == [403] * 5
    citizen = _client(world.people["citizen"])
    assert [citizen.get(url).status_code for url in urls] == [403] * 5
    desk = _client(world.people["desk"])  # routes the network's requests, does not handle them
    assert desk.post(urls[2], {"confirm": "on"}).status_code == 403
    assert User.objects.filter(is_active=False).count() == 0
    assert not LogEntry.objects.filter(additional_data__has_key="export").exists()


# --- retention --------------------------------------------------------------------------


@pytest.mark.django_db
def test_people_inactive_past_the_municipality_period_are_erased_unless_work_is_open(world):
    municipality = world.municipality
    municipality.inactive_months = 12
    municipality.save()
    volunteer = world.people["volunteer"]
    citizen = world.people["citizen"]
    busy = UserFactory(municipality=municipality)
    HelpRequestFactory(organisation=world.organisation, area=world.area, requester=busy)
    helping = VolunteerProfileFactory(area=world.area)
    EnrolmentFactory.active(profile=helping, organisation=world.organisation)
    volunteer_services.confirm_review(
        helping.pk,
        motives=[],
        availability=availability.ALL,
        hours_per_week=2,
        max_hours_per_week=6,
    )
    active_request(volunteer=helping, organisation=world.organisation, area=world.area)
    now = timezone.now()
    assert account_jobs.erase_inactive(municipality, now=now) == 0  # all active recently

    later = now + timedelta(days=400)
    erased = account_jobs.erase_inactive(municipality, now=later)
    ids = set(User.objects.filter(is_active=False).values_list("pk", flat=True))
    assert volunteer.pk in ids and citizen.pk in ids
    assert busy.pk not in ids  # an open request
    assert helping.user_id not in ids  # an active assignment
    staff = [world.people[name].pk for name in ("coordinator", "stranger", "desk", "policy")]
    assert ids.isdisjoint(staff) and world.people["admin"].pk not in ids
    assert erased == len(ids)
    assert account_jobs.erase_inactive(municipality, now=later) == 0  # idempotent


@pytest.mark.django_db
def test_retention_counts_months_by_the_calendar():
    from datetime import datetime

    moment = datetime(2026, 3, 31, 12, 0)
    assert account_jobs.months_before(moment, 1) == datetime(2026, 2, 28, 12, 0)
    assert account_jobs.months_before(moment, 24) == datetime(2024, 3, 31, 12, 0)
    assert account_jobs.months_before(moment, 3) == datetime(2025, 12, 31, 12, 0)


@pytest.mark.django_db
def test_operators_run_the_retention_of_people_by_hand(world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("erase_inactive_people", "--municipality", world.municipality.code, stdout=out)
    assert out.getvalue().strip().endswith("0 people erased")


def _keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


@pytest.mark.django_db
def test_every_key_of_the_export_has_a_readable_name_in_the_pdf(world):
    people = [marked_volunteer(world), marked_citizen(world)]
    for person in people:
        data = personal_data.export(person)["sections"]
        for section in personal_data.sections():
            unnamed = set(_keys(data[section.key])) - set(section.labels)
            assert unnamed == set(), (section.key, unnamed)
