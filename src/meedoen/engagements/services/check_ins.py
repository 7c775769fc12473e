"""Check-ins with the volunteer and the person helped; "too heavy" becomes a concern."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen import notation
from meedoen.engagements import lifecycles
from meedoen.engagements.models import CheckIn
from meedoen.engagements.services import EngagementError, concerns, is_coordinator_of
from meedoen.i18n import written_language
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_person


@transaction.atomic
def record_check_in(
    check_in_id, actor, *, how_it_goes: str, load: str, too_heavy: bool, note: str = ""
) -> CheckIn:
    """Record a check-in; the next one is planned; "too heavy" becomes a concern at once."""
    check_in = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("assignment__organisation", "assignment__profile")
        .get(pk=check_in_id)
    )
    assignment = check_in.assignment
    # The volunteer answers their own check-in (nobody answers it for them); the coordinator
    # records the one with the person helped.
    if check_in.party == CheckIn.Party.VOLUNTEER:
        allowed = assignment.profile.user_id == actor.pk
    else:
        allowed = is_coordinator_of(actor, assignment.organisation_id)
    if not allowed:
        raise EngagementError(_("You cannot record this check-in."))
    if check_in.done_at is not None:
        raise EngagementError(_("This check-in has already been done."))
    if how_it_goes not in CheckIn.HowItGoes.values or load not in CheckIn.Load.values:
        raise EngagementError(_("Answer how it goes and whether the load is right."))
    check_in.how_it_goes, check_in.load = how_it_goes, load
    check_in.too_heavy, check_in.note = too_heavy, note.strip()
    check_in.language = written_language()
    check_in.done_at, check_in.done_by = timezone.now(), actor
    check_in.save()
    if assignment.is_active:
        CheckIn.objects.create(
            assignment=assignment,
            party=check_in.party,
            due_on=timezone.localdate()
            + timedelta(weeks=assignment.organisation.check_in_every_weeks),
        )
    if too_heavy:
        concerns.raise_concern(
            assignment.help_request_id,
            actor,
            assignment_id=assignment.pk,
            category="too_heavy",
            urgent=False,
            description=_("At a check-in: the support is becoming too heavy for a volunteer.")
            + (f" {check_in.note}" if check_in.note else ""),
        )
    return check_in


def overdue_check_ins(assignments):
    return (
        CheckIn.objects.filter(
            assignment__in=assignments.active(),
            done_at__isnull=True,
            due_on__lt=timezone.localdate(),
        )
        .select_related("assignment__help_request", "assignment__profile__user")
        .order_by("due_on")
    )


def notify_due_check_ins(today=None) -> int:
    """Tell each volunteer of their own check-in that has become due (and is not done) on an
    active assignment, once per check-in, on the assignment page where they answer it. The
    check-in with the person helped is the coordinator's and not notified. Returns how many
    volunteers were told now."""
    today = today or timezone.localdate()
    due = (
        CheckIn.objects.filter(
            party=CheckIn.Party.VOLUNTEER,
            done_at__isnull=True,
            due_on__lte=today,
            assignment__status__in=lifecycles.ASSIGNMENT.open,
        )
        .select_related("assignment__profile__user")
        .order_by("due_on", "pk")
    )
    told = 0
    for check_in in due.iterator(chunk_size=500):
        with transaction.atomic():
            told += len(
                notify_person(
                    [check_in.assignment.profile.user],
                    Kind.CHECK_IN,
                    lambda c=check_in: (
                        _("It is time to tell how your volunteer work is going (since %(day)s).")
                        % {"day": notation.day(c.due_on)}
                    ),
                    reverse("engagements:assignment", args=[check_in.assignment_id])
                    + f"#check-in-{check_in.pk}",
                    about=f"check-in:{check_in.pk}",
                )
            )
    return told
