"""Every write of the self-assessment: start a round, invite, answer, close, start the next
round. Each in one transaction; mail is queued through `meedoen.notify` in it."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from meedoen import limits, notify
from meedoen.cooperation import framework as fw
from meedoen.cooperation.models import Assessment, Participant
from meedoen.errors import DomainError
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_person
from meedoen.organisations.models import (
    Membership,
    Municipality,
    MunicipalityMembership,
    Organisation,
)
from meedoen.permissions import is_admin


class AssessmentRefused(DomainError):
    pass


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- Who may run an assessment where -------------------------------------------------------


def organisations_to_run(user: Any) -> list[Organisation]:
    """The organisations for which this person may start an assessment (coordinator or
    manager there)."""
    if user is None or not user.is_authenticated:
        return []
    ids = user.organisation_ids(Membership.Role.COORDINATOR, Membership.Role.MANAGER)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def municipalities_to_run(user: Any) -> list[Municipality]:
    """The municipalities for which this person may start one (policy officer there)."""
    if user is None or not user.is_authenticated:
        return []
    return list(Municipality.objects.filter(pk__in=user.policy_municipality_ids()).order_by("name"))


def runs(user: Any, assessment: Assessment) -> bool:
    return Assessment.objects.managed_by(user).filter(pk=assessment.pk).exists()


def _run_only(user: Any, assessment: Assessment) -> None:
    if not runs(user, assessment):
        raise AssessmentRefused(_("Only the people who run this assessment can do this."))


def _open_only(assessment: Assessment) -> None:
    if not assessment.is_open:
        raise AssessmentRefused(_("This assessment is closed."))


# --- Start ----------------------------------------------------------------------------------


@transaction.atomic
def start(
    by: Any,
    *,
    title: str,
    context: str,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
    organisations: Iterable[Organisation] = (),
) -> Assessment:
    """Start an assessment for an organisation (its coordinator or manager) or for a
    municipality (its policy officer)."""
    if context not in {c.value for c in fw.Context}:
        raise AssessmentRefused(_("Choose the context of the cooperation."))
    if not title.strip():
        raise AssessmentRefused(_("Give the cooperation a name."))
    if organisation is not None:
        allowed = is_admin(by) or organisation in organisations_to_run(by)
        municipality = organisation.municipality
    elif municipality is not None:
        allowed = is_admin(by) or municipality in municipalities_to_run(by)
    else:
        allowed = False
    if not allowed or municipality is None:
        raise AssessmentRefused(_("You cannot start an assessment for this organisation."))
    assessment = Assessment.objects.create(
        title=title.strip(),
        context=context,
        municipality=municipality,
        organisation=organisation,
        started_by=by,
    )
    members = {o.pk for o in organisations}
    if organisation is not None:
        members.add(organisation.pk)
    assessment.organisations.set(
        Organisation.objects.filter(pk__in=members, municipality=municipality)
    )
    return assessment


@transaction.atomic
def next_round(by: Any, previous: Assessment) -> Assessment:
    """A new round of the same cooperation, to see how it moved: same name, context and
    organisations; nobody is invited yet."""
    previous = Assessment.objects.select_for_update().get(pk=previous.pk)
    _run_only(by, previous)
    if previous.is_open:
        raise AssessmentRefused(_("Close this round before you start the next one."))
    if Assessment.objects.filter(previous=previous).exists():
        raise AssessmentRefused(_("The next round of this assessment has already started."))
    assessment = Assessment.objects.create(
        title=previous.title,
        context=previous.context,
        municipality=previous.municipality,
        organisation=previous.organisation,
        started_by=by,
        previous=previous,
        round=previous.round + 1,
    )
    assessment.organisations.set(previous.organisations.all())
    return assessment


# --- Invite ---------------------------------------------------------------------------------


def _perspective(value: str) -> str:
    if value not in {p.value for p in fw.Perspective}:
        raise AssessmentRefused(_("Choose the perspective this person answers from."))
    return value


def _words(participant: Participant, by: Any, link: str) -> tuple[str, str]:
    """The invitation's e-mail (subject, body) in the language now active."""
    subject = str(_("Your view on a cooperation in Meedoen"))
    body = str(
        _(
            "%(inviter)s asks you to answer a short questionnaire about the cooperation "
            '"%(title)s". You answer for this group: %(perspective)s.\n\n'
            "It takes about ten minutes. Open this link:\n%(link)s\n\n"
            "Your answers are only shown together with those of others."
        )
        % {
            "inviter": by.get_full_name() or by.username,
            "title": participant.assessment.title,
            "perspective": str(fw.Perspective(participant.perspective).label).lower(),
            "link": link,
        }
    )
    return subject, body


def _mail(participant: Participant, by: Any, link: str, recipient: str, language: str) -> None:
    with translation.override(language):
        subject, body = _words(participant, by, link)
    notify.send([recipient], subject, body, language=language)


def _limit(by: Any) -> None:
    if not limits.attempt(limits.ASSESSMENT_INVITATIONS, f"user:{by.pk}"):
        raise AssessmentRefused(
            _("You have sent many invitations in a short time. Try again in an hour.")
        )


@transaction.atomic
def invite_by_email(
    by: Any,
    assessment: Assessment,
    *,
    perspective: str,
    email: str,
    name: str = "",
    link_for: Callable[[Participant, str], str],
    language: str = "nl",
) -> tuple[Participant, str]:
    """Invite someone without an account: a private link that works for this assessment
    only, until it closes. Returns the participant and the link's token (kept nowhere)."""
    _run_only(by, assessment)
    _open_only(assessment)
    email = email.strip()
    if not email:
        raise AssessmentRefused(_("Fill in an e-mail address."))
    if assessment.participants.filter(email__iexact=email).exists():
        raise AssessmentRefused(_("This address has already been invited."))
    _limit(by)
    token = secrets.token_urlsafe(32)
    participant = Participant.objects.create(
        assessment=assessment,
        perspective=_perspective(perspective),
        email=email,
        name=name.strip(),
        digest=_digest(token),
        language=language,
        invited_by=by,
    )
    _mail(participant, by, link_for(participant, token), email, language)
    return participant, token


