"""Engagement's part of the rights of the person (`meedoen.personal_data`): a volunteer's
assignments with their hours, the check-ins a person gave, the concerns they raised, their
time credits and the guidance they received. Erasure keeps what the figures need (dates,
hours, statuses, categories, the credit ledger's amounts) and clears the words."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meedoen import notation, personal_data
from meedoen.accounts import audit
from meedoen.engagements.models import (
    Assignment,
    CheckIn,
    Concern,
    ConcernEvent,
    CreditAccount,
    CreditTransaction,
    GuidanceSession,
    Handover,
    HoursEntry,
)

LABELS = {
    "assignments": gettext_lazy("Assignments"),
    "organisation": gettext_lazy("organisation"),
    "tasks": gettext_lazy("agreed tasks"),
    "frequency": gettext_lazy("how often"),
    "starts_on": gettext_lazy("starts on"),
    "planned_end": gettext_lazy("planned end"),
    "status": gettext_lazy("status"),
    "ended_at": gettext_lazy("ended at"),
    "end_reason": gettext_lazy("why it ended"),
    "your_evaluation": gettext_lazy("your evaluation"),
    "hours": gettext_lazy("hours"),
    "date": gettext_lazy("date"),
    "expenses": gettext_lazy("expenses (EUR)"),
    "note": gettext_lazy("note"),
    "question": gettext_lazy("question"),
    "check_ins": gettext_lazy("Check-ins you gave"),
    "due_on": gettext_lazy("due on"),
    "done_at": gettext_lazy("done at"),
    "how_it_goes": gettext_lazy("how it goes"),
    "load": gettext_lazy("how heavy"),
    "too_heavy": gettext_lazy("too heavy"),
    "concerns": gettext_lazy("Concerns you raised"),
    "category": gettext_lazy("concern"),
    "urgency": gettext_lazy("urgency"),
    "description": gettext_lazy("what did you notice?"),
    "raised_at": gettext_lazy("raised at"),
    "reply": gettext_lazy("reply"),
    "time_credits": gettext_lazy("Time credits"),
    "balance": gettext_lazy("balance"),
    "transactions": gettext_lazy("transactions"),
    "kind": gettext_lazy("kind"),
    "memo": gettext_lazy("message"),
    "amount": gettext_lazy("credits"),
    "at": gettext_lazy("at"),
    "guidance": gettext_lazy("Guidance received"),
    "topic": gettext_lazy("what was discussed or learned"),
}


def _assignments(user):
    return Assignment.objects.filter(profile__user=user)


def export(user) -> dict[str, Any]:
    assignments = _assignments(user).select_related("organisation").prefetch_related("tasks")
    data: dict[str, Any] = {
        "assignments": [
            {
                "organisation": assignment.organisation.name,
                "tasks": sorted(task.name for task in assignment.tasks.all()),
                "frequency": assignment.get_frequency_display(),
                "starts_on": assignment.starts_on,
                "planned_end": assignment.planned_end,
                "status": assignment.get_status_display(),
                "ended_at": assignment.ended_at,
                "end_reason": assignment.get_end_reason_display() if assignment.end_reason else "",
                "your_evaluation": assignment.volunteer_evaluation,
                "hours": [
                    {
                        "date": entry.date,
                        "hours": entry.hours,
                        "expenses": entry.expenses,
                        "note": entry.note,
                        "status": entry.get_status_display(),
                        "question": entry.question,
                    }
                    for entry in HoursEntry.objects.filter(assignment=assignment).order_by("date")
                ],
            }
            for assignment in assignments
        ],
        "check_ins": [
            {
                "due_on": check_in.due_on,
                "done_at": check_in.done_at,
                "how_it_goes": check_in.get_how_it_goes_display(),
                "load": check_in.get_load_display(),
                "too_heavy": check_in.too_heavy,
                "note": check_in.note,
            }
            for check_in in CheckIn.objects.filter(done_by=user).order_by("done_at")
        ],
        "concerns": [
            {
                "category": concern.get_category_display(),
                "urgency": concern.get_urgency_display(),
                "description": concern.description,
                "status": concern.get_status_display(),
                "raised_at": concern.created_at,
                "reply": concern.reply,
            }
            for concern in Concern.objects.filter(raised_by=user).order_by("created_at")
        ],
        "guidance": [
            {"date": session.date, "hours": session.hours, "topic": session.topic}
            for session in GuidanceSession.objects.filter(enrolment__profile__user=user)
        ],
    }
    account = CreditAccount.objects.filter(owner=user).first()
    if account is not None:
        data["time_credits"] = {
            "balance": account.balance(),
            "transactions": [
                {
                    "kind": entry.transaction.get_kind_display(),
                    "memo": entry.transaction.memo,
                    "amount": entry.hundredths / 100,
                    "at": entry.transaction.created_at,
                }
                for entry in account.entries.select_related("transaction").order_by(
                    "transaction__created_at"
                )
            ],
        }
    return data


def blockers(user) -> list[str]:
    return [
        _(
            "Your assignment at %(organisation)s since %(date)s is still active: the "
            "coordinator ends it first."
        )
        % {
            "organisation": assignment.organisation.name,
            "date": notation.day(assignment.starts_on),
        }
        for assignment in _assignments(user)
        .filter(status=Assignment.Status.ACTIVE)
        .select_related("organisation")
        .order_by("starts_on")
    ]


def erase(user) -> None:
    assignments = _assignments(user)
    ids = list(assignments.values_list("pk", flat=True))
    hours = HoursEntry.objects.filter(assignment_id__in=ids)
    hours.update(note="", question="")
    CheckIn.objects.filter(Q(assignment_id__in=ids) | Q(done_by=user)).update(note="")
    Handover.objects.filter(assignment_id__in=ids).update(note="", answer="")
    concerns = Concern.objects.filter(Q(assignment_id__in=ids) | Q(raised_by=user))
    concern_ids = list(concerns.values_list("pk", flat=True))
    ConcernEvent.objects.filter(concern_id__in=concern_ids).update(note="")
    concerns.update(description="", outcome="", reply="")
    assignments.update(contact_route="", volunteer_evaluation="", person_evaluation="")
    GuidanceSession.objects.filter(enrolment__profile__user=user).update(topic="")
    CreditTransaction.objects.filter(entries__account__owner=user).update(memo="")
    audit.forget_about(Assignment, ids)
    audit.forget_about(HoursEntry, hours.values_list("pk", flat=True))
    audit.forget_about(Concern, concern_ids)
    audit.forget_about(
        Handover, Handover.objects.filter(assignment_id__in=ids).values_list("pk", flat=True)
    )
    audit.forget_about(
        GuidanceSession,
        GuidanceSession.objects.filter(enrolment__profile__user=user).values_list("pk", flat=True),
    )


def last_active(user):
    moments = [
        HoursEntry.objects.filter(assignment__profile__user=user).aggregate(at=Max("created_at"))[
            "at"
        ],
        _assignments(user).aggregate(at=Max("created_at"))["at"],
        _assignments(user).aggregate(at=Max("ended_at"))["at"],
        CheckIn.objects.filter(done_by=user).aggregate(at=Max("done_at"))["at"],
        Concern.objects.filter(raised_by=user).aggregate(at=Max("created_at"))["at"],
    ]
    found = [moment for moment in moments if moment is not None]
    return max(found) if found else None


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="engagement",
            title=gettext_lazy("Engagement"),
            order=30,
            export=export,
            erase=erase,
            labels=LABELS,
            blockers=blockers,
            last_active=last_active,
        )
    )
