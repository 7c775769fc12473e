"""What the request desk tells the apps above it (which it does not know)."""

from __future__ import annotations

from django.dispatch import Signal

#: Help requests whose retention ended were anonymised (`ids`, inside the same transaction):
#: every app that keeps a person's words about them clears those too.
anonymised = Signal()
