"""Concerns (concerns) with acknowledgement and escalation, and warm handovers."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meedoen import notation
from meedoen.engagements import escalation, lifecycles
from meedoen.engagements.models import Assignment, Concern, ConcernEvent, Handover
from meedoen.engagements.services import EngagementError, is_coordinator_of, take, tell_later
from meedoen.i18n import written_language
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_person
from meedoen.organisations.models import Membership, Network
from meedoen.permissions import Role, is_admin
from meedoen.requests.models import HelpRequest


def responders(concern: Concern, level: int) -> list:
    """The people a concern goes to at this level."""
    User = get_user_model()
    organisation = concern.organisation
    if level == escalation.TEAM:
        people = list(
            User.objects.filter(
                memberships__organisation=organisation,
                memberships__role=Membership.Role.COORDINATOR,
                memberships__is_active=True,
            )
        )
        professional = concern.help_request.responsible_professional
        if professional is not None:
            people.append(professional)
        return people
    if level == escalation.MANAGER:
        return list(
            User.objects.filter(
                memberships__organisation=organisation,
                memberships__role=Membership.Role.MANAGER,
                memberships__is_active=True,
            )
        )
    desks = Network.objects.filter(members=organisation).values_list("desk_id", flat=True)
    if desks:
        return list(
            User.objects.filter(
                memberships__organisation_id__in=desks,
                memberships__role=Membership.Role.COORDINATOR,
                memberships__is_active=True,
            ).distinct()
        )
    return list(
        User.objects.filter(
            municipality_memberships__municipality_id=organisation.municipality_id,
            municipality_memberships__is_active=True,
            is_active=True,
        ).distinct()
    )


def may_respond(user, concern: Concern) -> bool:
    """Anyone the concern has reached so far (or an administrator) may acknowledge it."""
    if is_admin(user):
        return True
    return any(
        user.pk == person.pk
        for level in range(concern.level + 1)
        for person in responders(concern, level)
    )


def actors(user, concern: Concern) -> set[str]:
    """Who this person is for a concern, in the table's terms."""
    return {lifecycles.RESPONDER} if may_respond(user, concern) else set()


def _notify(concern: Concern, level: int, escalated: bool) -> None:
    subject = (
        gettext_lazy("Escalated concern: please acknowledge")
        if escalated
        else gettext_lazy("A volunteer reports a concern")
    )
    if concern.urgency == Concern.Urgency.URGENT:
        subject = gettext_lazy("Urgent concern: please acknowledge")
    body = _(
        "A concern about %(reference)s (%(category)s) waits for acknowledgement before "
        "%(deadline)s. Sign in to Meedoen to read it."
    ) % {
        "reference": concern.help_request.reference,
        "category": concern.get_category_display(),
        "deadline": notation.moment(concern.answer_by),
    }
    people = responders(concern, level)

    def sentence() -> str:
        words = {
            "category": concern.get_category_display(),
            "deadline": formats.date_format(timezone.localtime(concern.answer_by), "j F Y, H:i"),
        }
        if escalated:
            return (
                _(
                    "A concern (%(category)s) was passed on to you: acknowledge it before "
                    "%(deadline)s."
                )
                % words
            )
        return (
            _("A volunteer reports a concern (%(category)s): acknowledge it before %(deadline)s.")
            % words
        )

    notify_person(
        people,
        Kind.CONCERN,
        sentence,
        reverse("engagements:concern", args=[concern.pk]),
        mail=(subject, body),
    )


@transaction.atomic
def raise_concern(
    help_request_id,
    actor,
    *,
    category: str,
    urgent: bool,
    description: str,
    assignment_id=None,
) -> Concern:
    """A volunteer (on their assignment) or a coordinator reports a concern."""
    help_request = HelpRequest.objects.select_related("organisation").get(pk=help_request_id)
    assignment = None
    if assignment_id is not None:
        assignment = Assignment.objects.select_related("profile").get(
            pk=assignment_id, help_request=help_request
        )
    own = assignment is not None and assignment.profile.user_id == actor.pk
    if not own and not is_coordinator_of(actor, help_request.organisation_id):
        raise EngagementError(_("You can report a concern only about a person you help."))
    if category not in Concern.Category.values:
        raise EngagementError(_("Choose what the concern is about."))
    if not description.strip():
        raise EngagementError(_("Describe briefly what you noticed."))
    organisation = help_request.organisation
    now = timezone.now()
    concern = Concern.objects.create(
        help_request=help_request,
        assignment=assignment,
        organisation=organisation,
        raised_by=actor,
        category=category,
        urgency=Concern.Urgency.URGENT if urgent else Concern.Urgency.NORMAL,
        description=description.strip(),
        language=written_language(),
        answer_by=escalation.deadline(
            now,
            urgent=urgent,
            normal_hours=organisation.concern_answer_hours,
            urgent_hours=organisation.urgent_concern_answer_hours,
        ),
        created_at=now,
    )
    ConcernEvent.objects.create(
        language=written_language(),
        concern=concern,
        kind=ConcernEvent.Kind.RAISED,
        level=concern.level,
        actor=actor,
        at=now,
    )
    _notify(concern, escalation.TEAM, escalated=False)
    return concern


