"""The volunteer desk through the web pages: register, respond, intake, guidance, reviews."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from meedoen.accounts.models import User
from meedoen.catalogue.models import Activity, Motive
from meedoen.organisations.models import SubstitutionSignal
from meedoen.volunteers.models import Application, Enrolment, Vacancy, VolunteerProfile


@pytest.fixture
def vacancy(world):
    vacancy = Vacancy.objects.create(
        organisation=world.organisation,
        title="Maatje in Centrum",
        description="Op bezoek",
        area=world.area,
        hours_per_week=2,
        contact_name="Petra",
    )
    vacancy.activities.set([Activity.objects.get(code="visiting")])
    return vacancy


def registration(world, **extra):
    data = {
        "first_name": "Fenna",
        "last_name": "de Wit",
        "email": "fenna@example.nl",
        "username": "fenna",
        "password": "een-lang-eigen-wachtwoord",
        "area": world.area.pk,
        "activities": [Activity.objects.get(code="visiting").pk],
        "motives": [Motive.objects.get(code="social-contact").pk],
        "slots": ["tue-afternoon", "thu-morning"],
        "hours_per_week": "2",
        "max_hours_per_week": "4",
        "travel_km": "5",
        "languages": ["nl", "en"],
        "volunteer_type": "regular",
    }
    data.update(extra)
    return data


def test_someone_registers_finds_a_vacancy_by_area_and_activity_and_responds(
    client, world, vacancy
):
    response = client.post(reverse("volunteers:register"), registration(world))
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user__username="fenna")
    assert profile.availability and profile.language_list == ["nl", "en"]
    assert "_auth_user_id" in client.session

    other = Vacancy.objects.create(
        organisation=world.other_organisation,
        title="Klusser Dorp",
        description="Klussen",
        area=world.other_area,
        contact_name="Jan",
    )
    other.activities.set([Activity.objects.get(code="odd-jobs")])
    board = client.get(
        reverse("volunteers:board"),
        {
            "area": world.area.pk,
            "activity": Activity.objects.get(code="visiting").pk,
        },
    ).content.decode()
    assert "Maatje in Centrum" in board and "Klusser Dorp" not in board

    response = client.post(
        reverse("volunteers:vacancy", args=[vacancy.pk]), {"message": "Ik heb dinsdag tijd"}
    )
    assert response.status_code == 302
    assert Application.objects.get().profile == profile
    again = client.post(reverse("volunteers:vacancy", args=[vacancy.pk]), {"message": "Nog eens"})
    assert again.status_code == 400 and "al gereageerd" in again.content.decode()


def test_registration_keeps_what_was_typed_and_refuses_weak_passwords(client, world):
    response = client.post(
        reverse("volunteers:register"), registration(world, password="kort", max_hours_per_week="1")
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'value="Fenna"' in content and 'value="fenna@example.nl"' in content
    assert "minimaal 12 tekens" in content or "te kort" in content
    assert not User.objects.filter(username="fenna").exists()


def test_coordinator_plans_the_intake_then_activates(client, world, vacancy):
    profile = VolunteerProfile.objects.create(
        user=User.objects.create(username="kim"), area=world.area
    )
    application = Application.objects.create(vacancy=vacancy, profile=profile)
    client.force_login(world.people["coordinator"])
    prefix = f"a{application.pk}"
    response = client.post(
        reverse("volunteers:applications", args=[vacancy.pk]),
        {
            "application": application.pk,
            f"{prefix}-decision": "invite",
            f"{prefix}-intake_at": "2026-12-03T10:00",
            f"{prefix}-answer": "Welkom!",
        },
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(profile=profile)
    assert enrolment.status == "intake_planned" and enrolment.intake_at is not None

    response = client.post(
        reverse("volunteers:status", args=[enrolment.pk]),
        {"status": "active", "reason": "Intake gehad, klikt goed"},
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "active"
    history = list(enrolment.status_changes.values_list("to_status", "reason"))
    assert history[-1] == ("active", "Intake gehad, klikt goed")
    assert history[0][0] == "intake_planned"
    # A change without a reason is refused and changes nothing.
    response = client.post(
        reverse("volunteers:status", args=[enrolment.pk]), {"status": "paused", "reason": ""}
    )
    assert response.status_code == 400
    enrolment.refresh_from_db()
    assert enrolment.status == "active"


def test_reintegration_volunteer_cannot_be_activated_without_a_guide(client, world):
    profile = VolunteerProfile.objects.create(
        user=User.objects.create(username="rik"),
        area=world.area,
        volunteer_type="reintegration",
    )
    enrolment = Enrolment.objects.create(
        profile=profile, organisation=world.organisation, status="intake_planned"
    )
    client.force_login(world.people["coordinator"])
    response = client.post(
        reverse("volunteers:status", args=[enrolment.pk]), {"status": "active", "reason": "Start"}
    )
    assert response.status_code == 400
    assert "begeleider" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "intake_planned"

    client.post(
        reverse("volunteers:guidance", args=[enrolment.pk]),
        {
            "volunteer_type": "reintegration",
            "sponsor_kind": "social_service",
            "sponsor_name": "Werkplein",
            "required_hours": "240",
            "guide": world.people["coordinator"].pk,
        },
    )
    enrolment.refresh_from_db()
    assert enrolment.guide == world.people["coordinator"] and enrolment.required_hours == 240
    client.post(
        reverse("volunteers:status", args=[enrolment.pk]),
        {"status": "active", "reason": "Start met begeleiding"},
    )
    enrolment.refresh_from_db()
    assert enrolment.status == "active"


def test_vacancy_for_help_with_showering_is_refused_with_the_reason(client, world):
    client.force_login(world.people["coordinator"])
    washing = Activity.objects.get(code="washing")
    response = client.post(
        reverse("volunteers:vacancy_new"),
        {
            "title": "Hulp bij douchen",
            "description": "Bewoners helpen met douchen",
            "activities": [washing.pk],
            "hours_per_week": "3",
            "regularity": "regular",
            "contact_name": "Petra",
        },
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "formele zorg" in content and "persoonlijke verzorging" in content
    assert 'value="Hulp bij douchen"' in content
    assert not Vacancy.objects.exists()
    signal = SubstitutionSignal.objects.get()
    assert (signal.kind, signal.activity, signal.organisation) == (
        "vacancy_refused",
        washing,
        world.organisation,
    )


def test_widened_policy_lets_a_vacancy_ask_trained_volunteers_for_personal_care(client, world):
    world.organisation.volunteer_care_level = 3
    world.organisation.save()
    client.force_login(world.people["coordinator"])
    response = client.post(
        reverse("volunteers:vacancy_new"),
        {
            "title": "Hulp bij eten",
            "description": "Na training",
            "hours_per_week": "2",
            "activities": [Activity.objects.get(code="eating-assistance").pk],
            "regularity": "regular",
            "contact_name": "Petra",
            "training_offered": "on",
        },
    )
    assert response.status_code == 302
    assert Vacancy.objects.get().title == "Hulp bij eten"
    # Reserved acts stay closed, whatever the policy.
    response = client.post(
        reverse("volunteers:vacancy_new"),
        {
            "title": "Medicijnen",
            "description": "x",
            "hours_per_week": "2",
            "activities": [Activity.objects.get(code="medication").pk],
            "regularity": "regular",
            "contact_name": "Petra",
        },
    )
    assert response.status_code == 400


def test_motive_review_reminders_appear_when_overdue(client, world):
    volunteer = world.people["volunteer"]
    profile = volunteer.volunteer_profile
    with time_machine.travel(date(2025, 1, 10), tick=False):
        profile.reviewed_at = timezone.now()
        profile.save()
    with time_machine.travel(date(2025, 12, 1), tick=False):
        client.force_login(volunteer)
        page = client.get(reverse("start:volunteer")).content.decode()
        assert "kloppen uw motieven" not in page
    with time_machine.travel(date(2026, 2, 1), tick=False):
        client.force_login(volunteer)
        page = client.get(reverse("start:volunteer")).content.decode()
        assert "kloppen uw motieven" in page
        client.force_login(world.people["coordinator"])
        listing = client.get(reverse("volunteers:list"), {"attention": "1"}).content.decode()
        assert "motieven herzien" in listing and escape(volunteer.get_full_name()) in listing

        client.force_login(volunteer)
        response = client.post(
            reverse("volunteers:review"),
            {
                "motives": [Motive.objects.get(code="development").pk],
                "slots": ["mon-morning"],
                "hours_per_week": "3",
                "max_hours_per_week": "5",
            },
        )
        assert response.status_code == 302
        page = client.get(reverse("start:volunteer")).content.decode()
        assert "kloppen uw motieven" not in page
        profile.refresh_from_db()
        assert profile.hours_per_week == 3
        assert [m.code for m in profile.motives.all()] == ["development"]


def test_vog_older_than_the_renewal_period_needs_attention(client, world):
    profile = world.people["volunteer"].volunteer_profile
    profile.vog_issued_on = timezone.localdate() - timedelta(days=3 * 365 + 2)
    profile.save()
    client.force_login(world.people["coordinator"])
    assert "VOG vernieuwen" in client.get(reverse("volunteers:list")).content.decode()
    profile.vog_issued_on = timezone.localdate() - timedelta(days=30)
    profile.save()
    assert "VOG vernieuwen" not in client.get(reverse("volunteers:list")).content.decode()


def test_volunteer_pauses_and_is_back_on_the_return_date(client, world):
    volunteer = world.people["volunteer"]
    enrolment = volunteer.volunteer_profile.enrolments.get()
    client.force_login(volunteer)
    back = timezone.localdate() + timedelta(days=14)
    response = client.post(
        reverse("volunteers:pause"), {"until": back.isoformat(), "reason": "Vakantie"}
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.paused_until) == ("paused", back)
    call_command("resume_volunteers", stdout=StringIO())
    enrolment.refresh_from_db()
    assert enrolment.status == "paused"
    with time_machine.travel(back + timedelta(hours=12), tick=False):
        call_command("resume_volunteers", stdout=StringIO())
    enrolment.refresh_from_db()
    assert enrolment.status == "active" and enrolment.paused_until is None


def test_declining_needs_a_kind_message(client, world, vacancy):
    profile = VolunteerProfile.objects.create(
        user=User.objects.create(username="kim"), area=world.area
    )
    application = Application.objects.create(vacancy=vacancy, profile=profile)
    client.force_login(world.people["coordinator"])
    prefix = f"a{application.pk}"
    url = reverse("volunteers:applications", args=[vacancy.pk])
    response = client.post(url, {"application": application.pk, f"{prefix}-decision": "decline"})
    assert response.status_code == 400
    declining = {
        "application": application.pk,
        f"{prefix}-decision": "decline",
        f"{prefix}-answer": "Dank u wel! Helaas is de plek al vervuld.",
    }
    # Declining cannot be undone: it asks first, keeping the message.
    asked = client.post(url, declining)
    page = asked.content.decode()
    assert asked.status_code == 200 and "Weet u zeker" in page
    assert 'value="Dank u wel! Helaas is de plek al vervuld."' in page
    assert 'name="confirm" value="yes"' in page and f'href="{url}"' in page
    application.refresh_from_db()
    assert application.status != "declined"
    client.post(url, declining | {"confirm": "yes"})
    application.refresh_from_db()
    assert application.status == "declined"


def test_other_organisations_see_nothing_and_the_desk_cannot_change(client, world):
    enrolment = world.people["volunteer"].volunteer_profile.enrolments.get()
    client.force_login(world.people["stranger"])
    assert client.get(reverse("volunteers:detail", args=[enrolment.pk])).status_code == 404
    assert (
        client.post(
            reverse("volunteers:status", args=[enrolment.pk]), {"status": "stopped", "reason": "x"}
        ).status_code
        == 404
    )
    client.force_login(world.people["desk"])
    assert client.get(reverse("volunteers:detail", args=[enrolment.pk])).status_code == 200
    assert (
        client.post(
            reverse("volunteers:status", args=[enrolment.pk]), {"status": "stopped", "reason": "x"}
        ).status_code
        == 403
    )
    enrolment.refresh_from_db()
    assert enrolment.status == "active"


def test_languages_are_ticked_by_name_at_sign_up_and_shown_by_name(client, world):
    page = client.get(reverse("volunteers:register")).content.decode()
    assert 'type="checkbox" name="languages" value="ar"' in page and "Arabisch" in page
    assert "<legend" in page and "gescheiden door komma" not in page
    refused = client.post(reverse("volunteers:register"), registration(world, languages=["xx"]))
    assert refused.status_code == 400
    assert not User.objects.filter(username="fenna").exists()
    response = client.post(
        reverse("volunteers:register"), registration(world, languages=["nl", "ar"])
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user__username="fenna")
    assert profile.languages == "nl,ar"
    enrolment = Enrolment.objects.create(profile=profile, organisation=world.organisation)
    client.force_login(world.people["coordinator"])
    detail = client.get(reverse("volunteers:detail", args=[enrolment.pk])).content.decode()
    assert "Nederlands, Arabisch" in detail and "nl,ar" not in detail
