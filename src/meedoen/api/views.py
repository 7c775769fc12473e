"""Shared API building blocks: every list and detail goes through `visible_to(user)`."""

from __future__ import annotations

from rest_framework import viewsets


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only resource whose queryset is always the model's `visible_to(request.user)`."""

    queryset = None
    model = None
    lookup_value_regex = r"[0-9]{1,15}"
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset
