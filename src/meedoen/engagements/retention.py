"""When a help request's retention ends, the words people wrote about it during the
engagement go with it: agreements' contact routes and evaluations, notes and questions on
hours, check-in notes, concerns with their history, and handover notes. What statistics need
(dates, hours, statuses, categories) stays."""

from __future__ import annotations

from meedoen.engagements.models import (
    Assignment,
    CheckIn,
    Concern,
    ConcernEvent,
    Handover,
    HoursEntry,
)


def forget_requests(sender, ids: list[int], **kwargs) -> None:
    assignments = Assignment.objects.filter(help_request_id__in=ids)
    HoursEntry.objects.filter(assignment__in=assignments).update(note="", question="")
    CheckIn.objects.filter(assignment__in=assignments).update(note="")
    Handover.objects.filter(help_request_id__in=ids).update(note="")
    assignments.update(contact_route="", volunteer_evaluation="", person_evaluation="")
    concerns = Concern.objects.filter(help_request_id__in=ids)
    ConcernEvent.objects.filter(concern__in=concerns).update(note="")
    concerns.update(description="", outcome="", reply="")
