"""What the API's property-based tests share: calls straight to the WSGI app inside the
test's transaction, and path ids drawn from the records in the database."""

from __future__ import annotations

from contextlib import contextmanager

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import strategies as st

#: The path parameters that name a record.
ID_PARAMETERS = {"id", "application_id"}
_ids: list[int] = []


@contextmanager
def calls_in_test_transaction():
    """Calls go straight to the WSGI app; keep Django from closing the test's connection.

    Django's own test client does the same: a request's start and end would otherwise close
    the connection that holds the test transaction (on PostgreSQL).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def record_ids(limit: int = 5_000) -> list[int]:
    """Remember the primary keys of Meedoen's records (at most `limit` of them, the lowest)."""
    found: set[int] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("meedoen."):
            continue
        found.update(model.objects.order_by("pk").values_list("pk", flat=True)[:limit])
    _ids[:] = sorted(found)[:limit]
    return list(_ids)


def real_ids() -> list[int]:
    return list(_ids)


def with_real_ids(schema) -> None:
    """Path ids are drawn from the recorded records as often as they are generated."""

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        if not path_parameters:
            return st.just(path_parameters)
        drawn = {}
        for name, value in path_parameters.items():
            if name in ID_PARAMETERS and _ids:
                drawn[name] = st.one_of(st.just(value), st.sampled_from(_ids).map(str))
            else:
                drawn[name] = st.just(value)
        return st.fixed_dictionaries(drawn)
