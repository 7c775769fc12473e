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
