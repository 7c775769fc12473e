"""The task-division register ("Taakverdeling"): who does which activity in an organisation,
professionals, volunteers or both, since when and why, with every change kept."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from meedoen.organisations import services
from meedoen.organisations.forms import TaskDivisionForm
from meedoen.organisations.models import Membership, Organisation, TaskDivision
from meedoen.permissions import Role, is_admin, role_required


def readable_organisations(user):
    """Whose register this person reads: the organisations they coordinate or manage, and
    those of the municipalities where they are policy officer."""
    if is_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        Q(pk__in=user.organisation_ids(Membership.Role.COORDINATOR, Membership.Role.MANAGER))
        | Q(municipality_id__in=user.policy_municipality_ids())
    )


@role_required(Role.COORDINATOR, Role.MANAGER, Role.POLICY_OFFICER)
def task_division(request, pk: int):
    organisation = get_object_or_404(
        readable_organisations(request.user).select_related("municipality"), pk=pk
    )
    can_edit = services.keeps_task_division(request.user, organisation)
    form = TaskDivisionForm(request.POST or None) if can_edit else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.record_task_division(request.user, organisation, **data)
            except services.TaskDivisionRefused as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(
                    request,
                    _("Recorded: %(activity)s is done by %(done_by)s.")
                    % {"activity": entry.activity.name, "done_by": entry.get_done_by_display()},
                )
                return redirect("organisations:task_division", organisation.pk)
        else:
            status = 400
    entries = TaskDivision.objects.visible_to(request.user).filter(organisation=organisation)
    current = list(
        entries.current()
        .select_related("activity")
        .order_by("activity__care_level", "activity__name_nl")
    )
    history = list(
        entries.exclude(shift="")
        .select_related("activity")
        .order_by("-since", "-recorded_at", "-pk")
    )
    return render(
        request,
        "organisations/task_division.html",
        {
            "organisation": organisation,
            "current": current,
            "history": history,
            "form": form,
        },
        status=status,
    )
