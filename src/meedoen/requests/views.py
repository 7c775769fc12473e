from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedoen import availability
from meedoen.accounts import views as account_views
from meedoen.accounts.audit import record_read, record_reads
from meedoen.addresses import client_address
from meedoen.forms import ask_to_confirm, confirmed
from meedoen.organisations.models import Area, Network
from meedoen.permissions import Role, holds, role_required
from meedoen.requests import referrals as referrals_lifecycle
from meedoen.requests import selectors, services, workflow
from meedoen.requests.forms import (
    AcceptReferralForm,
    IntakeForm,
    NoteForm,
    PublicRequestForm,
    QueueFilterForm,
    ReferralForm,
    ReturnReferralForm,
    RouteForm,
    SplitForm,
    StepForm,
)
from meedoen.requests.models import HelpRequest, ProfessionalReferral, in_words

# --- citizens and informal carers -------------------------------------------------------


def ask(request):
    """The public form: ask for help without an account."""
    form = PublicRequestForm(request.POST or None, activities=services.activities_for_public_form())
    if request.method == "POST":
        if form.is_spam:
            return render(request, "requests/ask_received.html")
        if form.is_valid():
            try:
                submitted = services.submit_public(
                    data=form.request_data(),
                    activities=form.cleaned_data["activities"],
                    address=client_address(request),
                    language=get_language() or "nl",
                    link_for=lambda token: request.build_absolute_uri(
                        reverse("requests:follow", args=[token])
                    ),
                )
            except services.RateLimited as exc:
                form.add_error(None, str(exc))
                return render(request, "requests/ask.html", {"form": form}, status=429)
            else:
                if request.user.is_authenticated and not request.user.is_staff_role:
                    # A signed-in citizen, informal carer or volunteer follows it on their
                    # own start page too.
                    HelpRequest.objects.filter(pk=submitted.help_request.pk).update(
                        requester=request.user
                    )
                follow = reverse("requests:follow", args=[submitted.token])
                return redirect(f"{follow}?new=1")
    status = 400 if request.method == "POST" else 200
    return render(request, "requests/ask.html", {"form": form}, status=status)


class _LinkEnded(Exception):
    def __init__(self, help_request):
        self.help_request = help_request


def _followed(token) -> HelpRequest:
    help_request = services.find_by_token(token)
    if help_request is None:
        raise Http404
    if services.link_ended(help_request):
        raise _LinkEnded(help_request)
    return help_request


def _private_link(view):
    """A view of the private link: 404 for a link that never worked; for a request finished
    long enough ago, a page that says the link has stopped and where to go now (410)."""

    @wraps(view)
    def wrapped(request, token, *args, **kwargs):
        try:
            return view(request, token, *args, **kwargs)
        except _LinkEnded as ended:
            organisation = ended.help_request.organisation
            return render(
                request,
                "requests/follow_ended.html",
                {"organisation": organisation, "days": services.LINK_AFTER_END.days},
                status=410,
            )

    return wrapped


@_private_link
def follow(request, token):
    """The private link: status in plain words, add information, withdraw."""
    help_request = _followed(token)
    return _render_follow(request, help_request, token, NoteForm())


def _render_follow(request, help_request, token, note_form, status=200):
    history = help_request.transitions.exclude(
        name__in=["split", "referral_accepted", "referral_returned", "referral_overdue"]
    ).values_list("to_status", "created_at")
    return render(
        request,
        "requests/follow.html",
        {
            "help_request": help_request,
            "token": token,
            "note_form": note_form,
            "history": [(workflow.STATUS_LABELS[s], at) for s, at in history],
            "is_new": request.GET.get("new") == "1",
            "follow_url": request.build_absolute_uri(reverse("requests:follow", args=[token])),
            "referrals": help_request.professional_referrals.select_related(
                "organisation"
            ).prefetch_related("activities"),
            "can_withdraw": "withdraw"
            in [t.name for t in workflow.available(help_request.status, {workflow.REQUESTER})],
        },
        status=status,
    )


@require_POST
@_private_link
def follow_add(request, token):
    help_request = _followed(token)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(help_request.pk, form.cleaned_data["text"], from_requester=True)
        except services.RequestError as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(request, _("Thank you. We have added your information."))
            return redirect("requests:follow", token=token)
    return _render_follow(request, help_request, token, form, status=400)


@require_POST
@_private_link
def follow_withdraw(request, token):
    help_request = _followed(token)
    if not confirmed(request):
        return _confirm_withdraw(
            request,
            reverse("requests:follow_withdraw", args=[token]),
            reverse("requests:follow", args=[token]),
        )
    try:
        services.take_step(
            help_request.pk,
            "withdraw",
            None,
            request.POST.get("reason", ""),
            by_requester_link=True,
        )
    except services.RequestError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your question has been withdrawn."))
    return redirect("requests:follow", token=token)


