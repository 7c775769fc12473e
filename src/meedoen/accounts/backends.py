from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class MeedoenModelBackend(ModelBackend):
    """Username and password; the public demo password never opens an account in production."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.DEMO_ALLOWED and password == settings.DEMO_PASSWORD:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
