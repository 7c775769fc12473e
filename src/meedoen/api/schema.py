"""OpenAPI additions: every operation documents its problem+json errors and the version header."""

from __future__ import annotations

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An error (RFC 9457), in Dutch or English per Accept-Language.",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "detail": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["type", "title", "status", "code"],
}
ERRORS = {
    "400": "The input is not valid; invalid_params names each field.",
    "401": "Not signed in: send a token (Authorization: Token ...) or a session.",
    "403": "The caller may not do this.",
    "404": "Not found, or outside the caller's scope.",
    "409": "The step is not possible now; detail says why.",
    "429": "Too many requests.",
}
VERSION_HEADER = {
    "API-Version": {
        "description": "The version of the API that answered.",
        "schema": {"type": "string"},
    }
}


def add_problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for response in responses.values():
                response.setdefault("headers", {}).update(VERSION_HEADER)
            for code, description in ERRORS.items():
                responses.setdefault(
                    code,
                    {"description": description, "content": problem, "headers": VERSION_HEADER},
                )
    return result


def optional_for_own_view(result, generator, request, public):
    """A concern or handover answers in full to those who handle it, and in the volunteer's
    own view (without the team's notes) to everyone else: the fields that only the full view
    has are documented as present for handlers, not required."""
    schemas = result.get("components", {}).get("schemas", {})
    viewsets = {getattr(callback, "cls", None) for *_, callback in generator.endpoints}
    for viewset in viewsets:
        own = getattr(viewset, "own_serializer_class", None)
        if own is None:
            continue
        full = viewset.serializer_class
        name = full.__name__.removesuffix("Serializer")
        component = schemas.get(name)
        if component is None:
            continue
        only_full = set(full.Meta.fields) - set(own.Meta.fields)
        component["required"] = [f for f in component.get("required", []) if f not in only_full]
        for field in only_full:
            if field in component.get("properties", {}):
                component["properties"][field]["description"] = (
                    "Only for those who handle it (absent in the volunteer's own view)."
                )
    return result
