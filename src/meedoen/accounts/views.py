from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedoen.accounts.context_processors import START_PAGES
from meedoen.accounts.forms import LoginForm, TokenForm
from meedoen.accounts.models import Role
from meedoen.organisations.models import Membership, Network, Organisation
from meedoen.requests import selectors as request_selectors
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import Application, Enrolment, VolunteerProfile


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def role_required(*roles: str):
    """Only these roles (and administrators) may open the page; others get 403."""

    def decorator(view):
        @login_required
        def wrapped(request, *args, **kwargs):
            if request.user.role not in roles and not request.user.is_superuser:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


@login_required
def start(request):
    """Send each role to its own start page."""
    target = START_PAGES.get(request.user.role)
    if target is None:
        return redirect("admin:index")
    return redirect(target)


@role_required(Role.CITIZEN, Role.CARER)
def start_citizen(request):
    help_requests = request_selectors.requests_for(request.user)
    from meedoen.requests import workflow

    withdrawable = sorted(workflow.TRANSITIONS["withdraw"].sources)
    return render(
        request,
        "accounts/start_citizen.html",
        {"help_requests": help_requests, "withdrawable": withdrawable},
    )


@role_required(Role.VOLUNTEER)
def start_volunteer(request):
    profile = (
        VolunteerProfile.objects.visible_to(request.user)
        .select_related("area")
        .prefetch_related("activities", "skills", "motives")
        .first()
    )
    enrolments = (
        Enrolment.objects.visible_to(request.user)
        .select_related("organisation", "guide")
        .order_by("organisation__name")
    )
    applications = Application.objects.visible_to(request.user).select_related(
        "vacancy__organisation"
    )[:20]
    review_months = min([e.organisation.motive_review_months for e in enrolments] or [12])
    review_is_due = profile is not None and lifecycle.review_due(
        profile.reviewed_at, timezone.now(), review_months
    )
    from meedoen.engagements.models import Assignment, CheckIn

    assignments = (
        Assignment.objects.visible_to(request.user)
        .active()
        .select_related("help_request__area", "organisation")
    )
    check_ins_due = (
        CheckIn.objects.visible_to(request.user)
        .open()
        .filter(due_on__lte=timezone.localdate(), assignment__in=assignments)
        .count()
    )
    return render(
        request,
        "accounts/start_volunteer.html",
        {
            "assignments": assignments,
            "check_ins_due": check_ins_due,
            "profile": profile,
            "enrolments": enrolments,
            "applications": applications,
            "review_is_due": review_is_due,
        },
    )


@role_required(Role.PROFESSIONAL)
def start_professional(request):
    memberships = Membership.objects.filter(user=request.user, is_active=True).select_related(
        "organisation"
    )
    referrals = request_selectors.requests_for(request.user)[:50]
    from meedoen.engagements.models import Assignment, Concern, Handover

    return render(
        request,
        "accounts/start_professional.html",
        {
            "memberships": memberships,
            "referrals": referrals,
            "assignments": Assignment.objects.visible_to(request.user)
            .active()
            .select_related("help_request__area", "profile__user")[:50],
            "open_concerns": Concern.objects.visible_to(request.user)
            .exclude(status=Concern.Status.RESOLVED)
            .count(),
            "handovers_waiting": Handover.objects.visible_to(request.user)
            .filter(
                status=Handover.Status.OFFERED,
                to_organisation__in=[m.organisation for m in memberships],
            )
            .count(),
        },
    )


@role_required(Role.COORDINATOR)
def start_coordinator(request):
    organisation_ids = request.user.organisation_ids(Membership.Role.COORDINATOR)
    organisations = Organisation.objects.filter(pk__in=organisation_ids).order_by("name")
    all_requests = request_selectors.requests_for(request.user)
    rows = []
    for organisation in organisations:
        own = all_requests.filter(organisation=organisation)
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
        "accounts/start_coordinator.html",
        {"rows": rows, "networks": networks},
    )


@role_required(Role.POLICY_OFFICER)
def start_policy(request):
    municipality = request.user.municipality
    overview = request_selectors.area_overview(municipality) if municipality else []
    return render(
        request,
        "accounts/start_policy.html",
        {
            "municipality": municipality,
            "overview": overview,
            "small_count": request_selectors.SMALL_COUNT,
        },
    )


def _safe_next(request) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


@login_required
def two_factor_setup(request):
    """Enrol an authenticator app: show the key as a QR code and as text, confirm with a code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is not None:
        return redirect("accounts:two_factor_verify")
    with transaction.atomic():
        device, _created = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "Meedoen"}
        )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(_safe_next(request))
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=4, title=_("QR code for your authenticator app")),
            "secret": _group(b32encode(device.bin_key).decode()),
            "next": _safe_next(request),
        },
    )


@login_required
def two_factor_verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_safe_next(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request)}
    )


def _group(key: str) -> str:
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
