from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from meedoen import availability, limits, notation
from meedoen.accounts import views as account_views
from meedoen.accounts.audit import record_read, record_reads
from meedoen.addresses import client_address
from meedoen.forms import ask_to_confirm, confirmed
from meedoen.organisations.models import Organisation
from meedoen.permissions import Role, holds, role_required
from meedoen.volunteers import lifecycle, services
from meedoen.volunteers.forms import (
    ApplyForm,
    DecisionForm,
    GuidanceForm,
    IntakeForm,
    OwnProfileForm,
    PauseForm,
    RegistrationForm,
    ReviewForm,
    StatusForm,
    VacancyFilterForm,
    VacancyForm,
    VogForm,
)
from meedoen.volunteers.models import Application, Enrolment, Vacancy, VolunteerProfile

# --- the public vacancy board -----------------------------------------------------------


def vacancy_board(request):
    filters = VacancyFilterForm(request.GET or None)
    vacancies = (
        Vacancy.objects.visible_to(request.user)
        .select_related("organisation", "area")
        .prefetch_related("activities")
    )
    if filters.is_valid():
        data = filters.cleaned_data
        if data["activity"]:
            vacancies = vacancies.filter(activities=data["activity"])
        if data["area"]:
            vacancies = vacancies.filter(
                Q(area=data["area"])
                | Q(area__isnull=True, organisation__municipality=data["area"].municipality)
            )
        if data["max_hours"]:
            vacancies = vacancies.filter(hours_per_week__lte=data["max_hours"])
        if data["regularity"]:
            vacancies = vacancies.filter(regularity=data["regularity"])
    vacancies = list(vacancies.distinct()[:100])
    return render(request, "volunteers/board.html", {"filters": filters, "vacancies": vacancies})


def vacancy_detail(request, pk):
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to(request.user).select_related("organisation", "area"), pk=pk
    )
    profile = _own_profile(request)
    form = ApplyForm(request.POST or None)
    if request.method == "POST":
        if profile is None:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if form.is_valid():
            try:
                services.apply(vacancy.pk, profile, form.cleaned_data["message"])
            except services.VolunteerError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Thank you for responding. The coordinator will contact you.")
                )
                return redirect("start:volunteer")
    applied = vacancy.applications.filter(profile=profile).first() if profile is not None else None
    return render(
        request,
        "volunteers/vacancy.html",
        {
            "vacancy": vacancy,
            "form": form,
            "profile": profile,
            "applied": applied,
            "register_url": f"{reverse('volunteers:register')}?next={request.path}",
            "login_url": f"{reverse('accounts:login')}?next={request.path}",
        },
        status=400 if form.errors else 200,
    )


def _own_profile(request) -> VolunteerProfile | None:
    if not request.user.is_authenticated:
        return None
    return VolunteerProfile.objects.filter(user=request.user).first()


# --- someone who wants to volunteer -----------------------------------------------------


def register(request):
    if request.user.is_authenticated:
        return redirect("start:index")
    form = RegistrationForm(request.POST or None)
    status = 400
    if request.method == "POST" and form.is_valid():
        if limits.attempt(limits.SIGN_UP, client_address(request)):
            profile = services.register(
                account=form.account(),
                password=form.cleaned_data["password"],
                profile=form.profile(),
                activities=form.cleaned_data["activities"],
                skills=form.cleaned_data["skills"],
                motives=form.cleaned_data["motives"],
            )
            login(request, profile.user, backend="meedoen.accounts.backends.MeedoenModelBackend")
            messages.success(request, _("Welcome! Find a vacancy that suits you and respond."))
            target = request.POST.get("next") or request.GET.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse("volunteers:board")
            return redirect(target)
        form.add_error(
            None, _("Many accounts were made from here in the last hour. Please try again later.")
        )
        status = 429
    return render(
        request,
        "volunteers/register.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=status if form.errors else 200,
    )


