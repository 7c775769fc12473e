"""Backup and restore as docs/operations.md describes them: a backup of a populated database,
restored into an empty one, holds every record of every table.

On SQLite: the online backup API (what `sqlite3 meedoen.sqlite3 ".backup ..."` uses) from the
live connection into a file, then restored from that file into a fresh database. On
PostgreSQL: `pg_dump --format=custom` and `pg_restore` into a new database, when both are on
PATH (skipped otherwise, saying why).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid

import pytest
from django.db import connection

from meedoen.accounts.models import ProcessingActivity
from meedoen.accounts.tests.factories import ProcessingActivityFactory
from meedoen.conftest import build_world
from meedoen.requests.models import HelpRequest
from meedoen.requests.tests.factories import HelpRequestFactory


def _populate():
    world = build_world()
    HelpRequestFactory(organisation=world.organisation, area=world.area, first_name="Truus")
    ProcessingActivityFactory()
    return world


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names())


def _contents(cursor, tables, quote) -> dict[str, list[tuple]]:
    contents = {}
    for table in tables:
        cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608  (table names of the schema)
        contents[table] = sorted(cursor.fetchall(), key=repr)
    return contents


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup API")
@pytest.mark.django_db(transaction=True)  # a backup holds what is committed
def test_sqlite_online_backup_restores_every_record(tmp_path):
    _populate()
    live = connection.connection  # the test database, in memory or a file: backed up online
    backup_file = tmp_path / "meedoen-backup.sqlite3"
    target = sqlite3.connect(backup_file)
    live.backup(target)
    target.close()

    restored_file = tmp_path / "meedoen-restored.sqlite3"
    # Read with the converters Django's connection uses, so the values compare as equals.
    types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    source = sqlite3.connect(backup_file)
    restored = sqlite3.connect(restored_file, detect_types=types)
    source.backup(restored)
    source.close()
    assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    tables = _tables()
    quote = connection.ops.quote_name
    expected = _contents(connection.cursor(), tables, quote)
    got = _contents(restored.cursor(), tables, quote)
    restored.close()
    assert got == expected
    assert any(rows for rows in got.values())  # populated, not two empty databases
    assert len(got[HelpRequest._meta.db_table]) == 1
    assert len(got[ProcessingActivity._meta.db_table]) == ProcessingActivity.objects.count()


TOOLS = {tool: shutil.which(tool) for tool in ("pg_dump", "pg_restore", "psql")}


def _run(tool: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """One of the PostgreSQL client tools, found on PATH, with arguments from the settings."""
    return subprocess.run([str(TOOLS[tool]), *args], **kwargs)  # noqa: S603  (fixed tools)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore")
@pytest.mark.django_db(transaction=True)  # pg_dump reads only what is committed
def test_postgresql_dump_and_restore_every_record():
    missing = [tool for tool, path in TOOLS.items() if path is None]
    if missing:
        pytest.skip(f"not on PATH: {', '.join(missing)} (Debian package postgresql-client)")
    _populate()
    settings = connection.settings_dict
    host, port = settings.get("HOST") or "localhost", str(settings.get("PORT") or 5432)
    user, password = settings.get("USER") or "postgres", settings.get("PASSWORD") or ""
    env = {**os.environ, "PGPASSWORD": password}
    where = ["--host", host, "--port", port, "--username", user]
    restored_name = f"meedoen_restore_{uuid.uuid4().hex[:8]}"
    dump = _run(
        "pg_dump",
        *where,
        "--format=custom",
        "--no-owner",
        settings["NAME"],
        env=env,
        capture_output=True,
        check=True,
    ).stdout
    admin = [*where, "--dbname", "postgres", "--quiet", "--set", "ON_ERROR_STOP=1", "--command"]
    _run("psql", *admin, f'CREATE DATABASE "{restored_name}"', env=env, check=True)
    try:
        _run(
            "pg_restore",
            *where,
            "--no-owner",
            "--exit-on-error",
            "--dbname",
            restored_name,
            input=dump,
            env=env,
            check=True,
        )
        import psycopg

        def contents(name: str) -> dict[str, list[tuple]]:
            # Both read the same way (one driver, one time zone), the original and the copy.
            with psycopg.connect(
                host=host, port=port, user=user, password=password or None, dbname=name
            ) as database:
                database.execute("SET TIME ZONE 'UTC'")
                return _contents(database.cursor(), _tables(), connection.ops.quote_name)

        expected, got = contents(settings["NAME"]), contents(restored_name)
    finally:
        _run("psql", *admin, f'DROP DATABASE IF EXISTS "{restored_name}"', env=env, check=False)
    assert got == expected
    assert any(rows for rows in got.values())
    assert len(got[HelpRequest._meta.db_table]) == 1
