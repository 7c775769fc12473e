"""Messages about a request to the people involved, sent after the change has been saved.

Least data: a message names the request by its reference and says what happened in plain
words; the details stay in Meedoen, behind a sign-in or the private link.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from meedoen.notify import send as _send

TELL_REQUESTER = {"match", "decline", "refer", "split"}
TELL_REFERRER = {"match", "decline", "refer", "split", "withdraw"}


def _coordinator_emails(organisation_id):
    from meedoen.organisations.models import Membership

    return Membership.objects.filter(
        organisation_id=organisation_id, role="coordinator", is_active=True
    ).values_list("user__email", flat=True)


def _staff_emails(organisation_id, *roles):
    from meedoen.organisations.models import Membership

    return [
        email
        for email in Membership.objects.filter(
            organisation_id=organisation_id, role__in=roles, is_active=True
        ).values_list("user__email", flat=True)
        if email
    ]


def _desk_emails(organisation):
    from meedoen.organisations.models import Network

    emails: list[str] = []
    for desk_id in sorted(Network.desk_ids_for(organisation) - {getattr(organisation, "pk", None)}):
        emails += _staff_emails(desk_id, "coordinator")
    return emails


def referral_answered(referral_id: int) -> None:
    """Tell the sender (the coordinators of the organisation that split the request, the
    referring professional) and the person who asked how the referral was answered."""
    from meedoen.requests.models import ProfessionalReferral

    referral = ProfessionalReferral.objects.select_related(
        "help_request__referred_by", "organisation"
    ).get(pk=referral_id)
    help_request = referral.help_request
    with translation.override(help_request.language):
        body = referral.plain_status
        if referral.answer_reason:
            body += "\n\n" + _("Reason: %(reason)s") % {"reason": referral.answer_reason}
        _send(
            [help_request.contact_email],
            _("Your help request %(reference)s") % {"reference": help_request.reference},
            body,
        )
        if help_request.referred_by:
            _send(
                [help_request.referred_by.email],
                _("Your referral %(reference)s") % {"reference": help_request.reference},
                body,
            )
    # The coordinators who sent it are notified by the answer itself, by e-mail as they chose.


def answered_mail(help_request, referral) -> tuple[str, str]:
    return (
        _("Referral %(reference)s answered") % {"reference": help_request.reference},
        _("%(organisation)s has answered the referral of help request %(reference)s: %(answer)s.")
        % {
            "organisation": referral.organisation,
            "reference": help_request.reference,
            "answer": referral.get_status_display(),
        },
    )


def referral_overdue(referral_id: int) -> None:
    """Tell the sender and the central desk that a referral has not been answered in time."""
    from meedoen.requests.models import ProfessionalReferral

    referral = ProfessionalReferral.objects.select_related(
        "help_request__organisation", "organisation"
    ).get(pk=referral_id)
    help_request = referral.help_request
    _send(
        [
            *_staff_emails(help_request.organisation_id, "coordinator"),
            *_desk_emails(help_request.organisation),
        ],
        _("Referral %(reference)s not answered") % {"reference": help_request.reference},
        _(
            "%(organisation)s has not answered the referral of help request %(reference)s in "
            "time. Please contact them, so that nothing referred gets lost."
        )
        % {"organisation": referral.organisation, "reference": help_request.reference},
    )


def step_taken(help_request_id: int, step: str, reason: str = "") -> None:
    from meedoen.requests.models import HelpRequest

    help_request = HelpRequest.objects.select_related("referred_by").get(pk=help_request_id)
    with translation.override(help_request.language):
        subject = _("Your help request %(reference)s") % {"reference": help_request.reference}
        body = help_request.plain_status
        if reason and step in ("decline", "refer"):
            body += "\n\n" + _("Reason: %(reason)s") % {"reason": reason}
        if step in TELL_REQUESTER:
            _send([help_request.contact_email], subject, body)
        if step in TELL_REFERRER and help_request.referred_by:
            _send(
                [help_request.referred_by.email],
                _("Your referral %(reference)s") % {"reference": help_request.reference},
                body,
            )
    if step in ("route", "return"):
        subject = _("Help request %(reference)s: %(status)s") % {
            "reference": help_request.reference,
            "status": help_request.get_status_display(),
        }
        text = _("Help request %(reference)s needs your attention in Meedoen.") % {
            "reference": help_request.reference
        }
        if reason:
            text += "\n\n" + _("Reason: %(reason)s") % {"reason": reason}
        _send(_coordinator_emails(help_request.organisation_id), subject, text)


def request_split(help_request_id: int, referral_id: int) -> None:
    from meedoen.requests.models import HelpRequest, ProfessionalReferral

    help_request = HelpRequest.objects.select_related("referred_by").get(pk=help_request_id)
    referral = ProfessionalReferral.objects.select_related("organisation").get(pk=referral_id)
    with translation.override(help_request.language):
        body = split_explanation(help_request, referral)
        subject = _("Your help request %(reference)s") % {"reference": help_request.reference}
        _send([help_request.contact_email], subject, body)
        if help_request.referred_by:
            _send(
                [help_request.referred_by.email],
                _("Your referral %(reference)s") % {"reference": help_request.reference},
                body,
            )
    # The organisation's own address; its coordinators and professionals are notified by
    # the split itself (`services.split_and_refer`), by e-mail as they chose.
    _send([referral.organisation.email], *referral_mail(help_request, referral))


def referral_mail(help_request, referral) -> tuple[str, str]:
    return (
        _("Referral from Meedoen: %(reference)s") % {"reference": help_request.reference},
        _(
            "A request in Meedoen asks for care that professionals give. You find it in the "
            "referrals received by %(receiver)s in Meedoen: accept it or return it there. It was "
            "sent by %(organisation)s."
        )
        % {"receiver": referral.organisation, "organisation": help_request.organisation},
    )


def split_explanation(help_request, referral) -> str:
    """What the split means, in words the person who asked understands."""
    activities = ", ".join(a.name for a in referral.activities.all())
    return _(
        "Volunteers may not help with %(activities)s: that is care that professionals give. "
        "We have passed this part of your question on to %(organisation)s. They will contact "
        "you. For the rest of your question we are looking for a volunteer."
    ) % {"activities": activities, "organisation": referral.organisation}
