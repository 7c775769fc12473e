"""The base of every API serializer: a value that was never given is null, not "".

A choice not made yet (how an assignment ended, while it runs) or an e-mail address nobody
gave is stored as an empty string. In an answer it is `null`, and the OpenAPI file says the
field is nullable, so that every answer matches the documented enum or format; a client may
send null or "" for it alike.
"""

from __future__ import annotations

from django.db import models
from rest_framework import serializers


class CharField(serializers.CharField):
    """Text, and only text: a number or a list sent where text belongs is refused (400), not
    turned into text, as the schema says."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class _BlankAsNull:
    def __init__(self, **kwargs):
        kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        if value in ("", None):
            return None
        return super().to_representation(value)

    def validate_empty_values(self, data):
        if data is None:
            return (True, "")
        return super().validate_empty_values(data)


class OptionalChoiceField(_BlankAsNull, serializers.ChoiceField):
    """A choice that may not have been made: null when it was not."""


class OptionalEmailField(_BlankAsNull, serializers.EmailField):
    """An e-mail address that may not have been given: null when it was not."""


# DRF's ModelSerializer, with blank choices and e-mail addresses answered as null. (No
# docstring: the OpenAPI file would show it as the description of every resource.)
class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: CharField,
        models.TextField: CharField,
    }

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if model_field.blank and not model_field.null:
            if model_field.choices:
                field_class = OptionalChoiceField
            elif isinstance(model_field, models.EmailField):
                field_class = OptionalEmailField
        return field_class, kwargs
