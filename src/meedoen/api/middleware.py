from __future__ import annotations

import functools
import re

from django.conf import settings
from django.utils import translation
from drf_spectacular.settings import spectacular_settings

from meedoen.api.problems import unknown_query_parameters


class ApiVersionMiddleware:
    """Every API response says which version of the API answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response


class UnknownQueryParametersMiddleware:
    """Query parameters the OpenAPI file does not describe for an operation are refused with
    400, not ignored: a misspelt filter would otherwise answer with everything. What is
    allowed comes from the schema itself (paging, filters, what `extend_schema(parameters=...)`
    declares), so every endpoint, also a new one, follows the rule without listing its
    parameters twice. Paths and methods the schema does not describe pass on unchanged (the
    view answers 404 or 405)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET and request.path_info.startswith(API_PREFIX):
            allowed = allowed_query_parameters(request.path_info, request.method)
            if allowed is not None:
                unknown = sorted(set(request.GET) - allowed)
                if unknown:
                    return unknown_query_parameters(unknown)
        return self.get_response(request)


API_PREFIX = "/api/"


def allowed_query_parameters(path: str, method: str) -> frozenset[str] | None:
    """The query parameters the schema allows for this path and method; None when the schema
    does not describe them. HEAD is answered as GET."""
    method = "get" if method.upper() == "HEAD" else method.lower()
    for pattern, operations in _operations():
        if pattern.fullmatch(path):
            return operations.get(method)
    return None


@functools.cache
def _operations() -> list[tuple[re.Pattern[str], dict[str, frozenset[str]]]]:
    """Each path of the OpenAPI file as a pattern with the query parameters of each method;
    generated once per process (at the first API request that carries query parameters).
    Paths without a placeholder come first, so `/areas/{id}` never hides a fixed path."""
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS(api_version=settings.API_VERSION)
    with translation.override(settings.LANGUAGE_CODE):
        schema = generator.get_schema(request=None, public=True)
    found = []
    for path, operations in schema.get("paths", {}).items():
        pattern = "".join(
            "[^/]+" if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[^}]+\})", path)
        )
        found.append(
            (
                re.compile(pattern),
                {
                    method: frozenset(
                        p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
                    )
                    for method, operation in operations.items()
                },
            )
        )
    found.sort(key=lambda entry: entry[0].pattern.count("[^/]+"))
    return found
