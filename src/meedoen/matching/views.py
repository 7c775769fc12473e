from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedoen.accounts.audit import record_reads
from meedoen.forms import ask_to_confirm, confirmed
from meedoen.matching import proposals as proposal_table
from meedoen.matching import rules, services
from meedoen.matching import selectors as facts
from meedoen.matching.models import MatchingRun, MatchProposal
from meedoen.organisations.models import Organisation
from meedoen.permissions import Role, role_required
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import VolunteerProfile

# --- coordinators -----------------------------------------------------------------------


@role_required(Role.COORDINATOR)
@require_POST
def propose(request, pk):
    help_request = get_object_or_404(HelpRequest.objects.visible_to(request.user), pk=pk)
    profile_id = request.POST.get("volunteer", "")
    if not profile_id.isdigit():
        messages.error(request, _("Choose a volunteer."))
    else:
        try:
            services.propose(help_request.pk, int(profile_id), request.user)
        except services.MatchingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The volunteer has been asked; you will hear the answer."))
    return redirect("requests:detail", pk=help_request.pk)


def _own_organisations(user):
    return Organisation.objects.filter(
        pk__in=user.coordinated_organisation_ids(with_network=False)
    ).order_by("name")


@role_required(Role.COORDINATOR)
def runs(request):
    organisations = _own_organisations(request.user)
    if request.method == "POST":
        organisation = get_object_or_404(organisations, pk=request.POST.get("organisation", 0))
        try:
            run = services.start(organisation, request.user)
        except services.MatchingError as exc:
            messages.error(request, str(exc))
            return redirect("matching:runs")
        return redirect("matching:run", pk=run.pk)
    runs_shown = MatchingRun.objects.filter(organisation__in=organisations)
    services.give_up_abandoned(runs_shown)
    return render(
        request,
        "matching/runs.html",
        {
            "organisations": organisations,
            "runs": runs_shown[:20],
        },
    )


def _own_run(request, pk) -> MatchingRun:
    own = MatchingRun.objects.select_related("organisation").filter(
        organisation__in=_own_organisations(request.user)
    )
    run = get_object_or_404(own, pk=pk)
    if run.status in MatchingRun.UNFINISHED and services.give_up_abandoned(own.filter(pk=pk)):
        run.refresh_from_db()
    return run


def _progress_state(run: MatchingRun) -> str:
    return f"{run.status}-{run.progress}"


@role_required(Role.COORDINATOR)
def run_progress(request, pk):
    """Polled by the run page while the worker works: 204 while nothing changed, the new
    progress when it did, and a redirect to the result when the run has finished."""
    run = _own_run(request, pk)
    if request.headers.get("HX-Request") != "true":
        return redirect("matching:run", pk=run.pk)
    if run.status not in MatchingRun.UNFINISHED:
        response = HttpResponse()
        response["HX-Redirect"] = reverse("matching:run", args=[run.pk])
        return response
    if request.GET.get("shown") == _progress_state(run):
        return HttpResponse(status=204)
    return render(
        request, "matching/_run_progress.html", {"run": run, "shown": _progress_state(run)}
    )


@role_required(Role.COORDINATOR)
def run_detail(request, pk):
    run = _own_run(request, pk)
    if run.status in MatchingRun.UNFINISHED or run.status == MatchingRun.Status.FAILED:
        return render(
            request, "matching/run_waiting.html", {"run": run, "shown": _progress_state(run)}
        )
    pairs = run.pairs.select_related("help_request__area", "profile__user").prefetch_related(
        "help_request__activities"
    )
    if request.method == "POST":
        chosen = [int(p) for p in request.POST.getlist("pair") if p.isdigit()]
        try:
            made = services.confirm(run.pk, chosen, request.user)
        except services.MatchingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(n)s volunteers have been asked.") % {"n": made})
        return redirect("matching:run", pk=run.pk)
    gain = run.matched - run.greedy_matched
    pairs = list(pairs)
    record_reads(request, HelpRequest, [pair.help_request_id for pair in pairs])
    record_reads(request, VolunteerProfile, [pair.profile_id for pair in pairs])
    return render(request, "matching/run.html", {"run": run, "pairs": pairs, "gain": gain})


