"""Pages of cooperation agreements: the list per organisation, drafting one, the agreement's
page with each side's confirmation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedoen.cooperation import agreements as services
from meedoen.cooperation.forms import AgreementChangeForm, AgreementForm
from meedoen.cooperation.models import Agreement
from meedoen.errors import DomainError
from meedoen.organisations.models import Organisation
from meedoen.permissions import Role, role_required

#: Who reads agreements: the coordinators and managers of both sides, the municipality's
#: policy officers. Coordinators and managers draft, managers confirm; a policy officer
#: confirms for the municipality.
READERS = (Role.COORDINATOR, Role.MANAGER, Role.POLICY_OFFICER)
SIGNERS = (Role.MANAGER, Role.POLICY_OFFICER)


@role_required(*READERS)
def index(request: HttpRequest) -> HttpResponse:
    visible = list(
        Agreement.objects.visible_to(request.user)
        .select_related("organisation", "partner", "municipality")
        .order_by("organisation__name", "-created_at", "-pk")
    )
    per_organisation: dict[Any, list[Agreement]] = {}
    for agreement in visible:
        per_organisation.setdefault(agreement.organisation, []).append(agreement)
    return render(
        request,
        "cooperation/agreements/index.html",
        {
            "per_organisation": list(per_organisation.items()),
            "can_draft": bool(services.organisations_to_draft_for(request.user)),
            "today": timezone.localdate(),
        },
    )


def _choices(user: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    own = services.organisations_to_draft_for(user)
    municipalities = {o.municipality_id for o in own}
    partners = [
        (str(o.pk), o.name)
        for o in Organisation.objects.filter(municipality_id__in=municipalities).order_by("name")
    ]
    partners.append(("municipality", _("The municipality")))
    return [(str(o.pk), o.name) for o in own], partners


@role_required(Role.COORDINATOR, Role.MANAGER)
def new(request: HttpRequest) -> HttpResponse:
    organisations, partners = _choices(request.user)
    form = AgreementForm(request.POST or None, organisations=organisations, partners=partners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = Organisation.objects.get(pk=data["organisation"])
        partner = (
            None
            if data["partner"] == "municipality"
            else Organisation.objects.get(pk=data["partner"])
        )
        try:
            agreement = services.draft(
                request.user,
                organisation,
                partner=partner,
                title=data["title"],
                volunteer_tasks=data["volunteer_tasks"],
                professional_tasks=data["professional_tasks"],
                volunteer_activities=data["volunteer_activities"],
                professional_activities=data["professional_activities"],
                contact_here=data["contact_here"],
                contact_partner=data["contact_partner"],
                escalation=data["escalation"],
                review_on=data["review_on"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The draft is saved. It holds once both sides have confirmed it.")
            )
            return redirect("agreements:detail", pk=agreement.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cooperation/agreements/new.html", {"form": form}, status=status)


def _visible(request: HttpRequest, pk: int) -> Agreement:
    return get_object_or_404(
        Agreement.objects.visible_to(request.user).select_related(
            "organisation", "partner", "municipality"
        ),
        pk=pk,
    )


@role_required(*READERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible(request, pk)
    sides = services.sides(request.user, agreement)
    return render(
        request,
        "cooperation/agreements/detail.html",
        {
            "agreement": agreement,
            "confirm_here": services.HERE in sides and agreement.confirmed_here_at is None,
            "confirm_partner": services.PARTNER in sides and agreement.confirmed_partner_at is None,
            "review_due": agreement.review_due(timezone.localdate()),
            "may_amend": services.may_amend(request.user, agreement),
            "volunteer_activities": agreement.volunteer_activities.all(),
            "professional_activities": agreement.professional_activities.all(),
        },
    )


@role_required(Role.COORDINATOR, Role.MANAGER)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator or manager of a party changes the agreement; both sides confirm again."""
    agreement = _visible(request, pk)
    if not services.may_amend(request.user, agreement):
        raise Http404
    initial = {key: getattr(agreement, key) for key in services.AMENDABLE}
    initial["volunteer_activities"] = list(agreement.volunteer_activities.all())
    initial["professional_activities"] = list(agreement.professional_activities.all())
    form = AgreementChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.amend(request.user, agreement, **data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The agreement is changed. It holds again once both sides confirm it.")
            )
            return redirect("agreements:detail", pk=agreement.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "cooperation/agreements/edit.html",
        {"form": form, "agreement": agreement},
        status=status,
    )


@role_required(*SIGNERS)
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible(request, pk)
    try:
        agreement = services.confirm(request.user, agreement, request.POST.get("side", ""))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if agreement.is_confirmed:
            messages.success(
                request,
                _("Both sides have confirmed: the agreement holds, and its tasks are in the "
                  "task-division register."),
            )  # fmt: skip
        else:
            messages.success(request, _("Confirmed. The agreement waits for the other side."))
    return redirect("agreements:detail", pk=agreement.pk)
