"""After asking for help: the private link in a box to copy, and also by e-mail when the
person gave an e-mail address."""

from __future__ import annotations

from django.urls import reverse

from meedoen.models import OutgoingMail
from meedoen.requests.tests.test_request_desk import public_form


def test_the_private_link_is_also_sent_to_the_e_mail_address_given(client, world):
    response = client.post(
        reverse("requests:ask"), public_form(world, contact_email="truus@example.nl")
    )
    follow_path = response["Location"].split("?")[0]
    message = OutgoingMail.objects.get()
    assert message.recipients == ["truus@example.nl"]
    assert f"http://testserver{follow_path}" in message.body
    assert "niet door" in message.body  # in the language the question was asked in

    page = client.get(response["Location"]).content.decode()
    assert "We hebben deze link ook naar uw e-mailadres gestuurd." in page
    assert f'id="follow-link">http://testserver{follow_path}</code>' in page
    assert 'data-meedoen-copy="follow-link"' in page
    # The sentence and the box are for the page just after asking, not for later visits.
    later = client.get(follow_path).content.decode()
    assert 'id="follow-link"' not in later


def test_without_an_e_mail_address_nothing_is_sent_and_the_page_does_not_say_so(client, world):
    response = client.post(reverse("requests:ask"), public_form(world))
    assert not OutgoingMail.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "ook naar uw e-mailadres" not in page
    assert 'id="follow-link"' in page
