"""Every write to a help request: in one transaction, checked against the workflow table."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen import limits, notify
from meedoen.accounts.models import User
from meedoen.catalogue import policy
from meedoen.catalogue.models import Activity
from meedoen.errors import DomainError
from meedoen.i18n import written_language
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_person, staff_of
from meedoen.organisations.models import Network, Organisation, SubstitutionSignal
from meedoen.permissions import is_admin
from meedoen.requests import notifications, referrals, signals, workflow
from meedoen.requests.models import (
    HelpRequest,
    ProfessionalReferral,
    RequestNote,
    RequestTransition,
)


class RequestError(DomainError):
    """A write that cannot be done; the message is for the person who tried."""


class RateLimited(RequestError):
    pass


# --- who is acting ----------------------------------------------------------------------


def handles(user, help_request: HelpRequest) -> bool:
    """Whether this user acts as the handling coordinator of this request (`actor_roles`
    holds HANDLER), without reading the networks that only the desk's role needs."""
    if user is None or not user.is_authenticated:
        return False
    return is_admin(user) or help_request.organisation_id in user.organisation_ids("coordinator")


def actor_roles(user, help_request: HelpRequest) -> set[str]:
    """The workflow roles this user has for this request."""
    roles: set[str] = set()
    if user is None or not user.is_authenticated:
        return roles
    if user.pk in (help_request.requester_id, help_request.referred_by_id):
        roles.add(workflow.REQUESTER)
    if is_admin(user):
        return roles | {workflow.HANDLER, workflow.DESK}
    coordinated = user.organisation_ids("coordinator")
    if help_request.organisation_id in coordinated:
        roles.add(workflow.HANDLER)
    if coordinated & Network.desk_ids_for(help_request.organisation):
        roles.add(workflow.DESK)
    return roles


# --- access by private link -------------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


#: A private link keeps working this long after its request was finished (closed, withdrawn,
#: declined, handed over), so the person can read how it ended; then it stops. The request
#: itself is kept for the municipality's retention period, out of reach of the link.
LINK_AFTER_END = timedelta(days=30)


def link_ended(help_request: HelpRequest, now=None) -> bool:
    """Whether the private link of this request no longer opens it."""
    if help_request.status not in workflow.FINAL or help_request.status_changed_at is None:
        return False
    return help_request.status_changed_at < (now or timezone.now()) - LINK_AFTER_END


def find_by_token(token: str) -> HelpRequest | None:
    if not token or len(token) > 100:
        return None
    return HelpRequest.objects.filter(
        access_token_hash=_hash_token(token), anonymised_at__isnull=True
    ).first()


# --- recording --------------------------------------------------------------------------


def _record(help_request, name, from_status, user, role, reason="", organisation=None):
    RequestTransition.objects.create(
        help_request=help_request,
        name=name,
        from_status=from_status,
        to_status=help_request.status,
        actor=user if user and user.is_authenticated else None,
        actor_role=role,
        organisation=organisation,
        reason=reason,
    )


def _set_status(help_request, status):
    help_request.status = status
    help_request.status_changed_at = timezone.now()


# --- new requests -----------------------------------------------------------------------


@dataclass
class Submitted:
    help_request: HelpRequest
    token: str


