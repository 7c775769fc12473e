"""Errors as application/problem+json (RFC 9457), in the language of the request."""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from meedoen.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://meedoen.invalid/problems/"

TITLES = {
    "invalid_input": _("Your input is not valid."),
    "not_authenticated": _("You are not signed in."),
    "authentication_failed": _("Signing in failed."),
    "permission_denied": _("You may not do this."),
    "not_found": _("Not found."),
    "method_not_allowed": _("This method is not allowed here."),
    "not_acceptable": _("This format cannot be delivered."),
    "unsupported_media_type": _("This content type is not supported."),
    "throttled": _("Too many requests."),
    "parse_error": _("The request body could not be read."),
    "two_factor_required": _("Confirm your sign-in with a second factor first."),
    "conflict": _("This conflicts with the current state."),
    "error": _("Something went wrong."),
    "unavailable": _("Meedoen cannot reach its database just now. Please try again in a minute."),
}


def _problem(code: str, status_code: int, detail: Any = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": TYPE_BASE + code.replace("_", "-"),
        "title": str(TITLES.get(code, TITLES["error"])),
        "status": status_code,
        "code": code,
    }
    if detail:
        body["detail"] = str(detail)
    body.update(extra)
    return body


def _invalid_params(data: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's error structure into [{name, reason}], one per message."""
    params: list[dict[str, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_invalid_params(value, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, dict | list):
                params.extend(_invalid_params(value, f"{prefix}[{index}]"))
            else:
                params.append({"name": prefix or "non_field_errors", "reason": str(value)})
    else:
        params.append({"name": prefix or "non_field_errors", "reason": str(data)})
    return params


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = _("This conflicts with the current state.")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        # A step that is not possible now: one place turns every domain error into a 409.
        exc = Conflict(str(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = _problem(
            "invalid_input",
            response.status_code,
            _("One or more fields are not valid; see invalid_params."),
            invalid_params=_invalid_params(exc.detail),
        )
    else:
        code = getattr(exc, "default_code", "error")
        detail = getattr(exc, "detail", None)
        body = _problem(code if code in TITLES else "error", response.status_code, detail)
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_response(
    request, status_code: int, code: str, detail_key: str | None = None
) -> JsonResponse:
    """A problem response from outside DRF (middleware, handlers)."""
    body = _problem(code, status_code, TITLES.get(detail_key) if detail_key else None)
    return JsonResponse(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def unknown_query_parameters(names: list[str]) -> JsonResponse:
    """400 for query parameters the OpenAPI file does not describe, each one named."""
    body = _problem(
        "invalid_input",
        status.HTTP_400_BAD_REQUEST,
        _("These query parameters are not known here: %(names)s.") % {"names": ", ".join(names)},
        invalid_params=[
            {"name": name, "reason": str(_("This query parameter is not known here."))}
            for name in names
        ],
    )
    return JsonResponse(body, status=status.HTTP_400_BAD_REQUEST, content_type=PROBLEM_CONTENT_TYPE)


def handler404(request, exception=None):
    if request.path.startswith("/api/"):
        return problem_response(request, status.HTTP_404_NOT_FOUND, "not_found")
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


#: When a client may try again after the database could not be reached (seconds).
RETRY_AFTER_SECONDS = 30


def handler500(request):
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return unavailable(request)
    if request.path.startswith("/api/"):
        return problem_response(request, status.HTTP_500_INTERNAL_SERVER_ERROR, "error")
    return _standalone_page("500.html", 500)


def handler400(request, exception=None):
    if request.path.startswith("/api/"):
        return problem_response(request, status.HTTP_400_BAD_REQUEST, "invalid_input")
    return _standalone_page("400.html", 400)


def _standalone_page(template: str, status_code: int) -> HttpResponse:
    """Meedoen's own page for an error that may have left the request unusable: rendered
    with the language only (no request, user or database), in Meedoen's style."""
    page = render_to_string(template, {"language": translation.get_language()})
    return HttpResponse(page, status=status_code)


def unavailable(request) -> HttpResponse:
    """The database cannot be reached (down, restarting, locked): 503 with Retry-After, as a
    problem on the API and as a page that needs no database."""
    if request.path.startswith("/api/"):
        response: HttpResponse = problem_response(request, 503, "unavailable", "unavailable")
    else:
        page = render_to_string("503.html", {"language": translation.get_language()})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
