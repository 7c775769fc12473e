"""Pages for assignments, hours, check-ins, concerns, handovers, guidance and credits.

Every object comes through `visible_to(request.user)`; outside it is a 404. Writes go
through the services; a refused write shows its reason next to what was typed.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.db.models import Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedoen.accounts.audit import record_read, record_reads
from meedoen.engagements import agreements, conversations, documents, forms, lifecycles
from meedoen.engagements.conversation_views import conversation_context
from meedoen.engagements.models import (
    Assignment,
    CheckIn,
    Concern,
    CreditTransaction,
    Handover,
    HoursEntry,
)
from meedoen.engagements.services import (
    EngagementError,
    check_ins,
    concerns,
    credits,
    guidance,
    is_coordinator_of,
)
from meedoen.engagements.services import assignments as assignment_services
from meedoen.forms import ask_to_confirm, confirmed
from meedoen.matching.models import MatchProposal
from meedoen.organisations.models import ContactPoint, Organisation
from meedoen.permissions import Role, holds, role_required
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import Enrolment, VolunteerProfile

STAFF = (Role.COORDINATOR, Role.PROFESSIONAL)


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


# --- assignments ------------------------------------------------------------------------


@role_required(Role.VOLUNTEER)
def my_assignments(request):
    mine = Assignment.objects.visible_to(request.user).select_related(
        "help_request__area", "organisation"
    )
    total = HoursEntry.objects.visible_to(request.user).approved().aggregate(total=Sum("hours"))[
        "total"
    ] or Decimal("0")
    reached, upcoming = credits.milestones(total)
    return render(
        request,
        "engagements/my_assignments.html",
        {
            "active": [a for a in mine if a.is_active],
            "ended": [a for a in mine if not a.is_active],
            "total": total,
            "balance": credits.balance(request.user),
            "reached": reached,
            "upcoming": upcoming,
            "enrolments": Enrolment.objects.visible_to(request.user)
            .exclude(sponsor_kind="")
            .select_related("organisation"),
        },
    )


def _assignment_context(request, assignment, **forms_given):
    user = request.user
    coordinator = is_coordinator_of(user, assignment.organisation_id)
    own = assignment.profile.user_id == user.pk
    tasks = [agreements.for_activity(t) for t in assignment.tasks.all()]
    who = assignment_services.actors(user, assignment)
    chosen, given_check_in = forms_given.get("check_in"), forms_given.get("check_in_form")
    hours = assignment.hours.select_related("decided_by").order_by("-date", "-created_at")
    submitted = [e for e in hours if e.status in lifecycles.HOURS_WAITING]
    warnings = assignment_services.allowance_warnings(submitted)
    waiting = [
        {"entry": e, "warnings": warnings[e.pk], "steps": lifecycles.HOURS.names(e.status, who)}
        for e in submitted
    ]
    check_ins = assignment.check_ins.open().order_by("due_on")
    if own and not coordinator:
        check_ins = check_ins.filter(party=CheckIn.Party.VOLUNTEER)
    due = [c for c in check_ins if c.due_on <= timezone.localdate()]
    context = {
        "assignment": assignment,
        # The volunteer's own page names who to turn to at the organisations involved.
        "contact_points": ContactPoint.for_volunteer(
            user, [assignment.help_request.responsible_professional_id]
        )
        if own
        else [],
        "request_": assignment.help_request,
        "tasks": tasks,
        # The line for every task, once, when a task's own "may not" did not already say it.
        "always_not": agreements.ALWAYS_NOT
        if any(t.you_may_not != str(agreements.ALWAYS_NOT) for t in tasks)
        else "",
        "hours": hours[:50],
        "correctable": [
            e for e in hours[:50] if "correct" in lifecycles.HOURS.names(e.status, who)
        ],
        "waiting": waiting if coordinator else [],
        "approved_total": sum(
            (e.hours for e in hours if e.status == lifecycles.APPROVED), Decimal("0")
        ),
        "steps": lifecycles.ASSIGNMENT.names(assignment.status, who),
        "check_ins_due": [
            (
                c,
                given_check_in
                if chosen == c.pk
                else forms.CheckInForm(auto_id=f"check-in-{c.pk}-%s"),
            )
            for c in due
        ],
        "next_check_ins": [c for c in check_ins if c.due_on > timezone.localdate()],
        "is_coordinator": coordinator,
        "is_own": own,
        "handovers": assignment.handovers.select_related("to_organisation", "received_by"),
        "concerns": Concern.objects.visible_to(user).filter(assignment=assignment)[:20],
        "hours_form": forms_given.get("hours_form") or forms.HoursForm(auto_id="hours-%s"),
        "end_form": forms_given.get("end_form") or forms.EndForm(auto_id="end-%s"),
    }
    try:  # the volunteer and their coordinators talk on the assignment page
        case = conversations.case_for(user, "assignment", assignment.pk)
    except Assignment.DoesNotExist:
        pass
    else:
        context |= conversation_context(user, case) | {"back": "assignment"}
    return context


def assignment_detail(request, pk):
    """One assignment: the volunteer's agreements and hours; the coordinator's overview."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related(
            "help_request__area",
            "help_request__responsible_professional",
            "organisation",
            "profile__user",
        ),
        pk=pk,
    )
    if assignment.profile.user_id != request.user.pk:
        record_read(request, assignment.help_request)
    given = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "hours":
                form = forms.HoursForm(request.POST, auto_id="hours-%s")
                given["hours_form"] = form
                if form.is_valid():
                    assignment_services.log_hours(
                        assignment.pk,
                        request.user,
                        on=form.cleaned_data["date"],
                        hours=form.cleaned_data["hours"],
                        expenses=form.cleaned_data["expenses"],
                        note=form.cleaned_data["note"],
                    )
                    messages.success(request, _("Thank you! Your hours have been sent."))
                    return redirect("engagements:assignment", pk=assignment.pk)
            elif action == "check_in":
                chosen = request.POST.get("check_in", "")
                check_in = get_object_or_404(
                    CheckIn.objects.visible_to(request.user).filter(assignment=assignment),
                    pk=int(chosen) if chosen.isdigit() else 0,
                )
                form = forms.CheckInForm(request.POST, auto_id=f"check-in-{check_in.pk}-%s")
                given["check_in_form"] = form
                given["check_in"] = check_in.pk
                if form.is_valid():
                    check_ins.record_check_in(check_in.pk, request.user, **form.cleaned_data)
                    messages.success(request, _("Thank you for telling us how it goes."))
                    return redirect("engagements:assignment", pk=assignment.pk)
            elif action == "end":
                form = forms.EndForm(request.POST, auto_id="end-%s")
                given["end_form"] = form
                if form.is_valid() and not confirmed(request):
                    return _confirm_end(request, assignment)
                if form.is_valid():
                    assignment_services.end(assignment.pk, request.user, **form.cleaned_data)
                    messages.success(request, _("The assignment has ended."))
                    return redirect("engagements:assignment", pk=assignment.pk)
        except EngagementError as exc:
            messages.error(request, str(exc))
        status = 400
    return render(
        request,
        "engagements/assignment.html",
        _assignment_context(request, assignment, **given),
        status=status,
    )


