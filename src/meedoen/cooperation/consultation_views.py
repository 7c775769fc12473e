"""Pages of consultations: the organiser's list, opening one, the grouped answers and what
was done with them; the respondent's page to answer and to read the outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedoen.accounts.audit import record_reads
from meedoen.cooperation import consultations as services
from meedoen.cooperation.forms import (
    ConsultationAnswerForm,
    ConsultationForm,
    ConsultationResponseForm,
)
from meedoen.cooperation.models import Consultation, ConsultationAnswer, Respondent
from meedoen.cooperation.views import place_choices
from meedoen.errors import DomainError
from meedoen.permissions import Role, role_required

ORGANISERS = (Role.MANAGER, Role.POLICY_OFFICER)
#: Whoever may be asked: volunteers, professionals, and the coordinators and managers who
#: answer for their organisation. The page itself checks that the person is asked.
RESPONDENTS = (Role.VOLUNTEER, Role.PROFESSIONAL, Role.COORDINATOR, Role.MANAGER)


def _places(user: Any) -> list[tuple[str, str]]:
    return place_choices(
        services.organisations_to_ask_for(user), services.municipalities_to_ask_for(user)
    )


@role_required(*ORGANISERS)
def index(request: HttpRequest) -> HttpResponse:
    consultations = (
        Consultation.objects.organised_by(request.user)
        .select_related("organisation", "municipality")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "cooperation/consultations/index.html",
        {
            "consultations": consultations,
            "can_open": bool(_places(request.user)),
            "today": timezone.localdate(),
        },
    )


@role_required(*ORGANISERS)
def new(request: HttpRequest) -> HttpResponse:
    places = _places(request.user)
    form = ConsultationForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = data["place"]
        organisation = next(
            (o for o in services.organisations_to_ask_for(request.user) if f"o{o.pk}" == place),
            None,
        )
        municipality = next(
            (m for m in services.municipalities_to_ask_for(request.user) if f"m{m.pk}" == place),
            None,
        )
        try:
            consultation = services.open_consultation(
                request.user,
                title=data["title"],
                question=data["question"],
                background=data["background"],
                has_proposal=data["has_proposal"],
                closes_on=data["closes_on"],
                ask=data["ask"],
                organisation=organisation,
                municipality=municipality,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The consultation is open. The people you ask see it on their start page."),
            )
            return redirect("consultations:detail", pk=consultation.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cooperation/consultations/new.html", {"form": form}, status=status)


def _organised(request: HttpRequest, pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.organised_by(request.user).select_related(
            "organisation", "municipality"
        ),
        pk=pk,
    )


def _detail(
    request: HttpRequest,
    consultation: Consultation,
    form: ConsultationResponseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    groups, total, shown = services.grouped(consultation)
    # The page shows what these people wrote: reads of their part of Meedoen.
    record_reads(request, get_user_model(), shown)
    today = timezone.localdate()
    return render(
        request,
        "cooperation/consultations/detail.html",
        {
            "consultation": consultation,
            "groups": groups,
            "total": total,
            "small_count": services.settings.SMALL_COUNT,
            "is_open": consultation.is_open_on(today),
            "form": form or ConsultationResponseForm(initial={"response": consultation.response}),
        },
        status=status,
    )


@role_required(*ORGANISERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _organised(request, pk))


@role_required(*ORGANISERS)
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _organised(request, pk)
    form = ConsultationResponseForm(request.POST)
    if form.is_valid():
        try:
            services.respond(request.user, consultation, form.cleaned_data["response"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved. Everyone who answered can now read it."))
            return redirect("consultations:detail", pk=consultation.pk)
    return _detail(request, consultation, form=form, status=400)


def _way_label(perspective: str, organisation: Any) -> str:
    if organisation is None:
        return str(
            {
                Respondent.VOLUNTEERS: _("volunteer"),
                Respondent.PROFESSIONALS: _("professional"),
            }[Respondent(perspective)]
        )
    return _("on behalf of %(organisation)s") % {"organisation": organisation.name}


@role_required(*RESPONDENTS)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The question, the form while it is open, and afterwards what became of it. Only for
    the people it asks; anyone else does not find it."""
    consultation = get_object_or_404(
        services.asking(request.user).select_related("organisation", "municipality"), pk=pk
    )
    ways = services.perspectives(request.user, consultation)
    if not ways:
        raise Http404
    mine = ConsultationAnswer.objects.filter(
        consultation=consultation, respondent=request.user
    ).first()
    today = timezone.localdate()
    is_open = consultation.is_open_on(today)
    choices = [(services.way_key(p, o), _way_label(p, o)) for p, o in ways]
    initial = None
    if mine is not None:
        initial = {
            "way": services.way_key(mine.perspective, mine.organisation),
            "text": mine.text,
            "stance": mine.stance,
            "signed": mine.signed,
        }
    if request.method == "POST" and not is_open:
        messages.error(request, _("This consultation is closed: answers are no longer taken."))
        return redirect("consultations:answer", pk=consultation.pk)
    data = request.POST if request.method == "POST" else None
    form = ConsultationAnswerForm(
        data, initial=initial, ways=choices, proposal=consultation.has_proposal
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.answer(
                    request.user,
                    consultation,
                    way=form.cleaned_data["way"],
                    text=form.cleaned_data["text"],
                    stance=form.cleaned_data.get("stance", ""),
                    signed=form.cleaned_data["signed"],
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Thank you. Your answer is saved; you can change it until the closing date."),
                )
                return redirect("consultations:answer", pk=consultation.pk)
        status = 400
    return render(
        request,
        "cooperation/consultations/answer.html",
        {"consultation": consultation, "form": form, "mine": mine, "is_open": is_open},
        status=status,
    )
