from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedoen import limits, personal_data
from meedoen.accounts import audit, audit_search, export, register, rights, tokens
from meedoen.accounts.forms import (
    ApiTokenForm,
    AuditSearchForm,
    ChangePasswordForm,
    DetailsForm,
    EraseOnBehalfForm,
    EraseOwnForm,
    LoginForm,
    NewPasswordForm,
    ResetRequestForm,
    TokenForm,
)
from meedoen.addresses import client_address
from meedoen.errors import DomainError
from meedoen.forms import ask_to_confirm, confirmed
from meedoen.permissions import Role, role_required


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session_expired"] = self.request.GET.get("reason") == "expired"
        return context


@login_required
@require_POST
def extend_session(request):
    """ "Stay signed in": any request moves the end of the session (`SESSION_SAVE_EVERY_REQUEST`),
    so this one only answers. The page's script asks for JSON and learns how long it now has;
    without the script, the form brings the person back to the page they were on."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"seconds": settings.SESSION_COOKIE_AGE})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("start:index")
    return redirect(back)


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


class PasswordChangeView(auth_views.PasswordChangeView):
    """A signed-in person changes their password. This session stays signed in (Django keeps
    it with `update_session_auth_hash`); every other session of the account ends, since each
    is checked against the password, and so do the account's API tokens (`accounts.tokens`)."""

    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("accounts:my_data")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Your password has been changed. You are signed out everywhere else."),
        )
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


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


# --- the rights of the person ----------------------------------------------------------

KINDS = {"json": "application/json", "pdf": "application/pdf"}


def export_response(request, person, kind: str) -> HttpResponse:
    """The person's data as a download (JSON or PDF), logged as an export by whoever asked.
    Used by the person themselves and by coordinators on their behalf (scoped by their views)."""
    if kind not in KINDS:
        raise Http404
    language = export.language_of(request.GET.get("language"))
    content = (
        export.as_json(person, language) if kind == "json" else export.as_pdf(person, language)
    )
    audit.record_export(request, person, kind)
    response = HttpResponse(content, content_type=KINDS[kind])
    response["Content-Disposition"] = f'attachment; filename="{export.filename(person, kind)}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def my_data(request):
    """ "My data": what Meedoen holds, to download; name and e-mail, to correct."""
    user = request.user
    form = DetailsForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "phone": user.phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        rights.correct(user.pk, **form.cleaned_data)
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:my_data")
    return render(
        request,
        "accounts/my_data.html",
        {"form": form, "sections": personal_data.sections()},
        status=400 if form.errors else 200,
    )


@login_required
def my_data_export(request, kind):
    return export_response(request, request.user, kind)


def erase_page(request, person, *, form, on_behalf: bool, back_url: str):
    return render(
        request,
        "accounts/erase.html",
        {
            "form": form,
            "person": person,
            "on_behalf": on_behalf,
            "blockers": personal_data.blockers(person),
            "back_url": back_url,
        },
    )


@login_required
def erase_me(request):
    """Erase my data: what happens, then the password."""
    user = request.user
    form = EraseOwnForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            rights.erase_person(user.pk, user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            return redirect("accounts:erased")
    return erase_page(
        request, user, form=form, on_behalf=False, back_url=reverse("accounts:my_data")
    )


def erased(request):
    return render(request, "accounts/erased.html")


def erase_on_behalf(request, person, *, back_url: str, done_url: str):
    """A coordinator erases a person's data on their behalf (their views check the scope)."""
    form = EraseOnBehalfForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rights.erase_person(person.pk, request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The person's data has been erased."))
            return redirect(done_url)
    return erase_page(request, person, form=form, on_behalf=True, back_url=back_url)


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


# --- API tokens of one's own -----------------------------------------------------------


@login_required
def api_tokens(request):
    """The person's own API tokens: make one (its key shown this once), see when each was
    used and until when it works, revoke it. Staff reach this page only after their second
    factor, and `tokens.issue` refuses them without a confirmed one."""
    form = ApiTokenForm(request.POST or None)
    key = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, key = tokens.issue(
                    request.user, form.cleaned_data["name"], days=form.cleaned_data["days"]
                )
            except tokens.TokenRefused as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(
                    request, _("The token “%(name)s” has been made.") % {"name": token.name}
                )
                form = ApiTokenForm()
        else:
            status = 400
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "key": key,
            "tokens": request.user.api_tokens.order_by("-created_at"),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
def revoke_api_token(request, pk: int):
    if request.method != "POST":
        return redirect("accounts:api_tokens")
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    if not confirmed(request):  # a stopped token cannot work again: ask first
        return ask_to_confirm(
            request,
            title=_("Stop the token “%(name)s”?") % {"name": token.name},
            question=_("Are you sure you want to stop the token “%(name)s”?")
            % {"name": token.name},
            consequence=_(
                "The programs that use this token can then no longer read or write in Meedoen "
                "on your behalf. This cannot be undone; you can make a new token."
            ),
            yes=_("Yes, stop “%(name)s”") % {"name": token.name},
            no=_("No, keep the token"),
            back=reverse("accounts:api_tokens"),
        )
    tokens.revoke(token)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("accounts:api_tokens")
