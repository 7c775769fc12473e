"""Start pages: each role a person holds has its own, and the header switches between them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.accounts.audit import record_reads
from meedoen.engagements import lifecycles
from meedoen.engagements.forms import GuidanceForm
from meedoen.engagements.models import Assignment, CheckIn, Concern, Handover
from meedoen.engagements.services import EngagementError, guidance
from meedoen.insights import selectors as insights
from meedoen.notifications.models import Kind, Notification
from meedoen.organisations.models import (
    ContactPoint,
    Membership,
    Municipality,
    Network,
    Organisation,
)
from meedoen.permissions import Role, current_role, role_required, work_as
from meedoen.requests import selectors as request_selectors
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest
from meedoen.start.navigation import START_PAGES
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import Application, Enrolment, VolunteerProfile


@login_required
def index(request):
    """Send a person to the start page of the role they work in now (their first role)."""
    role = current_role(request)
    target = START_PAGES.get(role) if role else None
    if target is None:
        return redirect("admin:index")
    return redirect(target)


@login_required
def switch(request, role):
    """The header's switch: work in another of one's roles."""
    if role not in request.user.roles or role not in START_PAGES:
        raise Http404
    work_as(request, role)
    return redirect(START_PAGES[role])


@role_required(Role.CITIZEN, Role.CARER)
def citizen(request):
    return render(
        request,
        "start/citizen.html",
        {
            "help_requests": request_selectors.asked_by(request.user),
            "withdrawable": sorted(workflow.TRANSITIONS["withdraw"].sources),
        },
    )


@role_required(Role.VOLUNTEER)
def volunteer(request):
    user = request.user
    profile = (
        VolunteerProfile.objects.filter(user=user)
        .select_related("area")
        .prefetch_related("activities", "skills", "motives")
        .first()
    )
    enrolments = (
        Enrolment.objects.filter(profile__user=user)
        .select_related("organisation", "guide")
        .order_by("organisation__name")
    )
    applications = Application.objects.filter(profile__user=user).select_related(
        "vacancy__organisation"
    )[:20]
    review_months = min([e.organisation.motive_review_months for e in enrolments] or [12])
    review_is_due = profile is not None and lifecycle.review_due(
        profile.reviewed_at, timezone.now(), review_months
    )
    assignments = (
        Assignment.objects.filter(profile__user=user)
        .active()
        .select_related("help_request__area", "organisation")
    )
    # "Tell us" leads to the form of the check-in that is due first, on its assignment.
    check_in_due = (
        CheckIn.objects.visible_to(user)
        .open()
        .filter(
            due_on__lte=timezone.localdate(),
            assignment__in=assignments,
            party=CheckIn.Party.VOLUNTEER,
        )
        .order_by("due_on", "pk")
        .first()
    )
    return render(
        request,
        "start/volunteer.html",
        {
            "contact_points": ContactPoint.for_volunteer(
                user, assignments.values("help_request__responsible_professional")
            ),
            "assignments": assignments,
            "check_in_due": check_in_due,
            "profile": profile,
            "enrolments": enrolments,
            "applications": applications,
            "review_is_due": review_is_due,
            "waiting": _waiting(user, VOLUNTEER_WORK),
        },
    )


#: What a start page mentions from the person's unread notifications.
VOLUNTEER_WORK = (Kind.PROPOSAL, Kind.INTAKE, Kind.HOURS, Kind.CHECK_IN, Kind.APPLICATION)
COORDINATOR_WORK = (Kind.CONCERN, Kind.PROPOSAL_ANSWER, Kind.HANDOVER, Kind.APPLICATION)


def _waiting(user, kinds, limit: int = 5) -> list[Notification]:
    return list(Notification.objects.visible_to(user).unread().filter(kind__in=kinds)[:limit])


@role_required(Role.PROFESSIONAL)
def professional(request):
    user = request.user
    memberships = Membership.objects.filter(
        user=user, is_active=True, role=Membership.Role.PROFESSIONAL
    ).select_related("organisation")
    referrals = list(request_selectors.referred_by(user)[:50])
    assignments = list(
        Assignment.objects.visible_to(user)
        .filter(help_request__responsible_professional=user)
        .active()
        .select_related("help_request__area", "profile__user")
        .prefetch_related("tasks", "help_request__activities")[:50]
    )
    # The page names the clients referred and their volunteers: reads of their files.
    record_reads(
        request,
        HelpRequest,
        [r.pk for r in referrals] + [a.help_request_id for a in assignments],
    )
    record_reads(request, VolunteerProfile, [a.profile_id for a in assignments])
    return render(
        request,
        "start/professional.html",
        {
            "memberships": memberships,
            "referrals": referrals,
            "assignments": assignments,
            "open_concerns": Concern.objects.handled_by(user)
            .filter(help_request__responsible_professional=user, status__in=lifecycles.CONCERN.open)
            .count(),
            "handovers_waiting": Handover.objects.handled_by(user)
            .filter(
                status=Handover.Status.OFFERED,
                to_organisation__in=[m.organisation for m in memberships],
            )
            .count(),
        },
    )


@role_required(Role.COORDINATOR)
def coordinator(request):
    organisation_ids = request.user.organisation_ids(Membership.Role.COORDINATOR)
    organisations = Organisation.objects.filter(pk__in=organisation_ids).order_by("name")
    handled = request_selectors.handled_by(request.user)
    rows = []
    for organisation in organisations:
        own = handled.filter(organisation=organisation)
        rows.append(
            {
                "organisation": organisation,
                "statuses": request_selectors.status_counts(own),
                "open_requests": own.exclude(
                    status__in=["closed", "withdrawn", "declined", "referred"]
                ).count(),
                "volunteers": Enrolment.objects.filter(
                    organisation=organisation, status="active"
                ).count(),
            }
        )
    networks = Network.objects.filter(desk_id__in=organisation_ids).prefetch_related("members")
    return render(
        request,
        "start/coordinator.html",
        {"rows": rows, "networks": networks, "waiting": _waiting(request.user, COORDINATOR_WORK)},
    )


@role_required(Role.MANAGER)
def manager(request):
    """What reaches a manager: the open concerns of their organisations escalated to them."""
    managed = request.user.organisation_ids(Membership.Role.MANAGER)
    organisations = Organisation.objects.filter(pk__in=managed).order_by("name")
    escalated = list(
        Concern.objects.handled_by(request.user)
        .filter(
            organisation_id__in=managed,
            level__gte=Concern.Level.MANAGER,
            status__in=lifecycles.CONCERN.open,
        )
        .select_related("help_request", "organisation")
        .order_by("answer_by", "pk")
    )
    record_reads(request, HelpRequest, [c.help_request_id for c in escalated])
    return render(
        request,
        "start/manager.html",
        {"organisations": organisations, "escalated": escalated},
    )


@role_required(Role.GUIDE)
def guide(request):
    """A guide's work: the re-integration and internship volunteers of their organisation
    (report 4.6), with the guidance they had, and the form to log a session. Nothing else of
    the organisation: no help requests, no other volunteers."""
    user = request.user
    enrolments = list(
        Enrolment.objects.guided_by(user)
        .exclude(status=Enrolment.Status.STOPPED)
        .select_related("profile__user", "organisation", "guide")
        .annotate(guided=Sum("guidance_sessions__hours"))
        .order_by("profile__user__first_name", "profile__user__last_name", "pk")
    )
    choices = [
        (e.pk, f"{e.profile.user.get_full_name() or e.profile.user.username} ({e.organisation})")
        for e in enrolments
        if e.sponsor_kind
    ]
    form = GuidanceForm(request.POST or None, enrolments=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            guidance.log_session(
                data["enrolment"], user, on=data["date"], hours=data["hours"], topic=data["topic"]
            )
        except EngagementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The guidance session has been logged."))
            return redirect("start:guide")
    # The page names the volunteers: reads of their files.
    record_reads(request, VolunteerProfile, [e.profile_id for e in enrolments])
    return render(
        request,
        "start/guide.html",
        {
            "organisations": Organisation.objects.filter(
                pk__in=user.organisation_ids(Membership.Role.GUIDE)
            ).order_by("name"),
            "enrolments": enrolments,
            "form": form if choices else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.POLICY_OFFICER)
def policy(request):
    municipalities = Municipality.objects.filter(
        pk__in=request.user.policy_municipality_ids()
    ).prefetch_related("areas")
    return render(
        request,
        "start/policy.html",
        {
            "overviews": [(m, insights.area_overview(m)) for m in municipalities],
            "small_count": insights.SMALL_COUNT,
        },
    )
