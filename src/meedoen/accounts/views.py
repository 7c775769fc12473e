from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedoen.accounts import audit_search
from meedoen.accounts.forms import AuditSearchForm, LoginForm, TokenForm
from meedoen.permissions import Role, role_required


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


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


# --- the audit log, for the data protection officer and administrators --------------------


def _audit_criteria(request) -> tuple[AuditSearchForm, audit_search.Criteria | None]:
    form = AuditSearchForm(
        request.GET or None,
        files=[(key, label) for key, (_model, label) in audit_search.FILES.items()],
        actions=[(key, label) for key, (_value, label) in audit_search.ACTIONS.items()],
    )
    if not request.GET:
        return form, audit_search.Criteria()
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, audit_search.Criteria(
        kind=data["kind"],
        subject=data["subject"],
        actor=data["actor"],
        since=data["since"],
        until=data["until"],
        action=data["action"],
    )


@role_required(Role.DATA_PROTECTION_OFFICER)
def audit_log(request):
    """Who did what with whose file: the entries of the log this person may see, searched."""
    form, criteria = _audit_criteria(request)
    page = None
    rows: list = []
    if criteria is not None:
        entries = audit_search.search(request.user, criteria)
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        rows = audit_search.rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "everything": request.user.is_superuser,
        },
        status=400 if criteria is None else 200,
    )


@role_required(Role.DATA_PROTECTION_OFFICER)
def audit_log_csv(request):
    """The same search, every entry it finds, as CSV."""
    _form, criteria = _audit_criteria(request)
    if criteria is None:
        return audit_log(request)
    entries = audit_search.search(request.user, criteria)
    name = f"audit-{timezone.localdate():%Y-%m-%d}.csv"
    response = StreamingHttpResponse(
        audit_search.csv_lines(entries), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