def _confirm_end(request, assignment):
    """Ending cannot be undone: a valid end form first asks whether the person is sure,
    keeping the reason and both evaluations; only the confirmation ends the assignment."""
    page = reverse("engagements:assignment", args=[assignment.pk])
    name = assignment.help_request.first_name
    return ask_to_confirm(
        request,
        title=_("End the assignment with %(name)s?") % {"name": name},
        question=_("Are you sure you want to end the assignment with %(name)s?") % {"name": name},
        consequence=_(
            "After this the volunteer no longer logs hours for it and the check-ins stop. "
            "This cannot be undone; for new help, the coordinator makes a new match."
        ),
        yes=_("Yes, end the assignment"),
        no=_("No, keep the assignment"),
        back=page,
        keep=("action", "reason", "volunteer_evaluation", "person_evaluation"),
        action=page,
    )


@role_required(Role.VOLUNTEER)
@require_POST
def correct_hours(request, pk):
    entry = get_object_or_404(HoursEntry.objects.visible_to(request.user), pk=pk)
    form = forms.CorrectHoursForm(request.POST)
    if form.is_valid():
        try:
            assignment_services.correct_hours(entry.pk, request.user, **form.cleaned_data)
        except EngagementError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you! Your corrected hours have been sent."))
    else:
        messages.error(request, _("Choose the hours and check the costs."))
    return redirect("engagements:assignment", pk=entry.assignment_id)


@role_required(Role.COORDINATOR)
@require_POST
def decide_hours(request, pk):
    entry = get_object_or_404(HoursEntry.objects.visible_to(request.user), pk=pk)
    fallback = reverse("engagements:assignment", args=[entry.assignment_id])
    try:
        if request.POST.get("decision") == "approve":
            assignment_services.approve_hours(
                entry.pk, request.user, over_limit_confirmed=request.POST.get("over_limit") == "1"
            )
            messages.success(request, _("Approved; the time credits have been added."))
        else:
            assignment_services.query_hours(
                entry.pk, request.user, question=request.POST.get("question", "")
            )
            messages.success(request, _("Your question has been sent to the volunteer."))
    except assignment_services.OverLimit as exc:
        messages.warning(
            request,
            _("Not approved yet: %(problems)s Approve anyway only if this is intended.")
            % {"problems": " ".join(exc.problems)},
        )
    except EngagementError as exc:
        messages.error(request, str(exc))
    return _back(request, fallback)