def _locked_concern(concern_id) -> Concern:
    return (
        Concern.objects.select_for_update(of=("self",))
        .select_related("organisation", "help_request__responsible_professional", "raised_by")
        .get(pk=concern_id)
    )


@transaction.atomic
def acknowledge(concern_id, actor, *, note: str = "") -> Concern:
    concern = _locked_concern(concern_id)
    step = take(lifecycles.CONCERN, "acknowledge", concern.status, actors(actor, concern))
    now = timezone.now()
    concern.status = step.target
    concern.acknowledged_by, concern.acknowledged_at = actor, now
    concern.save()
    ConcernEvent.objects.create(
        language=written_language(),
        concern=concern,
        kind=ConcernEvent.Kind.ACKNOWLEDGED,
        level=concern.level,
        actor=actor,
        note=note.strip(),
        at=now,
    )
    return concern


@transaction.atomic
def resolve(concern_id, actor, *, outcome: str, reply: str) -> Concern:
    """Record what was done, and what the volunteer hears back. Only an acknowledged
    concern is resolved: the history shows who took it on, and when, before what was done."""
    concern = _locked_concern(concern_id)
    # Both are needed: what was done (the step's reason) and the reply to the volunteer.
    given = outcome if reply.strip() else ""
    step = take(lifecycles.CONCERN, "resolve", concern.status, actors(actor, concern), given)
    now = timezone.now()
    concern.status = step.target
    concern.resolved_at = now
    concern.outcome, concern.reply = outcome.strip(), reply.strip()
    concern.reply_language = written_language()
    concern.save()
    ConcernEvent.objects.create(
        language=written_language(),
        concern=concern,
        kind=ConcernEvent.Kind.RESOLVED,
        level=concern.level,
        actor=actor,
        note=concern.outcome,
        at=now,
    )
    if concern.raised_by is not None and Role.VOLUNTEER in concern.raised_by.roles:
        tell_later(
            [concern.raised_by.email],
            _("Your concern has been dealt with"),
            concern.reply,
        )
    return concern


def escalate_overdue(now=None) -> int:
    """Concerns not acknowledged in time go up one level (a scheduled job; safe to repeat:
    each one gets a fresh deadline, so a second run at the same moment does nothing)."""
    now = now or timezone.now()
    done = 0
    escalate = lifecycles.CONCERN.steps["escalate"]
    due = Concern.objects.filter(
        status__in=escalate.sources, answer_by__lte=now, level__lt=escalation.TOP
    ).values_list("pk", flat=True)
    for concern_id in list(due):
        with transaction.atomic():
            concern = _locked_concern(concern_id)
            allowed = "escalate" in lifecycles.CONCERN.names(concern.status, {lifecycles.SYSTEM})
            if not allowed or not escalation.due_for_escalation(
                status=concern.status, level=concern.level, answer_by=concern.answer_by, now=now
            ):
                continue
            concern.level = escalation.next_level(concern.level)
            organisation = concern.organisation
            concern.answer_by = escalation.deadline(
                now,
                urgent=concern.urgency == Concern.Urgency.URGENT,
                normal_hours=organisation.concern_answer_hours,
                urgent_hours=organisation.urgent_concern_answer_hours,
            )
            concern.save(update_fields=["level", "answer_by"])
            ConcernEvent.objects.create(
                language=written_language(),
                concern=concern,
                kind=ConcernEvent.Kind.ESCALATED,
                level=concern.level,
                note=_("Not acknowledged in time."),
                at=now,
            )
            _notify(concern, concern.level, escalated=True)
            done += 1
    return done


# --- warm handover ----------------------------------------------------------------------


def _may_hand_over(user, help_request, from_organisation_id) -> bool:
    if is_coordinator_of(user, from_organisation_id):
        return True
    return help_request.responsible_professional_id == user.pk or (
        from_organisation_id in user.organisation_ids("professional")
    )


