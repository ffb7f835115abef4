"""One seeded demo database for every browser test, restored before each of them.

``seed_demo`` takes longer than most browser tests themselves, and every test that
works on the demo used to run it again. The first such test of a session seeds the
test database and keeps a copy of it; each later one gets the test database back
in exactly that state (same rows, same ids, same search index):

- SQLite: the test database is copied with SQLite's backup API into an in-memory
  database and copied back before each test (the live server shares the in-memory
  connection, so it sees the restored content at once).
- PostgreSQL: the seeded test database becomes the template of a second database
  (``CREATE DATABASE ... TEMPLATE``); before each test the test database is dropped
  and created again from that template.

Tests stay independent: each starts from the copy, whatever the previous one did.
"""

from __future__ import annotations

import sqlite3

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections


class DemoDatabase:
    """The test database seeded once per session, and the copy to restore it from."""

    def __init__(self) -> None:
        self._sqlite_copy: sqlite3.Connection | None = None
        self._template: str | None = None

    @property
    def seeded(self) -> bool:
        return self._sqlite_copy is not None or self._template is not None

    def prepare(self) -> None:
        """Give the current test the seeded demo: seed the first time, else restore."""
        if self.seeded:
            self._restore()
        else:
            call_command("seed_demo", verbosity=0)
            self._keep_copy()
        # Cached lookups (site root paths, portal fragments) may name rows of the
        # previous test's database.
        cache.clear()
        # A flush between tests can give the content types new ids; the copy has
        # those of the seeding. ContentType's cache is filled again from the copy
        # (not left empty: a later test's serialized rollback saves rows whose
        # signal handlers look content types up before theirs are restored).
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(
            *apps.get_models(include_auto_created=True), for_concrete_models=False
        )

    def drop(self) -> None:
        """Remove the copy (PostgreSQL: the template database) at the session's end."""
        if self._sqlite_copy is not None:
            self._sqlite_copy.close()
            self._sqlite_copy = None
        if self._template is not None:
            connections.close_all()
            template = self._quoted(self._template)
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {template}")
            self._template = None

    # SQLite and PostgreSQL ------------------------------------------------------

    def _keep_copy(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self._sqlite_copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite_copy)
        elif connection.vendor == "postgresql":
            name = connection.settings_dict["NAME"]
            template = f"{name}_demo"
            self._copy_database(source=name, target=template)
            self._template = template
        else:
            raise NotImplementedError(f"no demo copy for {connection.vendor}")

    def _restore(self) -> None:
        if self._sqlite_copy is not None:
            connection.ensure_connection()
            self._sqlite_copy.backup(connection.connection)
        else:
            self._copy_database(
                source=self._template, target=connection.settings_dict["NAME"]
            )

    def _copy_database(self, source: str, target: str) -> None:
        """``target`` becomes a copy of ``source`` (which nobody may be using)."""
        connections.close_all()
        with connection._nodb_cursor() as cursor:
            # The live server closes its connections after each request; a
            # connection a test left behind in another thread would block the copy.
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname IN (%s, %s) AND pid <> pg_backend_pid()",
                [source, target],
            )
            cursor.execute(f"DROP DATABASE IF EXISTS {self._quoted(target)}")
            cursor.execute(
                f"CREATE DATABASE {self._quoted(target)} "
                f"TEMPLATE {self._quoted(source)}"
            )

    @staticmethod
    def _quoted(name: str) -> str:
        return connection.ops.quote_name(name)
