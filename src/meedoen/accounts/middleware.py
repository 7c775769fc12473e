from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedoen.api.problems import problem_response

EXEMPT_PREFIXES = ("/static/", "/i18n/", "/accounts/two-factor/", "/accounts/logout/")


def needs_second_factor(user) -> bool:
    return bool(
        settings.TWO_FACTOR_REQUIRED
        and user.is_authenticated
        and user.is_staff_role
        and not user.is_verified()
    )


class TwoFactorRequiredMiddleware:
    """Staff roles must pass a TOTP check before they reach anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(EXEMPT_PREFIXES) and needs_second_factor(request.user):
            if request.path.startswith("/api/"):
                return problem_response(
                    request,
                    403,
                    "two_factor_required",
                    detail_key="two_factor_required",
                )
            has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
            target = "accounts:two_factor_verify" if has_device else "accounts:two_factor_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class ExpiredSessionMiddleware:
    """Says why a person is asked to sign in again after a pause.

    Sessions end after `SESSION_COOKIE_AGE` seconds without a request (Django keeps the
    expiry date; every request moves it). A browser that still sends the cookie of a session
    that ended is sent to the sign-in page like anyone else; this adds `reason=expired` to that
    redirect, so the sign-in page says the session ended and nothing was lost by mistake.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code in (301, 302, 303)
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and not request.user.is_authenticated
            and request.session.session_key is None
        ):
            location = response.get("Location", "")
            if location.startswith(reverse(settings.LOGIN_URL)) and "reason=" not in location:
                response["Location"] = (
                    location + ("&" if "?" in location else "?") + "reason=expired"
                )
        return response