@transaction.atomic
def hand_over(
    help_request_id,
    actor,
    *,
    to_organisation,
    part: str,
    note: str,
    after: str,
    assignment_id=None,
    direction: str = Handover.Direction.TO_PROFESSIONALS,
) -> Handover:
    """Hand the person (or part of the support) over, with a note for the receiver."""
    help_request = HelpRequest.objects.select_related("organisation").get(pk=help_request_id)
    assignment = None
    if assignment_id is not None:
        assignment = Assignment.objects.get(pk=assignment_id, help_request=help_request)
    from_organisation = help_request.organisation
    if direction == Handover.Direction.TO_VOLUNTEERS:
        professional_orgs = (
            actor.organisation_ids("professional") if actor.is_authenticated else set()
        )
        from_ids = sorted(professional_orgs - {to_organisation.pk})
        if not from_ids and not is_admin(actor):
            raise EngagementError(_("Only a professional can hand support back to volunteers."))
        from_id = from_ids[0] if from_ids else from_organisation.pk
    else:
        from_id = from_organisation.pk
        if not _may_hand_over(actor, help_request, from_id):
            raise EngagementError(
                _("Only the coordinator or the responsible professional can hand over.")
            )
    if to_organisation.pk == from_id:
        raise EngagementError(_("Choose another organisation to hand over to."))
    if direction == Handover.Direction.TO_PROFESSIONALS and not to_organisation.is_professional:
        raise EngagementError(_("Hand over to an organisation with professionals."))
    if not part.strip() or not note.strip():
        raise EngagementError(_("Say what is handed over and write a handover note."))
    if after not in Handover.After.values:
        raise EngagementError(_("Say whether the volunteer goes on or the assignment ends."))
    handover = Handover.objects.create(
        help_request=help_request,
        assignment=assignment,
        direction=direction,
        from_organisation_id=from_id,
        to_organisation=to_organisation,
        part=part.strip(),
        note=note.strip(),
        after=after,
        created_by=actor,
        language=written_language(),
    )
    role = (
        Membership.Role.PROFESSIONAL
        if direction == Handover.Direction.TO_PROFESSIONALS
        else Membership.Role.COORDINATOR
    )
    receivers = get_user_model().objects.filter(
        memberships__organisation=to_organisation,
        memberships__role=role,
        memberships__is_active=True,
    )
    notify_person(
        receivers,
        Kind.HANDOVER,
        lambda: (
            _("%(from)s hands over support to your organisation: accept or decline it.")
            % {"from": handover.from_organisation.name}
        ),
        reverse("engagements:handover", args=[handover.pk]),
        mail=(
            _("A handover waits for you"),
            _("%(from)s hands over support (%(part)s). Sign in to Meedoen to accept it.")
            % {"from": handover.from_organisation.name, "part": handover.part},
        ),
    )
    return handover


def colleagues(organisation_id):
    """Who may take on what an organisation received: its active professionals and
    coordinators."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role__in=("professional", "coordinator"),
            memberships__is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def is_colleague(user, organisation_id) -> bool:
    return colleagues(organisation_id).filter(pk=user.pk).exists()


def may_receive(user, handover: Handover) -> bool:
    if is_admin(user):
        return True
    role = (
        "professional"
        if handover.direction == Handover.Direction.TO_PROFESSIONALS
        else "coordinator"
    )
    return handover.to_organisation_id in user.organisation_ids(role)


@transaction.atomic
def answer_handover(
    handover_id, actor, *, accept: bool, answer: str = "", responsible=None
) -> Handover:
    """The receiver accepts (the assignment goes on or ends as agreed) or declines. Accepting,
    they may name the colleague who takes it on (`responsible`: a professional or coordinator
    of the receiving organisation); without one, they take it on themselves."""
    handover = (
        Handover.objects.select_for_update(of=("self",))
        .select_related("help_request", "assignment", "from_organisation", "to_organisation")
        .get(pk=handover_id)
    )
    who = {lifecycles.RECEIVER} if may_receive(actor, handover) else set()
    step = take(
        lifecycles.HANDOVER, "accept" if accept else "decline", handover.status, who, answer
    )
    if (
        accept
        and responsible is not None
        and not is_colleague(responsible, handover.to_organisation_id)
    ):
        raise EngagementError(
            _("Name a professional or coordinator of the organisation that receives it.")
        )
    taker = (responsible or actor) if accept else None
    handover.status = step.target
    handover.received_by = taker
    handover.answered_by = actor
    handover.decided_at = timezone.now()
    handover.answer = answer.strip()
    handover.answer_language = written_language()
    handover.save()
    help_request = handover.help_request
    if accept and handover.direction == Handover.Direction.TO_PROFESSIONALS:
        if help_request.responsible_professional_id is None and (
            handover.to_organisation_id in taker.organisation_ids("professional")
        ):
            help_request.responsible_professional = taker
            help_request.save(update_fields=["responsible_professional", "updated_at"])
        assignment = handover.assignment
        if (
            assignment is not None
            and lifecycles.ASSIGNMENT.allows("end", assignment.status)
            and handover.after == Handover.After.END
        ):
            from meedoen.engagements.services import assignments

            assignments.end(
                assignment.pk,
                actor,
                reason=Assignment.EndReason.HANDED_OVER,
                volunteer_evaluation="",
                person_evaluation="",
                handed_over=True,
            )
    creator = handover.created_by
    receiver = {"organisation": handover.to_organisation.name}
    notify_person(
        [creator] if creator else [],
        Kind.HANDOVER,
        (lambda: _("%(organisation)s accepted your handover.") % receiver)
        if accept
        else (lambda: _("%(organisation)s declined your handover.") % receiver),
        reverse("engagements:handover", args=[handover.pk]),
        mail=(
            _("Handover accepted") if accept else _("Handover declined"),
            handover.answer or _("Sign in to Meedoen to see where it stands."),
        ),
    )
    return handover
