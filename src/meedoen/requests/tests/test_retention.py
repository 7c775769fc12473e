from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from meedoen.requests import services
from meedoen.requests.models import HelpRequest
from meedoen.requests.tests.factories import HelpRequestFactory


def test_ended_requests_are_anonymised_after_the_retention_period(world):
    world.municipality.retention_days = 30
    world.municipality.save()
    old = timezone.now() - timedelta(days=31)
    submitted = services.submit_public(
        data={
            "area": world.area,
            "source": "carer",
            "first_name": "Truus",
            "contact_phone": "0612345678",
            "description": "Boodschappen",
            "requester_name": "Jan",
        },
        activities=[],
        address="10.0.0.1",
        language="nl",
    )
    expired = submitted.help_request
    services.add_note(expired.pk, "Mijn adres is ...", from_requester=True)
    services.take_step(expired.pk, "withdraw", None, by_requester_link=True)
    HelpRequest.objects.filter(pk=expired.pk).update(status_changed_at=old)  # withdrawn long ago
    recent = HelpRequestFactory.in_state(  # ended, but recently
        "declined", area=world.area, organisation=world.organisation, first_name="Kees"
    )
    still_open = HelpRequestFactory(
        area=world.area, organisation=world.organisation, first_name="Piet"
    )
    HelpRequest.objects.filter(pk=still_open.pk).update(status_changed_at=old)

    out = StringIO()
    call_command("anonymise_requests", stdout=out)
    assert "1 help requests anonymised" in out.getvalue()
    expired.refresh_from_db()
    assert (
        expired.first_name,
        expired.contact_phone,
        expired.description,
        expired.requester_name,
    ) == ("", "", "", "")
    assert expired.anonymised_at is not None
    assert expired.notes.get().text == ""
    assert services.find_by_token(submitted.token) is None  # the private link no longer works
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.first_name == "Kees" and still_open.first_name == "Piet"

    call_command("anonymise_requests", stdout=StringIO())  # idempotent
    assert HelpRequest.objects.filter(anonymised_at__isnull=False).count() == 1
