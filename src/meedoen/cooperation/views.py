"""Pages of the self-assessment: the list and start (for those who run assessments), a
round with its invitations, the questionnaire (by account or by private link) and the
result."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedoen.cooperation import framework as fw
from meedoen.cooperation import present, services
from meedoen.cooperation.forms import (
    InviteAccountForm,
    InviteForm,
    QuestionnaireForm,
    StartForm,
)
from meedoen.cooperation.models import Assessment, Participant
from meedoen.errors import DomainError
from meedoen.permissions import Role, role_required

RUNNERS = (Role.COORDINATOR, Role.MANAGER, Role.POLICY_OFFICER)
#: Anyone signed in may be a participant; the page itself checks that they are.
EVERYONE = tuple(Role)


def _managed(request: HttpRequest, pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.managed_by(request.user).select_related(
            "organisation", "municipality", "previous"
        ),
        pk=pk,
    )


def place_choices(organisations: Any, municipalities: Any) -> list[tuple[str, str]]:
    """Organisations and municipalities as one choice: "o<id>" or "m<id>" with its name."""
    places = [(f"o{o.pk}", o.name) for o in organisations]
    places += [
        (f"m{m.pk}", _("Municipality of %(name)s") % {"name": m.name}) for m in municipalities
    ]
    return places


def _places(user: Any) -> list[tuple[str, str]]:
    return place_choices(services.organisations_to_run(user), services.municipalities_to_run(user))


@role_required(*RUNNERS)
def index(request: HttpRequest) -> HttpResponse:
    assessments = (
        Assessment.objects.managed_by(request.user)
        .select_related("organisation", "municipality")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "cooperation/index.html",
        {"assessments": assessments, "can_start": bool(_places(request.user))},
    )


@role_required(*RUNNERS)
def start(request: HttpRequest) -> HttpResponse:
    places = _places(request.user)
    municipality_ids = {o.municipality_id for o in services.organisations_to_run(request.user)}
    municipality_ids |= {m.pk for m in services.municipalities_to_run(request.user)}
    form = StartForm(request.POST or None, places=places, municipality_ids=municipality_ids)
    if request.method == "POST" and form.is_valid():
        place = form.cleaned_data["place"]
        organisation = municipality = None
        if place.startswith("o"):
            organisation = next(
                o for o in services.organisations_to_run(request.user) if f"o{o.pk}" == place
            )
        else:
            municipality = next(
                m for m in services.municipalities_to_run(request.user) if f"m{m.pk}" == place
            )
        try:
            assessment = services.start(
                request.user,
                title=form.cleaned_data["title"],
                context=form.cleaned_data["context"],
                organisation=organisation,
                municipality=municipality,
                organisations=form.cleaned_data["organisations"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The assessment has started. Now invite people."))
            return redirect("cooperation:detail", pk=assessment.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cooperation/start.html", {"form": form}, status=status)


def _invitable(assessment: Assessment) -> list[tuple[str, str]]:
    people = services.invitable(assessment).order_by("first_name", "pk")
    return [(str(u.pk), u.get_full_name() or u.username) for u in people]


def _detail(
    request: HttpRequest,
    assessment: Assessment,
    invite_form: InviteForm | None = None,
    account_form: InviteAccountForm | None = None,
    status: int = 200,
) -> HttpResponse:
    participants = assessment.participants.select_related("user").order_by("invited_at", "pk")
    answered = sum(1 for p in participants if p.has_answered)
    return render(
        request,
        "cooperation/detail.html",
        {
            "assessment": assessment,
            "participants": participants,
            "answered": answered,
            "enough": answered >= fw.MINIMUM_GROUP,
            "minimum": fw.MINIMUM_GROUP,
            "invite_form": invite_form or InviteForm(prefix="link"),
            "account_form": account_form
            or InviteAccountForm(prefix="account", people=_invitable(assessment)),
            "next_round": Assessment.objects.filter(previous=assessment).first(),
        },
        status=status,
    )


@role_required(*RUNNERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _managed(request, pk))


@role_required(*RUNNERS)
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _managed(request, pk)
    language = translation.get_language() or "nl"
    if request.POST.get("form") == "account":
        people = _invitable(assessment)
        account_form = InviteAccountForm(request.POST, prefix="account", people=people)
        if account_form.is_valid():
            user = get_user_model().objects.get(pk=account_form.cleaned_data["person"])
            try:
                services.invite_account(
                    request.user,
                    assessment,
                    perspective=account_form.cleaned_data["perspective"],
                    user=user,
                    link=request.build_absolute_uri(
                        reverse("cooperation:answer", args=[assessment.pk])
                    ),
                    language=language,
                )
            except DomainError as error:
                account_form.add_error(None, str(error))
            else:
                messages.success(request, _("The invitation has been sent."))
                return redirect("cooperation:detail", pk=assessment.pk)
        return _detail(request, assessment, account_form=account_form, status=400)
    form = InviteForm(request.POST, prefix="link")
    if form.is_valid():
        try:
            services.invite_by_email(
                request.user,
                assessment,
                perspective=form.cleaned_data["perspective"],
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                link_for=lambda participant, token: request.build_absolute_uri(
                    reverse("cooperation:answer_link", args=[participant.assessment_id, token])
                ),
                language=language,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("cooperation:detail", pk=assessment.pk)
    return _detail(request, assessment, invite_form=form, status=400)


@role_required(*RUNNERS)
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _managed(request, pk)
    try:
        services.close(request.user, assessment)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The assessment is closed. The result is final."))
    return redirect("cooperation:detail", pk=assessment.pk)


@role_required(*RUNNERS)
@require_POST
def repeat(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _managed(request, pk)
    try:
        following = services.next_round(request.user, assessment)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("cooperation:detail", pk=assessment.pk)
    messages.success(request, _("The next round has started. Invite people again."))
    return redirect("cooperation:detail", pk=following.pk)


@role_required(*EVERYONE)
def result(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(
        Assessment.objects.visible_to(request.user).select_related("previous"), pk=pk
    )
    if not services.may_see_result(request.user, assessment):
        raise Http404
    found = services.result(assessment)
    previous = services.result(assessment.previous) if assessment.previous else None
    return render(
        request,
        "cooperation/result.html",
        {
            "assessment": assessment,
            "runs": services.runs(request.user, assessment),
            "result": present.page(found, previous) if found else None,
            "minimum": fw.MINIMUM_GROUP,
        },
    )


def _questionnaire(
    request: HttpRequest, participant: Participant, action: str, token: str | None
) -> HttpResponse:
    assessment = participant.assessment
    initial = participant.answers or None
    form = QuestionnaireForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.answer(participant, form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Thank you. Your answers are saved; you can change them until the "
                      "assessment closes."),
                )  # fmt: skip
                return redirect(action)
        status = 400
    return render(
        request,
        "cooperation/questionnaire.html",
        {
            "assessment": assessment,
            "participant": participant,
            "perspective": fw.Perspective(participant.perspective).label,
            "form": form,
            "action": action,
            "with_link": token is not None,
        },
        status=status,
    )


@role_required(*EVERYONE)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The questionnaire for someone invited with their account."""
    participant = services.by_account(pk, request.user)
    if participant is None:
        raise Http404
    if not participant.assessment.is_open:
        messages.info(request, _("This assessment is closed."))
        return redirect("cooperation:result", pk=pk)
    return _questionnaire(request, participant, reverse("cooperation:answer", args=[pk]), None)


def answer_link(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The questionnaire behind a private link: no account; only for its own assessment and
    only while that is open."""
    participant = services.by_token(pk, token)
    if participant is None:
        raise Http404
    return _questionnaire(
        request, participant, reverse("cooperation:answer_link", args=[pk, token]), token
    )
