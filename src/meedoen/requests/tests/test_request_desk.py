"""The request desk end to end through the web pages (Django test client)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from meedoen import limits
from meedoen.catalogue.models import Activity
from meedoen.notify import deliver_due
from meedoen.organisations.models import Organisation, SubstitutionSignal
from meedoen.organisations.tests.factories import OrganisationFactory
from meedoen.requests import services, workflow
from meedoen.requests.models import HelpRequest
from meedoen.requests.tests.factories import HelpRequestFactory


def _elements(page: str) -> list[dict[str, str]]:
    """Every element's attributes, as assistive technology reads ids and references."""
    found: list[dict[str, str]] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda _tag, attrs: found.append({k: v or "" for k, v in attrs})
    parser.feed(page)
    return found


def duplicate_ids(page: str) -> list[str]:
    counts = Counter(e["id"] for e in _elements(page) if e.get("id"))
    return sorted(i for i, n in counts.items() if n > 1)


def by_id(page: str, element_id: str) -> dict[str, str]:
    return next(e for e in _elements(page) if e.get("id") == element_id)


@pytest.fixture
def homecare(world):
    return OrganisationFactory(
        municipality=world.municipality,
        name="Thuiszorg",
        type=Organisation.Type.PROFESSIONALS_ONLY,
        sector="home_care",
    )


def public_form(world, **extra):
    data = {
        "for_whom": "citizen",
        "activities": [Activity.objects.get(code="visiting").pk],
        "description": "Graag iemand om mee te praten",
        "first_name": "Truus",
        "area": world.area.pk,
        "days": ["mon", "wed"],
        "parts": ["afternoon"],
        "contact_phone": "0612345678",
        "consent": "on",
    }
    data.update(extra)
    return data


def test_citizen_asks_without_an_account_and_follows_with_the_private_link(client, world):
    response = client.post(reverse("requests:ask"), public_form(world))
    assert response.status_code == 302
    follow_url = response["Location"]
    page = client.get(follow_url).content.decode()
    help_request = HelpRequest.objects.get()
    assert help_request.reference in page
    assert "We hebben uw vraag ontvangen" in page
    # Routed to the municipality's central desk first.
    assert help_request.organisation == world.desk
    assert help_request.source == "citizen"
    assert help_request.consent_given_at is not None
    assert help_request.transitions.get().name == "submit"

    token = follow_url.split("/follow/")[1].split("/")[0]
    client.post(reverse("requests:follow_add", args=[token]), {"text": "Liefst op woensdag"})
    assert help_request.notes.get().from_requester
    client.post(
        reverse("requests:follow_withdraw", args=[token]),
        {"reason": "Buurvrouw helpt", "confirm": "yes"},
    )
    help_request.refresh_from_db()
    assert help_request.status == "withdrawn"
    assert "ingetrokken" in client.get(follow_url).content.decode()


def test_the_private_link_stops_a_while_after_the_question_is_finished(client, world):
    response = client.post(reverse("requests:ask"), public_form(world))
    follow_url = response["Location"].split("?")[0]
    token = follow_url.split("/follow/")[1].split("/")[0]
    help_request = HelpRequest.objects.get()
    world.desk.phone = "030 123 45 67"
    world.desk.save()
    client.post(
        reverse("requests:follow_withdraw", args=[token]), {"reason": "Opgelost", "confirm": "yes"}
    )
    help_request.refresh_from_db()
    finished = help_request.status_changed_at
    # Until LINK_AFTER_END has passed, the person still reads how it ended.
    HelpRequest.objects.filter(pk=help_request.pk).update(
        status_changed_at=finished - services.LINK_AFTER_END + timedelta(minutes=1)
    )
    assert client.get(follow_url).status_code == 200
    HelpRequest.objects.filter(pk=help_request.pk).update(
        status_changed_at=finished - services.LINK_AFTER_END - timedelta(minutes=1)
    )
    response = client.get(follow_url)
    page = response.content.decode()
    assert response.status_code == 410
    assert "Deze link werkt niet meer" in page and "030 123 45 67" in page
    assert help_request.reference not in page and "Opgelost" not in page
    added = client.post(reverse("requests:follow_add", args=[token]), {"text": "Nog iets"})
    assert added.status_code == 410 and not help_request.notes.exists()
    client.cookies["django_language"] = "en"
    assert "This link no longer works" in client.get(follow_url).content.decode()
    # An open question's link keeps working however old the question is.
    open_request = HelpRequestFactory()
    assert not services.link_ended(open_request, now=finished + timedelta(days=3650))


def test_a_wrong_link_shows_nothing(client, world):
    assert client.get(reverse("requests:follow", args=["not-a-token"])).status_code == 404