@role_required(Role.COORDINATOR)
@require_POST
def approve_many(request):
    """Approve the listed hours at once; any that would pass a tax-free limit stay waiting."""
    chosen = [int(pk) for pk in request.POST.getlist("entry") if pk.isdigit()][:200]
    entries = HoursEntry.objects.visible_to(request.user).filter(
        pk__in=chosen, status__in=lifecycles.HOURS_WAITING
    )
    approved = waiting = 0
    for entry in entries:
        try:
            assignment_services.approve_hours(entry.pk, request.user)
        except EngagementError:
            waiting += 1
        else:
            approved += 1
    messages.success(
        request,
        _("%(approved)s approved; %(waiting)s still waiting for you.")
        % {"approved": approved, "waiting": waiting},
    )
    return redirect("engagements:overview")


@role_required(Role.COORDINATOR)
def agree(request, pk):
    """Make the agreements for a matched request: a volunteer who said yes, the tasks."""
    help_request = get_object_or_404(
        HelpRequest.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    agreed = set(help_request.assignments.active().values_list("profile_id", flat=True))
    accepted = [
        p
        for p in MatchProposal.objects.filter(
            help_request=help_request, status=MatchProposal.Status.ACCEPTED
        ).select_related("profile__user")
        if p.profile_id not in agreed
    ]
    volunteers = [
        (p.profile_id, p.profile.user.get_full_name() or p.profile.user.username) for p in accepted
    ]
    tasks = [(a.pk, a.name) for a in help_request.activities.all()]
    form = forms.AgreeForm(
        request.POST or None,
        volunteers=volunteers,
        tasks=tasks,
        initial={"tasks": [pk for pk, _name in tasks]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = assignment_services.agree(
                help_request.pk,
                data["volunteer"],
                request.user,
                task_ids=data["tasks"],
                frequency=data["frequency"],
                starts_on=data["starts_on"],
                planned_end=data["planned_end"],
                contact_route=data["contact_route"],
            )
        except EngagementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The agreements are made; the volunteer can read them."))
            return redirect("engagements:assignment", pk=assignment.pk)
    return render(
        request,
        "engagements/agree.html",
        {"request_": help_request, "form": form, "volunteers": volunteers},
        status=400 if request.method == "POST" else 200,
    )


# --- concerns ---------------------------------------------------------------------------


@role_required(Role.VOLUNTEER, Role.COORDINATOR)
def raise_concern(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related("help_request"), pk=pk
    )
    form = forms.ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = concerns.raise_concern(
                assignment.help_request_id,
                request.user,
                assignment_id=assignment.pk,
                category=form.cleaned_data["category"],
                urgent=form.cleaned_data["urgent"],
                description=form.cleaned_data["description"],
            )
        except EngagementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Thank you. Your concern has been passed on; you will hear what was done."),
            )
            return redirect("engagements:concern", pk=concern.pk)
    return render(
        request,
        "engagements/concern_form.html",
        {"assignment": assignment, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@role_required(
    Role.VOLUNTEER, Role.COORDINATOR, Role.MANAGER, Role.PROFESSIONAL, Role.POLICY_OFFICER
)
def concern_list(request):
    visible = Concern.objects.visible_to(request.user).select_related(
        "help_request__area", "organisation"
    )
    open_concerns = list(visible.filter(status__in=lifecycles.CONCERN.open))
    resolved = list(
        visible.filter(status__in=lifecycles.CONCERN.final).order_by("-resolved_at")[:30]
    )
    record_reads(request, HelpRequest, [c.help_request_id for c in open_concerns + resolved])
    return render(
        request,
        "engagements/concerns.html",
        {
            "open": open_concerns,
            "resolved": resolved,
            "is_volunteer": not holds(
                request.user, Role.COORDINATOR, Role.MANAGER, Role.PROFESSIONAL, Role.POLICY_OFFICER
            ),
        },
    )


@role_required(
    Role.VOLUNTEER, Role.COORDINATOR, Role.MANAGER, Role.PROFESSIONAL, Role.POLICY_OFFICER
)
def concern_detail(request, pk):
    concern = get_object_or_404(
        Concern.objects.visible_to(request.user).select_related(
            "help_request__area", "organisation", "raised_by", "acknowledged_by", "assignment"
        ),
        pk=pk,
    )
    # Handled in a staff role, or only seen as the volunteer who raised it (never the notes).
    is_volunteer = not Concern.objects.handled_by(request.user).filter(pk=concern.pk).exists()
    acknowledge_form = forms.AcknowledgeForm()
    resolve_form = forms.ResolveForm()
    status = 200
    if request.method == "POST" and not is_volunteer:
        action = request.POST.get("action")
        try:
            if action == "acknowledge":
                acknowledge_form = forms.AcknowledgeForm(request.POST)
                if acknowledge_form.is_valid():
                    concerns.acknowledge(concern.pk, request.user, **acknowledge_form.cleaned_data)
                    messages.success(request, _("Acknowledged. Everyone involved can see it."))
                    return redirect("engagements:concern", pk=concern.pk)
            elif action == "resolve":
                resolve_form = forms.ResolveForm(request.POST)
                if resolve_form.is_valid():
                    concerns.resolve(concern.pk, request.user, **resolve_form.cleaned_data)
                    messages.success(request, _("Resolved; the volunteer hears your answer."))
                    return redirect("engagements:concern", pk=concern.pk)
        except EngagementError as exc:
            messages.error(request, str(exc))
        status = 400
    else:
        record_read(request, concern.help_request)
    return render(
        request,
        "engagements/concern.html",
        {
            "concern": concern,
            "is_volunteer": is_volunteer,
            "steps": frozenset()
            if is_volunteer
            else lifecycles.CONCERN.names(concern.status, concerns.actors(request.user, concern)),
            "events": concern.events.select_related("actor"),
            "acknowledge_form": acknowledge_form,
            "resolve_form": resolve_form,
        },
        status=status,
    )


# --- handovers --------------------------------------------------------------------------


@role_required(Role.COORDINATOR, Role.PROFESSIONAL)
def hand_over(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related("help_request", "organisation"),
        pk=pk,
    )
    receivers = (
        Organisation.objects.professional()
        .filter(municipality_id=assignment.organisation.municipality_id)
        .exclude(pk=assignment.organisation_id)
    )
    form = forms.HandoverForm(request.POST or None, organisations=receivers)
    if request.method == "POST" and form.is_valid():
        try:
            handover = concerns.hand_over(
                assignment.help_request_id,
                request.user,
                assignment_id=assignment.pk,
                **form.cleaned_data,
            )
        except EngagementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Handed over; you will hear when it is accepted."))
            return redirect("engagements:handover", pk=handover.pk)
    return render(
        request,
        "engagements/handover_form.html",
        {"assignment": assignment, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.COORDINATOR, Role.PROFESSIONAL)
def handovers(request):
    visible = Handover.objects.visible_to(request.user).select_related(
        "from_organisation", "to_organisation", "help_request__area", "received_by"
    )
    shown = list(visible[:100])
    record_reads(request, HelpRequest, [h.help_request_id for h in shown])
    return render(request, "engagements/handovers.html", {"handovers": shown})


@role_required(Role.COORDINATOR, Role.PROFESSIONAL)
def handover_detail(request, pk):
    handover = get_object_or_404(
        Handover.objects.visible_to(request.user).select_related(
            "from_organisation",
            "to_organisation",
            "help_request__area",
            "received_by",
            "created_by",
            "assignment",
        ),
        pk=pk,
    )
    if request.method == "GET":
        record_read(request, handover.help_request)
    steps = lifecycles.HANDOVER.names(
        handover.status,
        {lifecycles.RECEIVER} if concerns.may_receive(request.user, handover) else set(),
    )
    form = forms.HandoverAnswerForm(
        request.POST or None,
        colleagues=concerns.colleagues(handover.to_organisation_id) if "accept" in steps else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            concerns.answer_handover(
                handover.pk,
                request.user,
                accept=request.POST.get("decision") == "accept",
                answer=form.cleaned_data["answer"],
                responsible=form.cleaned_data.get("responsible"),
            )
        except EngagementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you; everyone involved sees your answer."))
            return redirect("engagements:handover", pk=handover.pk)
    return render(
        request,
        "engagements/handover.html",
        {
            "handover": handover,
            "form": form,
            "steps": steps,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- coordinators' overview -------------------------------------------------------------


@role_required(Role.COORDINATOR)
def overview(request):
    """What needs the coordinator: hours, check-ins, quiet assignments, concerns, handovers."""
    visible = Assignment.objects.visible_to(request.user)
    entries = list(assignment_services.waiting_hours(visible)[:100])
    record_reads(request, VolunteerProfile, [e.assignment.profile_id for e in entries])
    warnings = assignment_services.allowance_warnings(entries)
    waiting = [
        {
            "entry": e,
            "warnings": warnings[e.pk],
            "steps": lifecycles.HOURS.names(
                e.status, assignment_services.actors(request.user, e.assignment)
            ),
        }
        for e in entries
    ]
    return render(
        request,
        "engagements/overview.html",
        {
            "waiting": waiting,
            "plain_ids": [
                row["entry"].pk
                for row in waiting
                if not row["warnings"] and "approve" in row["steps"]
            ],
            "overdue": check_ins.overdue_check_ins(visible)[:100],
            "quiet": assignment_services.quiet_assignments(visible)[:100],
            "concerns": Concern.objects.visible_to(request.user)
            .filter(status__in=lifecycles.CONCERN.open)
            .select_related("help_request", "organisation")[:50],
            "handovers": Handover.objects.visible_to(request.user)
            .filter(status__in=lifecycles.HANDOVER.open)
            .select_related("from_organisation", "to_organisation", "help_request")[:50],
            "active": visible.active()
            .select_related("help_request__area", "profile__user", "organisation")
            .order_by("starts_on")[:200],
        },
    )


# --- guidance ---------------------------------------------------------------------------


def _guided_enrolments(user):
    """The named guide's volunteers, a coordinator's, and a guide's: the re-integration and
    internship volunteers of the organisations in which they are a guide."""
    own = user.coordinated_organisation_ids(with_network=False)
    return (
        Enrolment.objects.exclude(sponsor_kind="")
        .filter(
            Q(guide=user)
            | Q(organisation_id__in=own)
            | Q(pk__in=Enrolment.objects.guided_by(user).values("pk"))
        )
        .select_related("profile__user", "organisation", "guide")
        .order_by("profile__user__first_name")
    )


@role_required(Role.COORDINATOR, Role.PROFESSIONAL, Role.GUIDE)
def guidance_page(request):
    enrolments = list(_guided_enrolments(request.user))
    choices = [
        (e.pk, f"{e.profile.user.get_full_name() or e.profile.user.username} ({e.organisation})")
        for e in enrolments
    ]
    form = forms.GuidanceForm(request.POST or None, enrolments=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            guidance.log_session(
                data["enrolment"],
                request.user,
                on=data["date"],
                hours=data["hours"],
                topic=data["topic"],
            )
        except EngagementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The guidance session has been logged."))
            return redirect("engagements:guidance")
    own = request.user.coordinated_organisation_ids(with_network=False)
    return render(
        request,
        "engagements/guidance.html",
        {
            "form": form,
            "enrolments": enrolments,
            "overview": guidance.organisation_overview(own),
        },
        status=400 if request.method == "POST" else 200,
    )


def hours_statement(request, pk):
    """The hours statement (PDF): for the volunteer, their guide and their coordinator."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    enrolment = get_object_or_404(
        Enrolment.objects.exclude(sponsor_kind="").select_related(
            "profile__user", "organisation", "guide"
        ),
        pk=pk,
    )
    own = enrolment.profile.user_id == request.user.pk
    if not own and not guidance.may_guide(request.user, enrolment):
        raise Http404
    if not own:
        record_read(request, enrolment.profile)
    pdf = documents.hours_statement(enrolment, guidance.statement(enrolment))
    return _pdf(pdf, "meedoen-hours-statement.pdf")


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- appreciation -----------------------------------------------------------------------


@role_required(Role.VOLUNTEER)
def credit_page(request):
    members = [
        (p.user_id, f"{p.user.first_name} {p.user.last_name[:1]}".strip())
        for p in credits.community_members(request.user)
    ]
    form = forms.GiveForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        from django.contrib.auth import get_user_model

        receiver = get_user_model().objects.filter(pk=form.cleaned_data["receiver"]).first()
        try:
            credits.give(
                request.user, receiver, form.cleaned_data["amount"], form.cleaned_data["memo"]
            )
        except EngagementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you for passing on your appreciation!"))
            return redirect("engagements:credits")
    history = (
        CreditTransaction.objects.visible_to(request.user)
        .prefetch_related("entries__account__owner")
        .order_by("-created_at")[:50]
    )
    rows = [{"record": r, "amount": r.amount_for(request.user)} for r in history]
    return render(
        request,
        "engagements/credits.html",
        {"form": form, "balance": credits.balance(request.user), "rows": rows},
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.VOLUNTEER)
def certificate(request):
    profile = get_object_or_404(VolunteerProfile, user=request.user)
    return _pdf(documents.certificate(profile), "meedoen-certificate.pdf")
