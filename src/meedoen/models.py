"""The kernel's one table: leases that keep a periodic job from running twice at once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobLease(models.Model):
    """Held by the worker that runs the job `name` until `until` (see `meedoen.jobs`)."""

    name = models.CharField(_("job"), max_length=100, primary_key=True)
    holder = models.CharField(_("held by"), max_length=32, blank=True)
    until = models.DateTimeField(_("held until"))

    class Meta:
        verbose_name = _("job lease")
        verbose_name_plural = _("job leases")

    def __str__(self) -> str:
        return self.name
