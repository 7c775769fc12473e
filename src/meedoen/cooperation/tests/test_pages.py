"""The pages: start, invite, answer with a link or an account, close, and the result in
Dutch and English."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from meedoen.cooperation import framework as fw
from meedoen.cooperation.models import Assessment, Participant
from meedoen.cooperation.tests.factories import (
    AssessmentFactory,
    ParticipantFactory,
    agreeing_with,
)
from meedoen.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_a_coordinator_starts_invites_and_closes(client, world):
    client.force_login(world.people["coordinator"])
    response = client.post(reverse("cooperation:start"), {"title": "", "place": ""})
    page = response.content.decode()
    assert response.status_code == 400 and 'href="#id_title"' in page
    assert 'href="#id_context_0"' in page
    response = client.post(
        reverse("cooperation:start"),
        {
            "title": "Buurtzorg en vrijwilligers",
            "place": f"o{world.organisation.pk}",
            "context": "neighbourhood",
            "organisations": [world.other_organisation.pk],
        },
    )
    assessment = Assessment.objects.get()
    assert response.url == reverse("cooperation:detail", args=[assessment.pk])
    invite = reverse("cooperation:invite", args=[assessment.pk])
    response = client.post(
        invite, {"form": "link", "link-perspective": "volunteers", "link-email": "nee"}
    )
    assert response.status_code == 400 and 'value="nee"' in response.content.decode()
    client.post(
        invite, {"form": "link", "link-perspective": "volunteers", "link-email": "a@example.nl"}
    )
    mail = OutgoingMail.objects.get()
    link = re.search(r"https?://\S+", mail.body).group(0)
    assert f"/cooperation/{assessment.pk}/answer/" in link
    client.post(
        invite,
        {
            "form": "account",
            "account-perspective": "professionals",
            "account-person": world.people["professional"].pk,
        },
    )
    assert assessment.participants.filter(user=world.people["professional"]).exists()
    client.post(reverse("cooperation:close", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert not assessment.is_open
    assert not Participant.objects.exclude(email="").exists()


def test_the_questionnaire_by_link_keeps_what_was_typed_and_saves(client, world):
    participant = ParticipantFactory()
    url = reverse("cooperation:answer_link", args=[participant.assessment_id, participant.token])
    page = client.get(url).content.decode()
    assert "<legend" in page and str(fw.Dimension.VOLUNTEER.label) in page
    partial = {"volunteer_1": "4"}
    response = client.post(url, partial)
    page = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'name="volunteer_1" value="4"[^>]*checked', page)
    assert not re.search(r'name="volunteer_2" value="\d"[^>]*checked', page)
    assert 'href="#id_volunteer_2_0"' in page
    response = client.post(url, agreeing_with(fw.Model.DIALOGUE))
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.answers["volunteer_3"] == 5
    other = AssessmentFactory()
    assert (
        client.get(
            reverse("cooperation:answer_link", args=[other.pk, participant.token])
        ).status_code
        == 404
    )


def test_the_result_in_dutch_and_english(client, world):
    assessment = AssessmentFactory(organisation=world.organisation)
    for _ in range(3):
        ParticipantFactory.answered(fw.Model.RESOURCES, assessment=assessment)
    for _ in range(3):
        ParticipantFactory.answered(
            fw.Model.DIALOGUE, assessment=assessment, perspective="professionals"
        )
    client.force_login(world.people["coordinator"])
    url = reverse("cooperation:result", args=[assessment.pk])
    page = client.get(url).content.decode()
    assert "Vrijwilligers als hulpbron" in page
    assert "50\u00a0%" in page
    assert "Vrijwilligers als hulpbron / Overleg en ondersteuning" in page  # an even split
    assert "Meningen verschillen:" in page
    assert "3.5.2" in page
    assert "model_" not in page
    client.cookies["django_language"] = "en"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Volunteers as resources" in page and "Views differ:" in page
    client.force_login(world.people["stranger"])
    assert client.get(url).status_code == 404