def receiving_organisation(area) -> Organisation | None:
    """Where a request from this area goes first: the central desk, else a volunteer group."""
    municipality = area.municipality
    desk = Organisation.objects.filter(municipality=municipality, is_central_desk=True).first()
    if desk is not None:
        return desk
    return (
        Organisation.objects.volunteer_led()
        .filter(municipality=municipality, areas=area)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def submit_public(
    *, data: dict, activities, address: str, language: str, link_for=None
) -> Submitted:
    """A citizen or informal carer asks for help through the public form. With `link_for`
    (token -> the private link's full address) and an e-mail address given, the link is also
    sent to that address, so it is not lost with the page."""
    if not limits.attempt(limits.PUBLIC_FORM, address):
        raise RateLimited(
            _(
                "Many questions were sent from here in the last hour. Please try again later, "
                "or call us."
            )
        )
    token = secrets.token_urlsafe(24)
    area = data["area"]
    help_request = HelpRequest.objects.create(
        municipality=area.municipality,
        area=area,
        organisation=receiving_organisation(area),
        access_token_hash=_hash_token(token),
        consent_given_at=timezone.now(),
        language=language,
        **{k: v for k, v in data.items() if k != "area"},
    )
    help_request.activities.set(activities)
    _record(help_request, "submit", "", None, workflow.REQUESTER)
    if link_for is not None and help_request.contact_email:
        notify.send(
            [help_request.contact_email],
            _("Your question to Meedoen: %(reference)s") % {"reference": help_request.reference},
            _(
                "We have received your question %(reference)s. With this private link you can "
                "follow it, add information or withdraw it:\n\n%(link)s\n\nAnyone with the "
                "link can see your question, so do not share it."
            )
            % {"reference": help_request.reference, "link": link_for(token)},
            language=language,
        )
    return Submitted(help_request, token)


@transaction.atomic
def refer_client(
    *, professional, data: dict, activities, organisation, takes_responsibility, language: str
) -> HelpRequest:
    """A professional refers a client to volunteer support."""
    referring = (
        professional.memberships.filter(role="professional", is_active=True)
        .select_related("organisation")
        .first()
    )
    area = data["area"]
    help_request = HelpRequest.objects.create(
        municipality=area.municipality,
        area=area,
        organisation=organisation,
        source=HelpRequest.Source.PROFESSIONAL,
        referred_by=professional,
        referring_organisation=referring.organisation if referring else None,
        responsible_professional=professional if takes_responsibility else None,
        consent_given_at=timezone.now(),
        language=language,
        **{k: v for k, v in data.items() if k != "area"},
    )
    help_request.activities.set(activities)
    _record(help_request, "submit", "", professional, workflow.REQUESTER)
    return help_request


def check_received_at(moment) -> None:
    """A request came in at `moment`: not in the future, not before 2000."""
    problem = workflow.received_on_problem(timezone.localdate(moment), timezone.localdate())
    if problem:
        raise RequestError(problem)


@transaction.atomic
def register_by_coordinator(
    *,
    coordinator,
    data: dict,
    activities,
    organisation,
    source,
    language: str,
    received_at=None,
) -> HelpRequest:
    """A coordinator registers a request that came in by telephone, at the desk, on paper or
    in an earlier system; `received_at` is when it came in (now, when not given)."""
    if received_at is not None:
        check_received_at(received_at)
    area = data["area"]
    help_request = HelpRequest.objects.create(
        municipality=area.municipality,
        area=area,
        organisation=organisation,
        source=source,
        consent_given_at=timezone.now(),
        language=language,
        **({"received_at": received_at} if received_at is not None else {}),
        **{k: v for k, v in data.items() if k != "area"},
    )
    help_request.activities.set(activities)
    _record(help_request, "submit", "", coordinator, workflow.HANDLER)
    return help_request


# --- steps ------------------------------------------------------------------------------


def _locked(help_request_id) -> HelpRequest:
    return (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("organisation", "area", "municipality")
        .get(pk=help_request_id)
    )


def boundary_decisions(help_request: HelpRequest, activities=None):
    """For each activity: the boundary policy's decision under the handling organisation."""
    organisation_policy = (
        help_request.organisation.boundary_policy
        if help_request.organisation
        else policy.DEFAULT_POLICY
    )
    activities = activities if activities is not None else help_request.activities.all()
    return [
        (activity, policy.decide(organisation_policy, activity.level, help_request.self_reliance))
        for activity in activities
    ]


def readiness_problems(help_request: HelpRequest) -> list[str]:
    decisions = boundary_decisions(help_request)
    return workflow.readiness_problems(
        has_activities=bool(decisions),
        closed_activities=[a.name for a, d in decisions if not d.volunteer_allowed],
        self_reliance=help_request.self_reliance,
        has_responsible_professional=help_request.responsible_professional_id is not None,
    )


def responsible_professionals(organisation):
    """Who may take responsibility for what an organisation accepts (a referral, or a request
    a central desk routed to it): its active professionals."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role="professional",
            memberships__is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def _check_responsible(professional, organisation) -> None:
    if not responsible_professionals(organisation).filter(pk=professional.pk).exists():
        raise RequestError(
            _("Choose a professional of %(organisation)s.") % {"organisation": organisation}
        )


@transaction.atomic
def take_step(
    help_request_id,
    name: str,
    user,
    reason: str = "",
    *,
    by_requester_link: bool = False,
    by_system: bool = False,
    responsible=None,
) -> HelpRequest:
    """Apply one step of the workflow, if the table and the rules allow it. Accepting a
    request a central desk routed, the coordinator may name the professional of their
    organisation who takes responsibility (`responsible`), as with a referral."""
    help_request = _locked(help_request_id)
    if by_system:
        roles = {workflow.SYSTEM}
    elif by_requester_link:
        roles = {workflow.REQUESTER}
    else:
        roles = actor_roles(user, help_request)
    try:
        step = workflow.check(name, help_request.status, roles, reason)
    except workflow.TransitionError as exc:
        raise RequestError(str(exc)) from exc
    if name == "ready":
        problems = readiness_problems(help_request)
        if problems:
            raise RequestError(" ".join(problems))
    if responsible is not None:
        if name != "accept":
            raise RequestError(_("Only accepting names who takes responsibility."))
        if help_request.responsible_professional_id not in (None, responsible.pk):
            raise RequestError(_("This request already has a responsible professional."))
        _check_responsible(responsible, help_request.organisation)
        help_request.responsible_professional = responsible
    organisation = None
    if name == "return":
        desks = Network.desk_ids_for(help_request.organisation) - {help_request.organisation_id}
        last_route = help_request.transitions.filter(name="route").last()
        desk_id = last_route.organisation_id if last_route else None
        if desk_id not in desks:
            desk_id = min(desks) if desks else None
        if desk_id is None:
            raise RequestError(_("This request did not come from a central desk."))
        organisation = help_request.organisation
        help_request.organisation_id = desk_id
    from_status = help_request.status
    _set_status(help_request, step.target)
    help_request.save()
    role = workflow.REQUESTER if by_requester_link else _main_role(roles)
    _record(help_request, name, from_status, user, role, reason, organisation)
    notify.after_commit(lambda: notifications.step_taken(help_request.pk, name, reason))
    return help_request


def _main_role(roles: set[str]) -> str:
    for role in (workflow.HANDLER, workflow.DESK, workflow.REQUESTER, workflow.SYSTEM):
        if role in roles:
            return role
    return ""


@transaction.atomic
def route(help_request_id, member: Organisation, user, reason: str = "") -> HelpRequest:
    """The central desk passes a request to one of its member organisations."""
    help_request = _locked(help_request_id)
    roles = actor_roles(user, help_request)
    try:
        workflow.check("route", help_request.status, roles, reason)
    except workflow.TransitionError as exc:
        raise RequestError(str(exc)) from exc
    coordinated = user.organisation_ids("coordinator") if not is_admin(user) else None
    desks = Network.objects.filter(members=member)
    if coordinated is not None:
        desks = desks.filter(desk_id__in=coordinated)
    desk_network = desks.filter(desk_id__in=Network.desk_ids_for(help_request.organisation)).first()
    if desk_network is None:
        raise RequestError(
            _("%(organisation)s is not a member of your network.") % {"organisation": member}
        )
    if member.pk == help_request.organisation_id:
        raise RequestError(
            _("The request is already with %(organisation)s.") % {"organisation": member}
        )
    from_status = help_request.status
    help_request.organisation = member
    _set_status(help_request, workflow.ROUTED)
    help_request.save()
    _record(
        help_request,
        "route",
        from_status,
        user,
        workflow.DESK,
        reason,
        organisation=desk_network.desk,
    )
    notify.after_commit(lambda: notifications.step_taken(help_request.pk, "route", reason))
    return help_request


@transaction.atomic
def classify(help_request_id, user, *, activities, fields: dict) -> HelpRequest:
    """Intake: the coordinator records what is needed and for whom."""
    help_request = _locked(help_request_id)
    if workflow.HANDLER not in actor_roles(user, help_request):
        raise RequestError(_("Only a coordinator of the handling organisation can do the intake."))
    if help_request.status not in (workflow.IN_INTAKE, workflow.SUBMITTED, workflow.RETURNED):
        raise RequestError(_("The intake can only be changed while the request is in intake."))
    if fields.get("received_at") is not None:
        check_received_at(fields["received_at"])
    for name, value in fields.items():
        setattr(help_request, name, value)
    help_request.save()
    help_request.activities.set(activities)
    return help_request


@transaction.atomic
def split_and_refer(
    help_request_id, user, *, organisation: Organisation, note: str = ""
) -> ProfessionalReferral:
    """Split the formal care off a request and refer it to a professional organisation.

    What volunteers may do stays in the request; the rest goes to the professionals, and every
    activity split off is a substitution signal. A request with nothing left is referred whole.
    """
    help_request = _locked(help_request_id)
    if workflow.HANDLER not in actor_roles(user, help_request):
        raise RequestError(
            _("Only a coordinator of the handling organisation can split a request.")
        )
    if help_request.status not in (workflow.SUBMITTED, workflow.IN_INTAKE):
        raise RequestError(_("A request can only be split during intake."))
    if not organisation.is_professional:
        raise RequestError(_("Refer formal care to an organisation of professionals."))
    closed = [a for a, d in boundary_decisions(help_request) if not d.volunteer_allowed]
    if not closed:
        raise RequestError(_("Everything in this request is volunteer work: nothing to split."))
    referral = ProfessionalReferral.objects.create(
        help_request=help_request,
        organisation=organisation,
        note=note,
        created_by=user,
        language=written_language(),
    )
    referral.activities.set(closed)
    help_request.activities.remove(*closed)
    whole = not help_request.activities.exists()
    kind = (
        SubstitutionSignal.Kind.REQUEST_REFERRED if whole else SubstitutionSignal.Kind.REQUEST_SPLIT
    )
    SubstitutionSignal.objects.bulk_create(
        [
            SubstitutionSignal(
                organisation=help_request.organisation,
                activity=activity,
                kind=kind,
                reference=help_request.reference,
            )
            for activity in closed
        ]
    )
    names = ", ".join(a.name for a in closed)
    reason = _("Referred to %(organisation)s: %(activities)s.") % {
        "organisation": organisation,
        "activities": names,
    }
    if whole:
        from_status = help_request.status
        _set_status(help_request, workflow.REFERRED)
        help_request.save()
        _record(help_request, "refer", from_status, user, workflow.HANDLER, reason, organisation)
    else:
        _record(
            help_request, "split", help_request.status, user, workflow.HANDLER, reason, organisation
        )
    notify.after_commit(lambda: notifications.request_split(help_request.pk, referral.pk))
    notify_person(
        staff_of(organisation.pk, "coordinator", "professional"),
        Kind.HANDOVER,
        lambda: (
            _("%(organisation)s refers care to your organisation: accept or return it.")
            % {"organisation": help_request.organisation.name}
        ),
        reverse("requests:received", args=[referral.pk]),
        mail=notifications.referral_mail(help_request, referral),
    )
    return referral


@transaction.atomic
def add_note(help_request_id, text: str, *, user=None, from_requester: bool) -> RequestNote:
    help_request = _locked(help_request_id)
    if from_requester and not help_request.is_open:
        raise RequestError(_("This question is no longer open; information cannot be added."))
    return RequestNote.objects.create(
        help_request=help_request,
        author=user if user and user.is_authenticated else None,
        from_requester=from_requester,
        text=text.strip(),
    )


# --- referrals received by a professional organisation ---------------------------------


def receiver_roles(user, referral: ProfessionalReferral) -> set[str]:
    """The roles this user has for a referral: RECEIVER when they are a coordinator or a
    professional of the organisation that received it (administrators too)."""
    if user is None or not user.is_authenticated:
        return set()
    if is_admin(user) or referral.organisation_id in user.organisation_ids(
        "coordinator", "professional"
    ):
        return {referrals.RECEIVER}
    return set()


def _locked_referral(referral_id) -> ProfessionalReferral:
    return (
        ProfessionalReferral.objects.select_for_update(of=("self",))
        .select_related("help_request", "organisation")
        .get(pk=referral_id)
    )


def _answer(referral_id, name: str, user, reason: str = "", professional=None):
    referral = _locked_referral(referral_id)
    try:
        found = referrals.REFERRAL.check(
            name, referral.status, receiver_roles(user, referral), reason
        )
    except referrals.TransitionError as exc:
        raise RequestError(str(exc)) from exc
    if professional is not None:
        _check_responsible(professional, referral.organisation)
    referral.status = found.target
    referral.answered_by = user
    referral.answered_at = timezone.now()
    referral.answer_reason = reason.strip()
    referral.answer_language = written_language()
    referral.responsible_professional = professional
    referral.save()
    help_request = HelpRequest.objects.select_for_update(of=("self",)).get(
        pk=referral.help_request_id
    )
    names = {"organisation": referral.organisation.name}
    if name == "accept" and help_request.responsible_professional_id is None:
        help_request.responsible_professional = professional
        help_request.save(update_fields=["responsible_professional", "updated_at"])
    _record(
        help_request,
        f"referral_{found.target}",
        help_request.status,
        user,
        referrals.RECEIVER,
        reason.strip(),
        referral.organisation,
    )
    notify.after_commit(lambda: notifications.referral_answered(referral.pk))
    notify_person(
        staff_of(help_request.organisation_id),
        Kind.HANDOVER,
        (lambda: _("%(organisation)s accepted your referral.") % names)
        if name == "accept"
        else (lambda: _("%(organisation)s returned your referral.") % names),
        reverse("requests:detail", args=[help_request.pk]),
        mail=notifications.answered_mail(help_request, referral),
    )
    return referral


@transaction.atomic
def accept_referral(referral_id, user, *, professional) -> ProfessionalReferral:
    """The receiving organisation accepts a referral and names the responsible professional."""
    if professional is None:
        raise RequestError(_("Choose the professional who takes responsibility."))
    return _answer(referral_id, "accept", user, professional=professional)


@transaction.atomic
def return_referral(referral_id, user, reason: str) -> ProfessionalReferral:
    """The receiving organisation returns a referral it cannot take, saying why."""
    return _answer(referral_id, "return", user, reason)


def referral_due(referral: ProfessionalReferral):
    """When a referral should have been answered: the set number of working days after it
    was sent (Saturday and Sunday do not count)."""
    return add_working_days(referral.created_at, settings.MEEDOEN_REFERRAL_ANSWER_WORKING_DAYS)


def add_working_days(moment, days: int):
    while days > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def flag_overdue_referrals(now=None) -> int:
    """Every referral still not answered after the set working days is reported, once, to the
    sender and to the central desk; the report is noted on the request's history."""
    now = now or timezone.now()
    flagged = 0
    waiting = ProfessionalReferral.objects.filter(
        status=referrals.WAITING, overdue_flagged_at__isnull=True
    ).order_by("pk")
    for referral in waiting:
        if referral_due(referral) > now:
            continue
        with transaction.atomic():
            referral = _locked_referral(referral.pk)
            if referral.status != referrals.WAITING or referral.overdue_flagged_at is not None:
                continue
            referral.overdue_flagged_at = now
            referral.save(update_fields=["overdue_flagged_at"])
            help_request = referral.help_request
            _record(
                help_request,
                "referral_overdue",
                help_request.status,
                None,
                workflow.SYSTEM,
                _("%(organisation)s has not answered the referral in time.")
                % {"organisation": referral.organisation},
                referral.organisation,
            )
            pk = referral.pk
            notify.after_commit(lambda pk=pk: notifications.referral_overdue(pk))
        flagged += 1
    return flagged


# --- retention --------------------------------------------------------------------------


@transaction.atomic
def anonymise_expired(municipality, now=None) -> int:
    """Strip personal data from requests that ended longer ago than the retention period."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=municipality.retention_days)
    expired = HelpRequest.objects.filter(
        municipality=municipality,
        status__in=workflow.FINAL,
        status_changed_at__lt=cutoff,
        anonymised_at__isnull=True,
    )
    ids = list(expired.values_list("pk", flat=True))
    if not ids:
        return 0
    anonymise(ids, now)
    return len(ids)


def anonymise(ids: list[int], now=None) -> None:
    """Strip the personal data from these requests (and, through the `anonymised` signal,
    from what the apps above keep about them); what statistics need stays."""
    now = now or timezone.now()
    HelpRequest.objects.filter(pk__in=ids).update(
        first_name="",
        requester_name="",
        contact_phone="",
        contact_email="",
        description="",
        professional_care="",
        access_token_hash="",
        requester=None,
        anonymised_at=now,
    )
    RequestNote.objects.filter(help_request_id__in=ids).update(text="")
    RequestTransition.objects.filter(help_request_id__in=ids).update(reason="")
    ProfessionalReferral.objects.filter(help_request_id__in=ids).update(note="", answer_reason="")
    signals.anonymised.send(sender=HelpRequest, ids=ids)


def activities_for_public_form():
    return Activity.objects.visible_to(None).filter(care_level=policy.CareLevel.WELFARE)