def test_the_form_keeps_what_was_typed_and_explains_what_is_missing(client, world):
    data = public_form(world, consent="", contact_phone="", area="", postcode="9999")
    response = client.post(reverse("requests:ask"), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert not HelpRequest.objects.exists()
    assert 'value="Truus"' in content
    assert "Graag iemand om mee te praten" in content
    assert "We kennen deze postcode niet" in content
    assert "telefoonnummer of een e-mailadres" in content
    assert 'aria-invalid="true"' in content


def test_postcode_finds_the_area(client, world):
    world.area.postcodes = "5611,5612"
    world.area.save()
    client.post(reverse("requests:ask"), public_form(world, area="", postcode="5612 AB"))
    assert HelpRequest.objects.get().area == world.area


def test_honeypot_and_rate_limit_stop_automated_senders(client, world):
    response = client.post(reverse("requests:ask"), public_form(world, website="http://spam"))
    assert response.status_code == 200
    assert not HelpRequest.objects.exists()
    for _ in range(limits.PUBLIC_FORM.limit):
        assert client.post(reverse("requests:ask"), public_form(world)).status_code == 302
    response = client.post(reverse("requests:ask"), public_form(world))
    assert response.status_code == 429
    assert "Probeer het later opnieuw" in response.content.decode()
    assert 'value="Truus"' in response.content.decode()
    assert HelpRequest.objects.count() == limits.PUBLIC_FORM.limit
    other = client.post(reverse("requests:ask"), public_form(world), REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302  # another sender has their own limit


def test_professional_refers_a_client_who_waits_for_a_responsible_professional(client, world):
    client.force_login(world.people["professional"])
    response = client.post(
        reverse("requests:refer"),
        {
            "organisation": world.organisation.pk,
            "activities": [Activity.objects.get(code="visiting").pk],
            "first_name": "Kees",
            "area": world.area.pk,
            "self_reliance": "2",
            "referral_consent": "on",
            "professional_care": "Wijkverpleging twee keer per week",
        },
    )
    assert response.status_code == 302, response.content.decode()
    help_request = HelpRequest.objects.get()
    assert help_request.referred_by == world.people["professional"]
    assert help_request.responsible_professional is None

    coordinator = world.people["coordinator"]
    client.force_login(coordinator)
    client.post(reverse("requests:step", args=[help_request.pk]), {"step": "start_intake"})
    response = client.post(reverse("requests:step", args=[help_request.pk]), {"step": "ready"})
    assert response.status_code == 400
    assert (
        "regiehouder" in response.content.decode()
        or "verantwoordelijke" in response.content.decode()
    )
    help_request.refresh_from_db()
    assert help_request.status == "in_intake"

    help_request.responsible_professional = world.people["professional"]
    help_request.save()
    client.post(reverse("requests:step", args=[help_request.pk]), {"step": "ready"})
    help_request.refresh_from_db()
    assert help_request.status == "ready"
    # The professional sees the status of the referral.
    client.force_login(world.people["professional"])
    page = client.get(reverse("start:professional")).content.decode()
    assert help_request.reference in page and "klaar om te koppelen" in page


def test_coordinator_splits_company_and_washing(
    client, world, homecare, django_capture_on_commit_callbacks
):
    visiting = Activity.objects.get(code="visiting")
    washing = Activity.objects.get(code="washing")
    help_request = HelpRequestFactory.in_intake(
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        source="carer",
        first_name="Jo",
        contact_email="jo@example.nl",
        activities=[visiting, washing],
    )
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("requests:detail", args=[help_request.pk])).content.decode()
    assert "nee: alleen beroepskrachten" in page

    help_request.self_reliance = 4
    help_request.save()
    response = client.post(reverse("requests:step", args=[help_request.pk]), {"step": "ready"})
    assert response.status_code == 400  # not ready while formal care is still in it
    assert "Splits ze eerst af" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("requests:split", args=[help_request.pk]),
            {"organisation": homecare.pk, "note": "Hulp bij douchen"},
        )
    assert response.status_code == 302
    assert list(help_request.activities.all()) == [visiting]
    referral = help_request.professional_referrals.get()
    assert referral.organisation == homecare and list(referral.activities.all()) == [washing]
    signal = SubstitutionSignal.objects.get()
    assert (signal.activity, signal.kind, signal.reference) == (
        washing,
        "request_split",
        help_request.reference,
    )
    deliver_due()
    told = [m for m in mail.outbox if "jo@example.nl" in m.to]
    assert told and "beroepskrachten" in told[0].body and homecare.name in told[0].body