@role_required(Role.CITIZEN, Role.CARER)
@require_POST
def withdraw_own(request, pk):
    """A signed-in citizen or carer withdraws their own request from their start page."""
    help_request = get_object_or_404(
        HelpRequest.objects.visible_to(request.user).filter(requester=request.user), pk=pk
    )
    if not confirmed(request):
        return _confirm_withdraw(
            request,
            reverse("requests:withdraw_own", args=[pk]),
            reverse("requests:mine", args=[pk]),
        )
    try:
        services.take_step(
            help_request.pk, "withdraw", request.user, request.POST.get("reason", "")
        )
    except services.RequestError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your question has been withdrawn."))
    return redirect("start:citizen")


def _confirm_withdraw(request, action: str, back: str):
    """Withdrawing cannot be undone: the first press asks whether the person is sure and
    says what happens; only the second, with `confirm=yes`, withdraws."""
    return ask_to_confirm(
        request,
        title=_("Withdraw your question?"),
        question=_("Are you sure you want to withdraw your question?"),
        consequence=_(
            "After this we stop looking for help with this question. This cannot be undone; "
            "you can always ask a new question."
        ),
        yes=_("Yes, withdraw my question"),
        no=_("No, keep my question"),
        back=back,
        keep=("reason",),
        action=action,
    )


def _own_request(request, pk) -> HelpRequest:
    """A request this person asked (citizen, carer) or referred or holds responsibility for
    (professional); any other request is 404."""
    own = selectors.asked_by(request.user) | selectors.referred_by(request.user)
    return get_object_or_404(own.distinct(), pk=pk)


def _render_own(request, help_request, note_form, status=200):
    history = help_request.transitions.exclude(
        name__in=["split", "referral_accepted", "referral_returned", "referral_overdue"]
    ).values_list("to_status", "created_at")
    is_referrer = request.user.pk in (
        help_request.referred_by_id,
        help_request.responsible_professional_id,
    ) and holds(request.user, Role.PROFESSIONAL)
    return render(
        request,
        "requests/mine.html",
        {
            "help_request": help_request,
            "note_form": note_form,
            "history": [(workflow.STATUS_LABELS[s], at) for s, at in history],
            "referrals": help_request.professional_referrals.select_related(
                "organisation"
            ).prefetch_related("activities"),
            "helpers": help_request.assignments.select_related("profile__user"),
            "is_referrer": is_referrer,
            # The referring professional follows the support of their client: the concerns
            # raised and the handovers made about this request only (through the relations
            # engagements declares on it), by kind, status and date, never the words.
            "concerns": help_request.concerns.order_by("-created_at") if is_referrer else [],
            "handovers": help_request.handovers.select_related("to_organisation").order_by(
                "-created_at"
            )
            if is_referrer
            else [],
            "notes": help_request.notes.filter(from_requester=True),
            "can_withdraw": help_request.requester_id == request.user.pk
            and "withdraw"
            in [t.name for t in workflow.available(help_request.status, {workflow.REQUESTER})],
        },
        status=status,
    )


@role_required(Role.CITIZEN, Role.CARER, Role.PROFESSIONAL)
def mine(request, pk):
    """The person who asked, or the professional who referred, follows one request."""
    help_request = _own_request(request, pk)
    record_read(request, help_request)
    return _render_own(request, help_request, NoteForm())