@role_required(Role.VOLUNTEER)
def review(request):
    profile = get_object_or_404(VolunteerProfile, user=request.user)
    form = ReviewForm(
        request.POST or None,
        initial={
            "motives": profile.motives.all(),
            "slots": availability.to_slots(profile.availability),
            "hours_per_week": profile.hours_per_week,
            "max_hours_per_week": profile.max_hours_per_week,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.confirm_review(
            profile.pk,
            motives=form.cleaned_data["motives"],
            availability=availability.to_mask(form.cleaned_data["slots"]),
            hours_per_week=form.cleaned_data["hours_per_week"],
            max_hours_per_week=form.cleaned_data["max_hours_per_week"],
        )
        messages.success(request, _("Thank you. Your details are up to date."))
        return redirect("start:volunteer")
    return render(
        request, "volunteers/review.html", {"form": form}, status=400 if form.errors else 200
    )


@role_required(Role.VOLUNTEER)
def own_profile(request):
    """The volunteer changes their own profile; only their own is there for them."""
    profile = get_object_or_404(VolunteerProfile, user=request.user)
    form = OwnProfileForm(
        request.POST or None,
        initial={
            "area": profile.area,
            "activities": profile.activities.all(),
            "skills": profile.skills.all(),
            "languages": profile.language_list,
            "slots": availability.to_slots(profile.availability),
            "travel_km": profile.travel_km,
            "max_hours_per_week": profile.max_hours_per_week,
            "email": request.user.email,
            "phone": request.user.phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["availability"] = availability.to_mask(data.pop("slots"))
        services.change_own_profile(profile.pk, **data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("start:volunteer")
    return render(
        request, "volunteers/own_profile.html", {"form": form}, status=400 if form.errors else 200
    )


@role_required(Role.VOLUNTEER)
def pause(request):
    profile = get_object_or_404(VolunteerProfile, user=request.user)
    form = PauseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["until"] <= timezone.localdate():
            form.add_error("until", _("Choose a date after today."))
        else:
            try:
                services.pause_self(
                    profile.pk,
                    until=form.cleaned_data["until"],
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                )
            except services.VolunteerError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("You are paused. Welcome back on %(date)s!")
                    % {"date": notation.day(form.cleaned_data["until"])},
                )
                return redirect("start:volunteer")
    return render(
        request, "volunteers/pause.html", {"form": form}, status=400 if form.errors else 200
    )


# --- coordinators: volunteers -----------------------------------------------------------


def _flags(enrolment, today, now):
    organisation = enrolment.organisation
    profile = enrolment.profile
    flags = []
    vog = lifecycle.vog_status(profile.vog_issued_on, today, organisation.vog_renewal_years)
    if organisation.vog_required and vog != "valid":
        flags.append(_("VOG missing") if vog == "missing" else _("VOG to renew"))
    if enrolment.status == lifecycle.ACTIVE and lifecycle.review_due(
        profile.reviewed_at, now, organisation.motive_review_months
    ):
        flags.append(_("motives to review"))
    if profile.volunteer_type in lifecycle.GUIDED_TYPES and enrolment.guide_id is None:
        flags.append(_("no guide"))
    return flags


@role_required(Role.COORDINATOR)
def volunteer_list(request):
    status = request.GET.get("status", "")
    only_flagged = request.GET.get("attention") == "1"
    enrolments = (
        Enrolment.objects.visible_to(request.user)
        .select_related("profile__user", "profile__area", "organisation", "guide")
        .order_by("organisation__name", "profile__user__first_name")
    )
    if status in Enrolment.Status.values:
        enrolments = enrolments.filter(status=status)
    today, now = timezone.localdate(), timezone.now()
    rows = [{"enrolment": e, "flags": _flags(e, today, now)} for e in enrolments[:500]]
    if only_flagged:
        rows = [r for r in rows if r["flags"]]
    record_reads(request, VolunteerProfile, [r["enrolment"].profile_id for r in rows])
    return render(
        request,
        "volunteers/list.html",
        {
            "rows": rows,
            "status": status,
            "only_flagged": only_flagged,
            "statuses": Enrolment.Status.choices,
        },
    )


def _coordinated_enrolment(request, pk) -> Enrolment:
    if not holds(request.user, Role.COORDINATOR):
        raise PermissionDenied
    enrolment = get_object_or_404(
        Enrolment.objects.handled_by(request.user).select_related(
            "profile__user", "profile__area", "organisation", "guide"
        ),
        pk=pk,
    )
    return enrolment


def _can_manage(request, enrolment) -> bool:
    return request.user.is_superuser or enrolment.organisation_id in (
        request.user.coordinated_organisation_ids(with_network=False)
    )


def _render_volunteer(
    request,
    enrolment,
    *,
    status_form=None,
    guidance_form=None,
    vog_form=None,
    intake_form=None,
    status=200,
):
    profile = enrolment.profile
    return render(
        request,
        "volunteers/detail.html",
        {
            "enrolment": enrolment,
            "profile": profile,
            "can_manage": _can_manage(request, enrolment),
            "flags": _flags(enrolment, timezone.localdate(), timezone.now()),
            "slots": availability.to_slots(profile.availability),
            "status_form": status_form or StatusForm(current=enrolment.status),
            "guidance_form": guidance_form
            or GuidanceForm(
                organisation=enrolment.organisation,
                initial={
                    "volunteer_type": profile.volunteer_type,
                    "sponsor_kind": enrolment.sponsor_kind,
                    "sponsor_name": enrolment.sponsor_name,
                    "required_hours": enrolment.required_hours,
                    "guide": enrolment.guide_id,
                },
            ),
            "vog_form": vog_form or VogForm(initial={"vog_issued_on": profile.vog_issued_on}),
            "intake_form": intake_form
            or IntakeForm(
                initial={"skills": profile.skills.all(), "intake_note": enrolment.intake_note}
            ),
            "history": enrolment.status_changes.select_related("actor"),
        },
        status=status,
    )


@role_required(Role.COORDINATOR)
def volunteer_detail(request, pk):
    enrolment = _coordinated_enrolment(request, pk)
    record_read(request, enrolment.profile)
    return _render_volunteer(request, enrolment)


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def _managed_enrolment(request, pk) -> Enrolment:
    enrolment = _coordinated_enrolment(request, pk)
    if not _can_manage(request, enrolment):
        raise PermissionDenied  # a central desk sees members' volunteers for routing only
    return enrolment


@role_required(Role.COORDINATOR)
def volunteer_status(request, pk):
    if (response := _post_only(request)) is not None:
        return response
    enrolment = _managed_enrolment(request, pk)
    form = StatusForm(request.POST, current=enrolment.status)
    if form.is_valid():
        try:
            services.change_status(
                enrolment.pk,
                form.cleaned_data["status"],
                request.user,
                form.cleaned_data["reason"],
                intake_at=form.cleaned_data["intake_at"],
            )
        except services.VolunteerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The status has been changed."))
            return redirect("volunteers:detail", pk=enrolment.pk)
    return _render_volunteer(request, enrolment, status_form=form, status=400)


@role_required(Role.COORDINATOR)
def volunteer_guidance(request, pk):
    if (response := _post_only(request)) is not None:
        return response
    enrolment = _managed_enrolment(request, pk)
    form = GuidanceForm(request.POST, organisation=enrolment.organisation)
    if form.is_valid():
        try:
            services.update_guidance(enrolment.pk, **form.cleaned_data)
        except services.VolunteerError as exc:
            form.add_error("guide", str(exc))
        else:
            messages.success(request, _("The guidance has been saved."))
            return redirect("volunteers:detail", pk=enrolment.pk)
    return _render_volunteer(request, enrolment, guidance_form=form, status=400)


@role_required(Role.COORDINATOR)
def volunteer_vog(request, pk):
    if (response := _post_only(request)) is not None:
        return response
    enrolment = _managed_enrolment(request, pk)
    form = VogForm(request.POST)
    if form.is_valid():
        try:
            services.record_vog(enrolment.profile_id, form.cleaned_data["vog_issued_on"])
        except services.VolunteerError as exc:
            form.add_error("vog_issued_on", str(exc))
        else:
            messages.success(request, _("The certificate of conduct has been recorded."))
            return redirect("volunteers:detail", pk=enrolment.pk)
    return _render_volunteer(request, enrolment, vog_form=form, status=400)


@role_required(Role.COORDINATOR)
def volunteer_intake(request, pk):
    """The coordinator records skills, talents and a note found at the intake."""
    if (response := _post_only(request)) is not None:
        return response
    enrolment = _managed_enrolment(request, pk)
    form = IntakeForm(request.POST)
    if form.is_valid():
        services.record_intake(enrolment.pk, **form.cleaned_data)
        messages.success(request, _("The intake has been recorded."))
        return redirect("volunteers:detail", pk=enrolment.pk)
    return _render_volunteer(request, enrolment, intake_form=form, status=400)


# --- coordinators: vacancies ------------------------------------------------------------


def _own_organisations(request):
    ids = request.user.coordinated_organisation_ids(with_network=False)
    return Organisation.objects.filter(pk__in=ids).order_by("name")


@role_required(Role.COORDINATOR)
def vacancy_manage(request):
    vacancies = (
        Vacancy.objects.managed_by(request.user)
        .select_related("organisation")
        .prefetch_related("applications")
    )
    return render(
        request,
        "volunteers/manage.html",
        {"vacancies": vacancies, "organisations": _own_organisations(request)},
    )


@role_required(Role.COORDINATOR)
def vacancy_new(request):
    organisations = list(_own_organisations(request))
    if not organisations:
        raise PermissionDenied
    chosen = organisations[0]
    if len(organisations) > 1:
        wanted = request.POST.get("organisation") or request.GET.get("organisation")
        chosen = next((o for o in organisations if str(o.pk) == wanted), organisations[0])
    form = VacancyForm(request.POST or None, organisation=chosen)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.create_vacancy(
                organisation=chosen,
                fields=form.vacancy_fields(),
                activities=form.cleaned_data["activities"],
                skills=form.cleaned_data["skills"],
            )
        except services.VacancyRefused as exc:
            refusal = exc
            form.add_error("activities", _("Volunteers may not be asked for this; see below."))
        else:
            messages.success(
                request, _("The vacancy “%(title)s” is on the board.") % {"title": vacancy.title}
            )
            return redirect("volunteers:manage")
    return render(
        request,
        "volunteers/vacancy_form.html",
        {"form": form, "organisation": chosen, "organisations": organisations, "refusal": refusal},
        status=400 if form.errors else 200,
    )


@role_required(Role.COORDINATOR)
def vacancy_applications(request, pk):
    vacancy = get_object_or_404(Vacancy.objects.managed_by(request.user), pk=pk)
    applications = vacancy.applications.select_related("profile__user", "profile__area").order_by(
        "created_at"
    )
    forms = {}
    if request.method == "POST":
        application = get_object_or_404(applications, pk=request.POST.get("application"))
        form = DecisionForm(request.POST, prefix=f"a{application.pk}")
        forms[application.pk] = form
        if form.is_valid():
            decision = form.cleaned_data["decision"]
            if decision == "decline" and not confirmed(request):
                return _confirm_decline(request, vacancy, application)
            try:
                if decision == "invite":
                    services.invite(
                        application.pk,
                        request.user,
                        intake_at=form.cleaned_data["intake_at"],
                        answer=form.cleaned_data["answer"],
                    )
                elif decision == "accept":
                    services.accept(
                        application.pk, request.user, answer=form.cleaned_data["answer"]
                    )
                else:
                    services.decline(
                        application.pk, request.user, answer=form.cleaned_data["answer"]
                    )
            except services.VolunteerError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The decision has been saved."))
                return redirect("volunteers:applications", pk=vacancy.pk)
    rows = [
        {
            "application": a,
            "form": forms.get(a.pk) or DecisionForm(prefix=f"a{a.pk}"),
            "enrolment": Enrolment.objects.filter(
                profile=a.profile, organisation=vacancy.organisation
            ).first(),
        }
        for a in applications
    ]
    record_reads(request, VolunteerProfile, [row["application"].profile_id for row in rows])
    return render(
        request,
        "volunteers/applications.html",
        {"vacancy": vacancy, "rows": rows, "decided": Application.Status},
        status=400 if any(f.errors for f in forms.values()) else 200,
    )


def _confirm_decline(request, vacancy, application):
    """Saying no to a response cannot be undone: ask first, keeping the message typed."""
    prefix = f"a{application.pk}"
    page = reverse("volunteers:applications", args=[vacancy.pk])
    return ask_to_confirm(
        request,
        title=_("Decline this response?"),
        question=_("Are you sure you want to decline this response to “%(title)s”?")
        % {"title": vacancy.title},
        consequence=_(
            "The volunteer gets your message and this response is closed. This cannot be "
            "undone; they can always respond to another vacancy."
        ),
        yes=_("Yes, decline"),
        no=_("No, back to the responses"),
        back=page,
        keep=("application", f"{prefix}-decision", f"{prefix}-answer", f"{prefix}-intake_at"),
        action=page,
    )


@role_required(Role.COORDINATOR)
def volunteer_data(request, pk, kind):
    """The volunteer's data, exported by their coordinator on their behalf."""
    enrolment = _managed_enrolment(request, pk)
    return account_views.export_response(request, enrolment.profile.user, kind)


@role_required(Role.COORDINATOR)
def volunteer_erase(request, pk):
    """The volunteer's data, erased by their coordinator on their behalf (a confirmation)."""
    enrolment = _managed_enrolment(request, pk)
    return account_views.erase_on_behalf(
        request,
        enrolment.profile.user,
        back_url=reverse("volunteers:detail", args=[enrolment.pk]),
        done_url=reverse("volunteers:list"),
    )