def test_central_desk_routes_member_returns_desk_routes_elsewhere(client, world):
    second = OrganisationFactory(municipality=world.municipality, name="Maatjes")
    world.network.members.add(second)
    help_request = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.desk,
        source="citizen",
        first_name="Piet",
    )
    client.force_login(world.people["desk"])
    client.post(
        reverse("requests:route", args=[help_request.pk]),
        {"organisation": world.organisation.pk, "reason": "Dicht bij huis"},
    )
    help_request.refresh_from_db()
    assert (help_request.status, help_request.organisation) == ("routed", world.organisation)

    client.force_login(world.people["coordinator"])
    response = client.post(reverse("requests:step", args=[help_request.pk]), {"step": "return"})
    assert response.status_code == 400  # a reason is required
    client.post(
        reverse("requests:step", args=[help_request.pk]),
        {"step": "return", "reason": "Geen vrijwilliger in deze wijk"},
    )
    help_request.refresh_from_db()
    assert (help_request.status, help_request.organisation) == ("returned", world.desk)
    # The member no longer sees it.
    assert client.get(reverse("requests:detail", args=[help_request.pk])).status_code == 404

    client.force_login(world.people["desk"])
    page = client.get(reverse("requests:desk")).content.decode()
    assert help_request.reference in page
    client.post(reverse("requests:route", args=[help_request.pk]), {"organisation": second.pk})
    help_request.refresh_from_db()
    assert (help_request.status, help_request.organisation) == ("routed", second)
    steps = list(help_request.transitions.values_list("name", "actor__username"))
    assert steps == [("route", "desk"), ("return", "coordinator"), ("route", "desk")]


def test_coordinator_of_another_organisation_gets_404(client, world):
    help_request = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.organisation,
        source="citizen",
        first_name="Piet",
    )
    client.force_login(world.people["stranger"])
    for name in ("requests:detail",):
        assert client.get(reverse(name, args=[help_request.pk])).status_code == 404
    for name in (
        "requests:step",
        "requests:route",
        "requests:split",
        "requests:note",
        "requests:classify",
    ):
        assert (
            client.post(reverse(name, args=[help_request.pk]), {"step": "start_intake"}).status_code
            == 404
        )
    help_request.refresh_from_db()
    assert help_request.status == "submitted"


def test_illegal_step_is_refused_with_a_clear_message(client, world):
    help_request = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.organisation,
        source="citizen",
        first_name="Piet",
    )
    client.force_login(world.people["coordinator"])
    response = client.post(reverse("requests:step", args=[help_request.pk]), {"step": "close"})
    assert response.status_code == 400
    assert re.search("niet mogelijk", response.content.decode())


def test_queue_puts_urgent_and_oldest_first_and_filters(client, world):
    normal = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.organisation,
        source="citizen",
        first_name="Eerst",
    )
    urgent = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.other_area,
        organisation=world.organisation,
        source="professional",
        first_name="Dringend",
        urgency="high",
    )
    client.force_login(world.people["coordinator"])
    page = client.get(reverse("requests:queue")).content.decode()
    assert page.index(urgent.reference) < page.index(normal.reference)
    page = client.get(reverse("requests:queue"), {"area": world.area.pk}).content.decode()
    assert normal.reference in page and urgent.reference not in page
    page = client.get(reverse("requests:queue"), {"source": "professional"}).content.decode()
    assert urgent.reference in page and normal.reference not in page
    # One click from the queue: start the intake.
    response = client.post(
        reverse("requests:step", args=[normal.pk]), {"step": "start_intake", "next": "queue"}
    )
    assert response["Location"] == reverse("requests:queue")
    normal.refresh_from_db()
    assert normal.status == "in_intake"


def test_intake_is_saved_and_a_read_is_audited(client, world):
    from auditlog.models import LogEntry

    help_request = HelpRequestFactory.in_intake(
        coordinator=world.people["coordinator"],
        area=world.area,
        organisation=world.organisation,
        first_name="Piet",
    )
    client.force_login(world.people["coordinator"])
    client.get(reverse("requests:detail", args=[help_request.pk]))
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(help_request.pk)
    ).exists()
    visiting = Activity.objects.get(code="visiting")
    response = client.post(
        reverse("requests:classify", args=[help_request.pk]),
        {
            "activities": [visiting.pk],
            "self_reliance": "4",
            "urgency": "high",
            "slots": ["mon-morning", "tue-evening"],
            "languages": "nl,ar",
        },
    )
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.self_reliance == 4 and help_request.urgency == "high"
    assert help_request.languages == "nl,ar"
    assert list(help_request.activities.all()) == [visiting]


