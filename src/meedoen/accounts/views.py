from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedoen import limits
from meedoen.accounts import register
from meedoen.accounts.forms import LoginForm, NewPasswordForm, ResetRequestForm, TokenForm
from meedoen.addresses import client_address
from meedoen.permissions import Role, role_required


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    """ "Forgot your password?": the same answer whether or not an account has the address
    (nothing tells who has an account). Limited per address (a 429 page) and per e-mail
    address (past that, the same answer and no message, so no one's inbox is flooded)."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = ResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if not limits.attempt(limits.PASSWORD_RESET, client_address(self.request)):
            form.add_error(
                None,
                _("A new password was asked for many times from here. Please try again later."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"].strip().lower()
        if not limits.attempt(limits.PASSWORD_RESET_EMAIL, email):
            return redirect(self.success_url)
        with transaction.atomic():
            return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the message: choose a new password. The new password ends the person's
    other sessions (Django checks each session against the password) and their API tokens
    (`accounts.tokens`); they then sign in as usual, staff with their second factor."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    post_reset_login = False
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


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


@role_required(Role.ADMIN)
def processing_register(request):
    """The register of processing activities, for administrators (edited in the admin)."""
    entries = [
        {"entry": entry, "texts": {name: entry.text(name) for name in entry.TEXTS}}
        for entry in register.entries()
    ]
    return render(request, "accounts/processing_register.html", {"entries": entries})


@role_required(Role.ADMIN)
def processing_register_export(request, kind: str):
    if kind == "csv":
        response = HttpResponse(register.as_csv(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(register.as_json(), content_type="application/json")
    name = f"verwerkingsregister.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