def invitable(assessment: Assessment) -> Any:
    """The accounts that may be invited to answer with their account: the active members and
    volunteers of the organisation that runs it, or the policy officers of the municipality
    that runs it; not those already invited."""
    User = get_user_model()
    if assessment.organisation_id is not None:
        people = User.objects.filter(
            Q(
                memberships__organisation_id=assessment.organisation_id,
                memberships__is_active=True,
            )
            | Q(
                volunteer_profile__enrolments__organisation_id=assessment.organisation_id,
                volunteer_profile__enrolments__status="active",
            )
        )
    else:
        people = User.objects.filter(
            municipality_memberships__municipality_id=assessment.municipality_id,
            municipality_memberships__is_active=True,
            municipality_memberships__role=MunicipalityMembership.Role.POLICY_OFFICER,
        )
    invited = assessment.participants.exclude(user=None).values("user_id")
    return people.filter(is_active=True).exclude(pk__in=invited).distinct()


@transaction.atomic
def invite_account(
    by: Any,
    assessment: Assessment,
    *,
    perspective: str,
    user: Any,
    link: str,
    language: str = "nl",
) -> Participant:
    """Invite someone with an account: they answer when signed in."""
    _run_only(by, assessment)
    _open_only(assessment)
    if assessment.participants.filter(user=user).exists():
        raise AssessmentRefused(_("This person has already been invited."))
    if not invitable(assessment).filter(pk=user.pk).exists():
        raise AssessmentRefused(
            _("Only members and volunteers of the organisation that runs it can be invited here.")
        )
    _limit(by)
    participant = Participant.objects.create(
        assessment=assessment,
        perspective=_perspective(perspective),
        user=user,
        language=language,
        invited_by=by,
    )
    # Someone with an account finds it among their notifications, and by e-mail as they chose.
    notify_person(
        [user],
        Kind.INVITATION,
        lambda: (
            _('You are asked for your view on the cooperation "%(title)s".')
            % {"title": assessment.title}
        ),
        reverse("cooperation:answer", args=[assessment.pk]),
        mail=lambda: _words(participant, by, link),
    )
    return participant


# --- Answer ---------------------------------------------------------------------------------


def by_token(assessment_id: int, token: str) -> Participant | None:
    """The participant of this link, only for this assessment and only while it is open."""
    if not token:
        return None
    return (
        Participant.objects.select_related("assessment")
        .filter(
            digest=_digest(token),
            assessment_id=assessment_id,
            assessment__closed_at__isnull=True,
        )
        .exclude(digest="")
        .first()
    )


def by_account(assessment_id: int, user: Any) -> Participant | None:
    if user is None or not user.is_authenticated:
        return None
    return (
        Participant.objects.select_related("assessment")
        .filter(assessment_id=assessment_id, user_id=user.pk)
        .first()
    )


@transaction.atomic
def answer(participant: Participant, answers: Mapping[str, Any]) -> Participant:
    """Keep a participant's answers (every question answered, on the scale); they may change
    them until the assessment closes."""
    participant = (
        Participant.objects.select_for_update().select_related("assessment").get(pk=participant.pk)
    )
    _open_only(participant.assessment)
    try:
        cleaned = {key: int(answers[key]) for key in fw.QUESTION_KEYS}
    except (KeyError, TypeError, ValueError):
        raise AssessmentRefused(_("Answer every question.")) from None
    if any(value not in fw.SCALE for value in cleaned.values()):
        raise AssessmentRefused(_("Answer every question with one of the choices."))
    participant.answers = cleaned
    participant.answered_at = timezone.now()
    participant.save(update_fields=["answers", "answered_at"])
    return participant


# --- Close ----------------------------------------------------------------------------------


@transaction.atomic
def close(by: Any, assessment: Assessment) -> Assessment:
    """Close the round: answers can no longer change, the links stop working and the
    addresses and names of the people invited by e-mail are deleted."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _run_only(by, assessment)
    _open_only(assessment)
    assessment.closed_at = timezone.now()
    assessment.save(update_fields=["closed_at"])
    forget_addresses(assessment)
    return assessment


def forget_addresses(assessment: Assessment) -> None:
    invited = assessment.participants.filter(user__isnull=True)
    notify.forget(invited.values_list("email", flat=True))
    invited.update(email="", name="", digest="")
    assessment.participants.filter(user__isnull=False).update(digest="")


# --- Result ---------------------------------------------------------------------------------


def responses(assessment: Assessment) -> list[fw.Response]:
    return [
        fw.Response(fw.Perspective(p.perspective), p.answers)
        for p in assessment.participants.filter(answered_at__isnull=False).order_by("pk")
    ]


def result(assessment: Assessment) -> fw.Result | None:
    """The result of a round; None while fewer than three people answered, so that no one's
    answers can be read off."""
    found = responses(assessment)
    if len(found) < fw.MINIMUM_GROUP:
        return None
    return fw.assess(found, fw.Context(assessment.context))


def may_see_result(user: Any, assessment: Assessment) -> bool:
    """Those who run it, at any time; a participant with an account once it has closed."""
    if runs(user, assessment):
        return True
    return not assessment.is_open and by_account(assessment.pk, user) is not None