# --- volunteers -------------------------------------------------------------------------


def _profile(request) -> VolunteerProfile:
    return get_object_or_404(VolunteerProfile, user=request.user)


@role_required(Role.VOLUNTEER)
def proposals(request):
    profile = _profile(request)
    mine = (
        MatchProposal.objects.visible_to(request.user)
        .select_related("help_request__area")
        .prefetch_related("help_request__activities")
    )
    rows = [
        {
            "proposal": p,
            "summary": services.proposal_summary(p.help_request),
            "steps": proposal_table.PROPOSAL.names(p.status, {proposal_table.VOLUNTEER}),
        }
        for p in mine.filter(status__in=proposal_table.WAITING_FOR_VOLUNTEER)
    ]
    return render(
        request,
        "matching/proposals.html",
        {
            "rows": rows,
            "answered": mine.exclude(status__in=proposal_table.WAITING_FOR_VOLUNTEER)[:10],
            "profile": profile,
        },
    )


@role_required(Role.VOLUNTEER)
def answer(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    proposal = get_object_or_404(MatchProposal.objects.visible_to(request.user), pk=pk)
    accept = request.POST.get("answer") == "yes"
    reason = request.POST.get("reason", "")
    # Saying no cannot be undone (the coordinator asks someone else): ask first. Without a
    # reason the refusal that asks for one comes straight away.
    if not accept and reason.strip() and not confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Say no to this question?"),
            question=_("Are you sure you will not help with this question?"),
            consequence=_(
                "The coordinator then asks another volunteer. This cannot be undone; you can "
                "always offer your help again for requests that fit you."
            ),
            yes=_("Yes, I will not help this time"),
            no=_("No, back to the question"),
            back=reverse("matching:proposals"),
            keep=("answer", "reason"),
            action=reverse("matching:answer", args=[proposal.pk]),
        )
    try:
        services.answer(proposal.pk, request.user, accept=accept, reason=reason)
    except services.MatchingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Thank you! The coordinator will contact you.")
            if accept
            else _("Thank you for letting us know."),
        )
    return redirect("matching:proposals")


@role_required(Role.VOLUNTEER)
def open_requests(request):
    """Requests that fit this volunteer, without personal details."""
    profile = _profile(request)
    organisation_ids = set(
        profile.enrolments.filter(status=lifecycle.ACTIVE).values_list("organisation_id", flat=True)
    )
    volunteer = facts.volunteer_fact(profile.pk)
    rows = []
    if volunteer is not None:
        ready = (
            HelpRequest.objects.filter(status=workflow.READY, organisation_id__in=organisation_ids)
            .select_related("organisation", "area")
            .prefetch_related("activities")
            .order_by("-urgency", "created_at")[:200]
        )
        offered = set(
            MatchProposal.objects.filter(profile=profile).values_list("help_request_id", flat=True)
        )
        for help_request in ready:
            verdict = rules.judge(volunteer, facts.request_facts(help_request))
            if verdict.feasible:
                rows.append(
                    {
                        "request": help_request,
                        "verdict": verdict,
                        "offered": help_request.pk in offered,
                    }
                )
        rows.sort(key=lambda row: -row["verdict"].score)
    return render(request, "matching/open_requests.html", {"rows": rows[:30]})


@role_required(Role.VOLUNTEER)
def offer(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    profile = _profile(request)
    help_request = get_object_or_404(HelpRequest, pk=pk, status=workflow.READY)
    try:
        services.offer(help_request.pk, profile)
    except services.MatchingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Thank you! The coordinator sees that you would like to help."))
    return redirect("matching:open_requests")
