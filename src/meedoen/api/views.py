"""Shared API building blocks: every list and detail goes through `visible_to(user)`."""

from __future__ import annotations

from django.utils import translation
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import viewsets
from rest_framework.response import Response


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only resource whose queryset is always the model's `visible_to(request.user)`."""

    queryset = None
    model = None
    lookup_value_regex = r"[0-9]{1,15}"
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        objects = list(page) if page is not None else list(queryset)
        self.shown(objects)
        data = self.get_serializer(objects, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.shown([instance])
        return Response(self.get_serializer(instance).data)

    def shown(self, objects: list) -> None:
        """What a list or a detail returns: a resource that holds people's files records the
        read here (`accounts.audit.record_reads`, one insert for the page)."""

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset


class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI file. It is public and the same for everyone, so it is generated once per
    process, language and version instead of on every request (about a third of a second).
    It is served without counting towards a rate limit: it needs no database and costs
    nothing once generated."""

    throttle_classes: list = []
    _generated: dict[tuple[str, str | None], dict] = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (translation.get_language(), version)
        schema = self._generated.get(key)
        if schema is None:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            schema = self._generated[key] = generator.get_schema(
                request=request, public=self.serve_public
            )
        filename = self._get_filename(request, version)
        return Response(
            data=schema, headers={"Content-Disposition": f'inline; filename="{filename}"'}
        )
