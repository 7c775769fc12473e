"""Guidance hours, the hours statement and the certificate of experience (PDF)."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meedoen.engagements.services import assignments as services
from meedoen.engagements.services import guidance
from meedoen.matching.tests.test_suggestions import volunteer


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def internship(world):
    enrolment = world.people["volunteer"].volunteer_profile.enrolments.get()
    enrolment.sponsor_kind = "school"
    enrolment.sponsor_name = "Da Vinci College"
    enrolment.required_hours = 30
    enrolment.guide = world.people["professional"]
    enrolment.save()
    return enrolment


def test_guide_logs_guidance_and_the_organisation_sees_what_it_spends(client, world, assignment):
    enrolment = internship(world)
    client.force_login(world.people["professional"])  # the guide
    response = client.post(
        reverse("engagements:guidance"),
        {
            "enrolment": enrolment.pk,
            "date": timezone.localdate().isoformat(),
            "hours": "1.5",
            "topic": "Leerdoelen besproken",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("engagements:guidance"),
        {
            "enrolment": enrolment.pk,
            "date": timezone.localdate().isoformat(),
            "hours": "",
            "topic": "Typed and kept",
        },
    )
    assert response.status_code == 400 and "Typed and kept" in response.content.decode()
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("engagements:guidance")).content.decode()
    assert "1,5" in page or "1.5" in page
    client.force_login(world.people["stranger"])
    page = client.get(reverse("engagements:guidance")).content.decode()
    assert "Leerdoelen" not in page and "1,5" not in page


def test_guidance_only_for_reintegration_and_internship_volunteers(world):
    import pytest

    from meedoen.engagements.services import EngagementError

    plain = world.people["volunteer"].volunteer_profile.enrolments.get()
    with pytest.raises(EngagementError):
        guidance.log_session(
            plain.pk,
            world.people["coordinator"],
            on=timezone.localdate(),
            hours=Decimal("1"),
            topic="Gesprek",
        )


def test_hours_statement_for_the_school(client, world, assignment):
    enrolment = internship(world)
    entry = services.log_hours(
        assignment.pk,
        world.people["volunteer"],
        on=timezone.localdate(),
        hours=Decimal("2.5"),
        expenses=Decimal("0"),
    )
    services.approve_hours(entry.pk, world.people["coordinator"])
    guidance.log_session(
        enrolment.pk,
        world.people["professional"],
        on=timezone.localdate(),
        hours=Decimal("1"),
        topic="Evaluatie stage",
    )
    url = reverse("engagements:hours_statement", args=[enrolment.pk])
    client.force_login(world.people["volunteer"])
    text = pdf_text(client.get(url))
    assert "Da Vinci College" in text and "2,5" in text and "Evaluatie stage" in text
    for role, status in (("coordinator", 200), ("professional", 200), ("stranger", 404)):
        client.force_login(world.people[role])
        assert client.get(url).status_code == status
    other = volunteer(world, "bert", world.organisation)
    client.force_login(other.user)
    assert client.get(url).status_code == 404


def test_certificate_lists_activities_skills_and_hours(client, world, assignment):
    from meedoen.catalogue.models import Skill

    profile = world.people["volunteer"].volunteer_profile
    profile.skills.set([Skill.objects.get(code="driving")])
    entry = services.log_hours(
        assignment.pk,
        world.people["volunteer"],
        on=timezone.localdate(),
        hours=Decimal("3"),
        expenses=Decimal("0"),
    )
    services.approve_hours(entry.pk, world.people["coordinator"])
    client.force_login(world.people["volunteer"])
    text = pdf_text(client.get(reverse("engagements:certificate")))
    assert "Bezoek en gezelschap" in text and "Onze Vrijwilligers" in text
    assert "Autorijden" in text or "Rijbewijs" in text or "driving" in text.lower()
    assert "3" in text
    client.cookies.load({"django_language": "en"})
    english = pdf_text(client.get(reverse("engagements:certificate")))
    assert "Certificate of volunteer experience" in english and "Visits and company" in english
