"""The API holds clients to the types in its OpenAPI file: a value of a type the file does not
allow for the operation (a number where text belongs, 0 for false, a text where a number
belongs) is refused with 400 and the field named, with every other error of the body, instead
of being coerced as Django REST framework would. The file is the committed `openapi.json`,
which a test keeps equal to the code.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft4Validator
from rest_framework import exceptions, parsers

SCHEMA_FILE = Path(__file__).with_name("openapi.json")


def _as_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 to JSON Schema: `nullable` becomes a null alternative."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _as_json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@cache
def _operations() -> tuple[dict, list[tuple[re.Pattern[str], str, dict]]]:
    document = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    operations = []
    for path, methods in document["paths"].items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema is not None:
                operations.append((re.compile(f"^{pattern}$"), method.upper(), schema))
    return _as_json_schema(document["components"]), operations


@cache
def _validator(method: str, path: str) -> Draft4Validator | None:
    components, operations = _operations()
    for pattern, operation_method, schema in operations:
        if operation_method == method and pattern.match(path):
            return Draft4Validator({**_as_json_schema(schema), "components": components})
    return None


def _wrong_type(error) -> bool:
    if error.validator == "type":
        return True
    # a nullable field: wrong when no alternative takes the value and one is a type error
    return error.validator == "anyOf" and any(_wrong_type(e) for e in error.context or [])


#: Put in place of a value of the wrong type: no field of the serializer takes it, so each
#: field refuses it with its own message, beside the serializer's other errors.
WRONG_TYPE = {"wrong type": True}


def wrong_types(method: str, path: str, data: Any) -> list[list[str | int]]:
    """Where the body has a value of a type that the operation's schema does not allow."""
    validator = _validator(method, path)
    if validator is None:
        return []
    return [list(error.path) for error in validator.iter_errors(data) if _wrong_type(error)]


def refuse_wrong_types(method: str, path: str, data: Any) -> Any:
    """The body with every value of a wrong type replaced by WRONG_TYPE."""
    places = wrong_types(method, path, data)
    if any(not place for place in places):
        raise exceptions.ParseError(_("The body does not have the form the API describes."))
    for *parents, last in places:
        container = data
        for step in parents:
            container = container[step]
        container[last] = WRONG_TYPE
    return data


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; values of a type the API description does not allow are refused
    by the serializer instead of coerced."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        request = (parser_context or {}).get("request")
        if request is not None:
            data = refuse_wrong_types(request.method, request.path, data)
        return data