@role_required(Role.CITIZEN, Role.CARER, Role.PROFESSIONAL)
@require_POST
def mine_add(request, pk):
    help_request = _own_request(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(
                help_request.pk, form.cleaned_data["text"], user=request.user, from_requester=True
            )
        except services.RequestError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you. We have added your information."))
            return redirect("requests:mine", pk=help_request.pk)
    return _render_own(request, help_request, form, status=400)


# --- professionals ----------------------------------------------------------------------


@role_required(Role.PROFESSIONAL)
def refer(request):
    municipality = request.user.municipality
    form = ReferralForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        help_request = services.refer_client(
            professional=request.user,
            data=form.request_data(),
            activities=form.cleaned_data["activities"],
            organisation=form.cleaned_data["organisation"],
            takes_responsibility=form.cleaned_data["takes_responsibility"],
            language=get_language() or "nl",
        )
        messages.success(
            request,
            _("Your referral %(reference)s has been sent.") % {"reference": help_request.reference},
        )
        return redirect("start:professional")
    return render(request, "requests/refer.html", {"form": form})


# --- coordinators -----------------------------------------------------------------------


def _queue_queryset(user):
    return (
        HelpRequest.objects.handled_by(user)
        .select_related("area", "organisation")
        .prefetch_related("activities")
        .annotate(
            urgent_first=Case(
                When(urgency="high", then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("urgent_first", "created_at")
    )


@role_required(Role.COORDINATOR)
def queue(request):
    """The intake queue: oldest and most urgent first, filtered by area, source and status."""
    organisation_ids = request.user.coordinated_organisation_ids(with_network=True)
    areas = Area.objects.filter(municipality__organisations__in=organisation_ids).distinct()
    filters = QueueFilterForm(request.GET or None, areas=areas)
    help_requests = _queue_queryset(request.user)
    status = ""
    if filters.is_valid():
        data = filters.cleaned_data
        if data["area"]:
            help_requests = help_requests.filter(area=data["area"])
        if data["source"]:
            help_requests = help_requests.filter(source=data["source"])
        status = data["status"]
    help_requests = (
        help_requests.filter(status=status)
        if status
        else help_requests.filter(status__in=workflow.OPEN)
    )
    rows = []
    now = timezone.now()
    for help_request in help_requests[:200]:
        roles = services.actor_roles(request.user, help_request)
        steps = [
            t
            for t in workflow.available(help_request.status, roles)
            if t.name not in ("route", "withdraw", "match", "unmatch", "start")
        ]
        rows.append(
            {
                "request": help_request,
                "waiting_days": (now - help_request.created_at).days,
                "quick_steps": [t for t in steps if not t.reason_required and t.name != "ready"],
            }
        )
    record_reads(request, HelpRequest, [row["request"].pk for row in rows])
    return render(
        request, "requests/queue.html", {"rows": rows, "filters": filters, "count": len(rows)}
    )


def _coordinated_request(request, pk) -> HelpRequest:
    if not holds(request.user, Role.COORDINATOR):
        raise PermissionDenied
    return get_object_or_404(
        HelpRequest.objects.handled_by(request.user).select_related(
            "area",
            "organisation",
            "referred_by",
            "responsible_professional",
            "performance_field",
            "referring_organisation",
        ),
        pk=pk,
    )


def _accept_names(help_request):
    """Whom the coordinator accepting a routed request may name as responsible: the
    professionals of their organisation, while the request has none (None: not asked)."""
    if help_request.status != workflow.ROUTED or help_request.responsible_professional_id:
        return None
    professionals = services.responsible_professionals(help_request.organisation)
    return professionals if professionals.exists() else None


def _render_detail(
    request,
    help_request,
    *,
    intake_form=None,
    step_form=None,
    route_form=None,
    split_form=None,
    note_form=None,
    status=200,
):
    roles = services.actor_roles(request.user, help_request)
    steps = [
        t
        for t in workflow.available(help_request.status, roles)
        if t.name not in ("route", "match", "unmatch", "start")
    ]
    members = None
    if workflow.DESK in roles and "route" in [
        t.name for t in workflow.available(help_request.status, roles)
    ]:
        desks = Network.desk_ids_for(help_request.organisation)
        coordinated = request.user.organisation_ids("coordinator")
        networks = Network.objects.filter(desk_id__in=desks & coordinated if coordinated else desks)
        members = (
            type(help_request.organisation)
            .objects.filter(networks__in=networks)
            .exclude(pk=help_request.organisation_id)
            .distinct()
            .order_by("name")
        )
    decisions = services.boundary_decisions(help_request)
    can_edit = workflow.HANDLER in roles and help_request.status in (
        workflow.SUBMITTED,
        workflow.IN_INTAKE,
        workflow.RETURNED,
    )
    return render(
        request,
        "requests/detail.html",
        {
            "help_request": help_request,
            "roles": roles,
            "steps": steps,
            "decisions": decisions,
            "has_closed": any(not d.volunteer_allowed for _a, d in decisions),
            "assignments": help_request.assignments.select_related("profile__user")
            if workflow.HANDLER in roles
            else [],
            "readiness": services.readiness_problems(help_request)
            if help_request.status == workflow.IN_INTAKE
            else [],
            "can_edit": can_edit,
            "intake_form": intake_form or (IntakeForm(instance=help_request) if can_edit else None),
            "step_form": step_form or StepForm(),
            "accept_form": _accept_form(help_request, step_form, steps),
            "route_form": route_form
            or (RouteForm(members=members) if members is not None else None),
            "split_form": split_form or SplitForm(municipality=help_request.municipality),
            "note_form": note_form or NoteForm(),
            "slots": availability.to_slots(help_request.availability),
            "week": availability.describe(help_request.availability),
            "transitions": help_request.transitions.select_related("actor", "organisation"),
            "notes": help_request.notes.select_related("author"),
            "referrals": help_request.professional_referrals.select_related(
                "organisation"
            ).prefetch_related("activities"),
            # The coordinators who sent a referral talk with its professionals.
            "is_coordinator_here": request.user.is_superuser
            or help_request.organisation_id in request.user.organisation_ids("coordinator"),
        },
        status=status,
    )


@role_required(Role.COORDINATOR)
def detail(request, pk):
    help_request = _coordinated_request(request, pk)
    record_read(request, help_request)
    return _render_detail(request, help_request)


def _after(request, help_request, message):
    messages.success(request, message)
    if request.POST.get("next") == "queue":
        return redirect("requests:queue")
    return redirect("requests:detail", pk=help_request.pk)


@role_required(Role.COORDINATOR)
def classify(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    help_request = _coordinated_request(request, pk)
    form = IntakeForm(request.POST, instance=help_request)
    if form.is_valid():
        try:
            services.classify(
                help_request.pk,
                request.user,
                activities=form.cleaned_data["activities"],
                fields=form.intake_fields(),
            )
        except services.RequestError as exc:
            form.add_error(None, str(exc))
        else:
            return _after(request, help_request, _("The intake has been saved."))
    help_request.refresh_from_db()
    return _render_detail(request, help_request, intake_form=form, status=400)


def _accept_form(help_request, step_form, steps):
    """The accept step's own form where it names a responsible professional."""
    if "accept" not in [t.name for t in steps]:
        return None
    if step_form is not None and step_form.data.get("step") == "accept":
        return step_form if "responsible" in step_form.fields else None
    professionals = _accept_names(help_request)
    if professionals is None:
        return None
    return StepForm(auto_id="%s-accept", professionals=professionals)


@role_required(Role.COORDINATOR)
def step(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    help_request = _coordinated_request(request, pk)
    form = StepForm(request.POST, professionals=_accept_names(help_request))
    if form.is_valid():
        try:
            services.take_step(
                help_request.pk,
                form.cleaned_data["step"],
                request.user,
                form.cleaned_data["reason"],
                responsible=form.cleaned_data.get("responsible"),
            )
        except services.RequestError as exc:
            form.add_error(None, str(exc))
        else:
            return _after(
                request,
                help_request,
                _("Done: the request is now %(status)s.")
                % {"status": HelpRequest.objects.get(pk=help_request.pk).get_status_display()},
            )
    return _render_detail(request, help_request, step_form=form, status=400)


@role_required(Role.COORDINATOR)
def route(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    help_request = _coordinated_request(request, pk)
    members = (
        type(help_request.organisation)
        .objects.filter(networks__desk_id__in=request.user.organisation_ids("coordinator"))
        .distinct()
    )
    form = RouteForm(request.POST, members=members)
    if form.is_valid():
        try:
            services.route(
                help_request.pk,
                form.cleaned_data["organisation"],
                request.user,
                form.cleaned_data["reason"],
            )
        except services.RequestError as exc:
            form.add_error("organisation", str(exc))
        else:
            return _after(
                request,
                help_request,
                _("The request has been routed to %(org)s.")
                % {"org": form.cleaned_data["organisation"]},
            )
    return _render_detail(request, help_request, route_form=form, status=400)


@role_required(Role.COORDINATOR)
def split(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    help_request = _coordinated_request(request, pk)
    form = SplitForm(request.POST, municipality=help_request.municipality)
    if form.is_valid():
        try:
            services.split_and_refer(
                help_request.pk,
                request.user,
                organisation=form.cleaned_data["organisation"],
                note=form.cleaned_data["note"],
            )
        except services.RequestError as exc:
            form.add_error(None, str(exc))
        else:
            return _after(
                request,
                help_request,
                _("The formal care has been referred to %(org)s; the requester is told why.")
                % {"org": form.cleaned_data["organisation"]},
            )
    return _render_detail(request, help_request, split_form=form, status=400)


@role_required(Role.COORDINATOR)
def note(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    help_request = _coordinated_request(request, pk)
    if workflow.HANDLER not in services.actor_roles(request.user, help_request):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(
            help_request.pk, form.cleaned_data["text"], user=request.user, from_requester=False
        )
        return _after(request, help_request, _("The note has been saved."))
    return _render_detail(request, help_request, note_form=form, status=400)


@role_required(Role.COORDINATOR)
def desk(request):
    """The central desk: where each request in the network stands and how long it has waited."""
    desk_ids = request.user.organisation_ids("coordinator")
    networks = Network.objects.filter(desk_id__in=desk_ids).prefetch_related("members")
    if not networks:
        raise PermissionDenied
    organisation_ids = set(desk_ids)
    for network in networks:
        organisation_ids |= {m.pk for m in network.members.all()}
    help_requests = (
        HelpRequest.objects.handled_by(request.user)
        .filter(organisation_id__in=organisation_ids, status__in=workflow.OPEN)
        .select_related("organisation", "area")
        .order_by("created_at")
    )
    now = timezone.now()
    rows = [
        {
            "request": r,
            "waiting_days": (now - r.created_at).days,
            "in_status_days": (now - r.status_changed_at).days,
        }
        for r in help_requests
    ]
    record_reads(request, HelpRequest, [row["request"].pk for row in rows])
    by_organisation: dict = {}
    for row in rows:
        by_organisation.setdefault(row["request"].organisation, []).append(row)
    summary = [
        {"organisation": org, "count": len(items), "longest": max(i["waiting_days"] for i in items)}
        for org, items in sorted(by_organisation.items(), key=lambda kv: kv[0].name)
    ]
    return render(
        request, "requests/desk.html", {"rows": rows, "summary": summary, "networks": networks}
    )


def _handled_requester(request, pk):
    """The account of the person who asked this request, for its handling coordinator only;
    404 when the request was asked without an account (retention anonymises those)."""
    help_request = _coordinated_request(request, pk)
    if not services.handles(request.user, help_request):
        raise PermissionDenied  # a central desk routes, it does not handle a person's file
    if help_request.requester is None:
        raise Http404
    return help_request, help_request.requester


@role_required(Role.COORDINATOR)
def requester_data(request, pk, kind):
    """The requester's data, exported by the handling coordinator on their behalf."""
    _help_request, person = _handled_requester(request, pk)
    return account_views.export_response(request, person, kind)


@role_required(Role.COORDINATOR)
def erase_requester(request, pk):
    """The requester's data, erased by the handling coordinator on their behalf."""
    help_request, person = _handled_requester(request, pk)
    return account_views.erase_on_behalf(
        request,
        person,
        back_url=reverse("requests:detail", args=[help_request.pk]),
        done_url=reverse("requests:queue"),
    )


# --- referrals received by a professional organisation ----------------------------------


def _received(request, pk) -> ProfessionalReferral:
    return get_object_or_404(
        ProfessionalReferral.objects.received_by(request.user).select_related(
            "help_request__area",
            "help_request__organisation",
            "organisation",
            "responsible_professional",
            "answered_by",
            "created_by",
        ),
        pk=pk,
    )


def _render_received(request, referral, *, accept_form=None, return_form=None, status=200):
    can_answer = bool(
        referrals_lifecycle.REFERRAL.available(
            referral.status, services.receiver_roles(request.user, referral)
        )
    )
    return render(
        request,
        "requests/received.html",
        {
            "referral": referral,
            "help_request": referral.help_request,
            # Named by the care referred, never by the request's code.
            "referral_about": in_words(referral.activities.all()) or referral.help_request.about,
            "due": services.referral_due(referral),
            "can_answer": can_answer,
            "accept_form": accept_form
            or AcceptReferralForm(organisation=referral.organisation, user=request.user),
            "return_form": return_form or ReturnReferralForm(),
        },
        status=status,
    )


@role_required(Role.COORDINATOR, Role.PROFESSIONAL)
def received(request, pk):
    referral = _received(request, pk)
    record_read(request, referral.help_request)
    return _render_received(request, referral)


@role_required(Role.COORDINATOR, Role.PROFESSIONAL)
@require_POST
def accept_referral(request, pk):
    referral = _received(request, pk)
    form = AcceptReferralForm(request.POST, organisation=referral.organisation)
    if form.is_valid():
        try:
            services.accept_referral(
                referral.pk, request.user, professional=form.cleaned_data["professional"]
            )
        except services.RequestError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("You have accepted the referral."))
            return redirect("requests:received", pk=referral.pk)
    return _render_received(request, referral, accept_form=form, status=400)


@role_required(Role.COORDINATOR, Role.PROFESSIONAL)
@require_POST
def return_referral(request, pk):
    referral = _received(request, pk)
    form = ReturnReferralForm(request.POST)
    if form.is_valid():
        try:
            services.return_referral(referral.pk, request.user, form.cleaned_data["reason"])
        except services.RequestError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("You have returned the referral; the sender is told why."))
            return redirect("requests:received", pk=referral.pk)
    return _render_received(request, referral, return_form=form, status=400)
