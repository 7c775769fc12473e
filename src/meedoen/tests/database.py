"""The suite's SQLite database, migrated once and copied into each test process.

Every process of the suite (pytest-xdist runs two) starts with an empty database in memory,
and migrating it takes the real migrations' time in each of them. The first process to
migrate keeps a copy of the migrated database in `var/`, named after everything that decides
what the migrations make: the migration files of every installed app, the Meedoen modules
they import (the catalogue's data, say), and the versions of Django and SQLite. Later
processes copy it into their own database with SQLite's backup, then send the signal that
follows a migrate, as migrate would (content types, permissions, the worker's schedules).
Changing a migration or what it reads changes the name, so the real migrations run again.
The migration tests (`test_role_migration.py`) migrate backwards and forwards themselves.

PostgreSQL works the same way with a template database on the server, named after the same
digest (and the server's version): the first process migrates its own test database and
copies it into the template with `CREATE DATABASE ... TEMPLATE`; each later process, in this
run or a later one on the same server (`make fuzz` after `make test`), makes its database a
copy of the template. An advisory lock on the server lets one process at a time make or copy
the template, so the second process waits for the first one's migrations and then copies.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import django
from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections

PROJECT = Path(__file__).resolve().parents[3]
SOURCE = PROJECT / "src"
TEMPLATES = PROJECT / "var"


def _imported_meedoen_files(path: Path, seen: set[Path]) -> None:
    """The Meedoen modules a file imports, and what those import, into `seen`."""
    for node in ast.walk(ast.parse(path.read_bytes())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            if not name.startswith("meedoen."):
                continue
            base = SOURCE.joinpath(*name.split("."))
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if candidate.is_file() and candidate not in seen:
                    seen.add(candidate)
                    _imported_meedoen_files(candidate, seen)


def template_key(server: str = "") -> str:
    """A digest of what the migrations make: their files, what they import, the versions."""
    digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version} {server}".encode())
    files: set[Path] = set()
    for app in apps.get_app_configs():
        migrations = Path(app.path) / "migrations"
        for path in migrations.glob("*.py"):
            files.add(path)
            if app.name.startswith("meedoen"):
                _imported_meedoen_files(path, files)
    for path in sorted(files):
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _in_memory_sqlite(connection) -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def _after_migrate(connection, verbosity: int, interactive: bool) -> None:
    """What a migrate does after its last migration, on the copied database."""
    from django.core.management.sql import emit_post_migrate_signal
    from django_q.models import Schedule

    # The schedules are written from the jobs that the code registers, not from a migration.
    Schedule.objects.using(connection.alias).all().delete()
    emit_post_migrate_signal(verbosity, interactive, connection.alias)


def migrate_once() -> Callable[[], None]:
    """Until the function returned is called, `migrate` of an in-memory SQLite database copies
    the kept one (after keeping it, the first time)."""
    from django.core import management

    migrate_for_real = management.call_command

    def call_command(name, *args, **options):
        connection = connections[options.get("database", DEFAULT_DB_ALIAS)]
        if name == "migrate" and connection.vendor == "postgresql":
            return _migrate_postgresql(connection, lambda: migrate_for_real(name, *args, **options))
        if name != "migrate" or not _in_memory_sqlite(connection):
            return migrate_for_real(name, *args, **options)
        template = TEMPLATES / f"test-database-{template_key()}.sqlite3"
        connection.ensure_connection()
        if template.exists():
            with closing(sqlite3.connect(template)) as source:
                source.backup(connection.connection)
            _after_migrate(
                connection, options.get("verbosity", 1), options.get("interactive", False)
            )
            return None
        result = migrate_for_real(name, *args, **options)
        TEMPLATES.mkdir(exist_ok=True)
        for old in TEMPLATES.glob("test-database-*.sqlite3"):
            if old != template:
                old.unlink(missing_ok=True)
        partial = template.with_name(f"{template.name}.{os.getpid()}")
        with closing(sqlite3.connect(partial)) as target:
            connection.connection.backup(target)
        os.replace(partial, template)  # whole or not at all, for a process that reads it
        return result

    def restore() -> None:
        management.call_command = migrate_for_real

    management.call_command = call_command
    return restore


#: The advisory lock that one process at a time holds to make or copy the template database.
TEMPLATE_LOCK = 0x6D656564  # "meed"


def _migrate_postgresql(connection, migrate: Callable[[], object]) -> object:
    """`migrate` of a PostgreSQL test database: a copy of the template database, which the
    first process makes from its own freshly migrated database."""
    name = connection.settings_dict["NAME"]
    connection.ensure_connection()
    server = f"postgresql {connection.pg_version}"
    connection.close()  # a database with a session in it can be neither copied nor dropped
    prefix = re.sub(r"_gw\d+$", "", name)[:30]  # pytest-xdist's process, as in test_meedoen_gw1
    template = f"{prefix}_template_{template_key(server)}"
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [TEMPLATE_LOCK])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is not None:
                cursor.execute(f"DROP DATABASE {quote(name)}")
                cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
                _after_migrate(connection, verbosity=0, interactive=False)
                connection.close()
                return None
            result = migrate()
            connection.close()
            # Templates made for other migrations are of no more use.
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [f"{prefix}\\_template\\_%"],
            )
            for (old,) in cursor.fetchall():
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
            # Copied under another name and renamed: whole or not at all.
            partial = f"{prefix}_partial_{os.getpid()}"
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(partial)}")
            cursor.execute(f"CREATE DATABASE {quote(partial)} TEMPLATE {quote(name)}")
            cursor.execute(f"ALTER DATABASE {quote(partial)} RENAME TO {quote(template)}")
            return result
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [TEMPLATE_LOCK])
