"""Shared fixtures: named people for every role, in two organisations and a network."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import override_settings

from meedoen.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityMembershipFactory,
    UserFactory,
)
from meedoen.organisations.tests.factories import (
    AreaFactory,
    MunicipalityFactory,
    NetworkFactory,
    OrganisationFactory,
)
from meedoen.volunteers.models import Enrolment, VolunteerProfile

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


#: The suite's longest tests, longest first (from `--durations`): every page of every role
#: through axe, every list and form of the admin through axe, the migrations run backwards
#: and forwards. The other browser tests follow them.
LONGEST_FIRST = [
    "tests/browser/test_layout.py::test_every_page_of_every_role_fits_a_320_px_phone_and_pas",
    "tests/browser/test_layout.py::test_every_list_and_form_of_the_admin_passes_axe_at_320_an",
    "accounts/tests/test_role_migration.py::test_every_account_keeps_its_access_in_the_new_sha",
]


def _database_order(item) -> int:
    """Where pytest-django runs a test: those in a rolled-back transaction first, then those
    that commit (the database is emptied after each), then those without a database."""
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return 1
    if "transactional_db" in names or "live_server" in names:
        return 1
    return 0 if marker or "db" in names else 2


def pytest_collection_modifyitems(config, items):
    """The longest tests first, within pytest-django's order (a test that commits empties the
    database, so those come after the ones that read what the migrations wrote). `make test`
    hands each process one test at a time (`--maxschedchunk 1`): the two longest start at
    once on different processes, the short ones even out at the end, and both processes
    finish together."""

    def rank(item) -> tuple[int, int, int]:
        for position, longest in enumerate(LONGEST_FIRST):
            if longest in item.nodeid:
                return (_database_order(item), 0, position)
        return (_database_order(item), 1 if item.get_closest_marker("browser") else 2, 0)

    items.sort(key=rank)  # stable: otherwise in the order collected


@pytest.fixture(scope="session")
def _migrate_once():
    """Each process copies the database that was migrated once (tests/database.py)."""
    from meedoen.tests.database import migrate_once

    restore = migrate_once()
    yield restore
    restore()


@pytest.fixture(scope="session")
def django_db_setup(_migrate_once, django_db_setup):
    _migrate_once()  # a test's own `migrate` runs the migrations


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


def _commits(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )


@pytest.fixture(autouse=True)
def _catalogue_after_a_commit(request):
    """A test that commits (a live server, threads, migrations) runs outside a test
    transaction, and the database is emptied after it. The catalogue ships in a data
    migration, so before each such test it is loaded again when it is gone; whichever test
    a process ran before, the catalogue is there."""
    if not _commits(request):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    from meedoen.catalogue.models import Activity

    if not Activity.objects.exists():
        import_module("meedoen.catalogue.migrations.0002_catalogue").load(apps, None)
        import_module("meedoen.catalogue.migrations.0004_activity_group").assign(apps, None)


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """Each test, and the world a module builds after it, starts without a language active,
    as in a new process: a page that a test's client opened in English leaves English active
    in the thread (the locale middleware activates the page's language), and what is written
    then takes that language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts without what an earlier one left in the cache (area centres)."""
    from django.core.cache import cache

    cache.clear()


@dataclass
class World:
    municipality: object
    area: object
    other_area: object
    organisation: object
    other_organisation: object
    desk: object
    network: object
    people: dict
    objects: dict = field(default_factory=dict)


@pytest.fixture
def world(db) -> World:
    """One municipality; our organisation in a central desk's network; another outside it."""
    return build_world()


@contextmanager
def kept_for_module(django_db_blocker, build):
    """Data built once for a whole test module (what `build()` returns): written in an outer
    transaction that each test's own transaction nests in as a savepoint, and rolled back when
    the module is done. Works on SQLite and PostgreSQL; use it in a module-scoped fixture that
    depends on `django_db_setup`, and let the tests ask for `db` as usual."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                built = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def build_world() -> World:
    municipality = MunicipalityFactory(name="Teststad", code="GM0001")
    area = AreaFactory(municipality=municipality, name="Centrum")
    other_area = AreaFactory(municipality=municipality, name="Dorp", kind="village")
    organisation = OrganisationFactory(municipality=municipality, name="Onze Vrijwilligers")
    other = OrganisationFactory(municipality=municipality, name="Andere Vrijwilligers")
    network = NetworkFactory(desk__municipality=municipality, desk__name="Centrale Balie")
    network.members.add(organisation)

    def person(username, organisation=None, membership_role=None, **fields):
        user = UserFactory(username=username, municipality=municipality, **fields)
        if organisation is not None:
            MembershipFactory(user=user, organisation=organisation, role=membership_role)
        return user

    people = {
        "citizen": person("citizen"),
        "carer": person("carer"),
        "volunteer": person("volunteer"),
        "professional": person("professional", organisation, "professional"),
        "coordinator": person("coordinator", organisation, "coordinator"),
        "stranger": person("stranger", other, "coordinator"),
        "desk": person("desk", network.desk, "coordinator"),
        "policy": person("policy"),
        "dpo": person("dpo"),
        "admin": person("admin", is_staff=True, is_superuser=True),
    }
    MunicipalityMembershipFactory(user=people["policy"], municipality=municipality)
    MunicipalityMembershipFactory(
        user=people["dpo"], municipality=municipality, role="data_protection_officer"
    )
    profile = VolunteerProfile.objects.create(user=people["volunteer"], area=area)
    Enrolment.objects.create(profile=profile, organisation=organisation, status="active")
    return World(municipality, area, other_area, organisation, other, network.desk, network, people)
