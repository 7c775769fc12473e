"""The kernel's table: a lease a worker holds on a periodic job."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from meedoen.models import JobLease


class JobLeaseFactory(factory.django.DjangoModelFactory):
    """A job held by a worker for the next ten minutes."""

    class Meta:
        model = JobLease

    name = factory.Sequence(lambda n: f"job-{n}")
    holder = factory.Sequence(lambda n: f"worker-{n}")
    until = factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=10))