def test_a_signed_in_citizen_withdraws_their_own_request_from_the_start_page(client, world):
    from meedoen.requests.models import HelpRequest

    mine = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.organisation,
        source="citizen",
        first_name="Anna",
        requester=world.people["citizen"],
    )
    theirs = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.organisation,
        source="carer",
        first_name="Mo",
        requester=world.people["carer"],
    )
    client.force_login(world.people["citizen"])
    page = client.get(reverse("start:citizen")).content.decode()
    assert reverse("requests:withdraw_own", args=[mine.pk]) in page
    assert client.post(reverse("requests:withdraw_own", args=[theirs.pk])).status_code == 404
    client.post(reverse("requests:withdraw_own", args=[mine.pk]), {"confirm": "yes"})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == "withdrawn" and theirs.status == "submitted"
    step = mine.transitions.last()
    assert step.name == "withdraw" and step.actor == world.people["citizen"]
    page = client.get(reverse("start:citizen")).content.decode()
    assert reverse("requests:withdraw_own", args=[mine.pk]) not in page


def test_who_handles_a_request_is_who_the_workflow_lets_handle_it(world):
    """The short check the suggestions use agrees with the workflow's roles, for everyone:
    the coordinator of the handling organisation and administrators, never the desk's
    coordinator, the requester or a stranger."""
    ours = HelpRequestFactory(organisation=world.organisation, area=world.area)
    at_the_desk = HelpRequestFactory(organisation=world.desk, area=world.area)
    handling = set()
    for help_request in (ours, at_the_desk):
        for name, person in world.people.items():
            handles = services.handles(person, help_request)
            assert handles == (workflow.HANDLER in services.actor_roles(person, help_request))
            if handles:
                handling.add((help_request, name))
    assert handling == {
        (ours, "coordinator"),
        (ours, "admin"),
        (at_the_desk, "desk"),
        (at_the_desk, "admin"),
    }


def test_a_failed_request_lists_every_error_and_links_each_to_the_fields_it_is_about(client, world):
    response = client.post(
        reverse("requests:ask"),
        public_form(world, activities=[], description="", contact_phone="", first_name=""),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert duplicate_ids(page) == []
    summary = by_id(page, "id__error-summary")
    assert summary["tabindex"] == "-1" and summary["data-title-prefix"] == "3 fouten"
    for field in ("activities_0_0", "first_name", "contact_phone"):
        assert f'href="#id_{field}"' in page
    # "Telephone or e-mail" is about both fields, "what or in your own words" about both too.
    for field, error in (
        ("contact_phone", "id_contact_phone_error"),
        ("contact_email", "id_contact_phone_error"),
        ("description", "id_activities_error"),
    ):
        attrs = by_id(page, f"id_{field}")
        assert attrs["aria-invalid"] == "true" and error in attrs["aria-describedby"].split()
        by_id(page, error)  # what it points to is on the page


def test_a_step_refused_for_want_of_a_reason_points_to_its_reason_field(client, world):
    help_request = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.desk,
        source="citizen",
        first_name="Piet",
    )
    client.force_login(world.people["desk"])
    client.post(
        reverse("requests:route", args=[help_request.pk]),
        {"organisation": world.organisation.pk},
    )
    client.force_login(world.people["coordinator"])
    response = client.post(
        reverse("requests:step", args=[help_request.pk]), {"step": "return", "reason": "  "}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#reason-return"' in page and duplicate_ids(page) == []
    assert "<title>Hulpvraag van Piet · Meedoen</title>" in page  # words, not a code
    reason = by_id(page, "reason-return")
    assert reason["aria-invalid"] == "true"
    assert (
        by_id(page, "reason-return_error")
        and "reason-return_error" in reason["aria-describedby"].split()
    )


def test_withdrawing_asks_first_and_only_a_confirmation_withdraws(client, world):
    response = client.post(reverse("requests:ask"), public_form(world))
    token = response["Location"].split("/follow/")[1].split("/")[0]
    help_request = HelpRequest.objects.get()
    withdraw = reverse("requests:follow_withdraw", args=[token])
    asked = client.post(withdraw, {"reason": "Buurvrouw helpt"})
    page = asked.content.decode()
    assert asked.status_code == 200 and "Weet u zeker" in page
    assert 'name="confirm" value="yes"' in page and 'value="Buurvrouw helpt"' in page
    assert f'href="{reverse("requests:follow", args=[token])}"' in page  # "No": back
    help_request.refresh_from_db()
    assert help_request.status == "submitted"
    client.post(withdraw, {"reason": "Buurvrouw helpt", "confirm": "yes"})
    help_request.refresh_from_db()
    assert help_request.status == "withdrawn"
