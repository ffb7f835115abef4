"""The database search backend: language-aware on PostgreSQL, modelsearch's elsewhere.

Use as ``{"BACKEND": "apps.knowledge.search.database"}``. Like modelsearch's own
``database`` backend it picks the implementation for the default database: on
PostgreSQL the per-locale backend of :mod:`.postgres`; on SQLite (FTS5, the embedded
default) the stemming and folding backend of :mod:`.sqlite`; on other databases
modelsearch's backend, which has no per-language analysis.
"""

from __future__ import annotations

from django.db import connection
from modelsearch.backends import database
from modelsearch.backends.base import BaseSearchBackend


def SearchBackend(params: dict) -> BaseSearchBackend:
    if connection.vendor == "postgresql":
        # Imported only here: the module's index model and its psycopg parts
        # belong to PostgreSQL.
        from .postgres import LocalisedPostgresSearchBackend

        return LocalisedPostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        # Imported only here: the module's FTS index model exists only on SQLite.
        from .sqlite import StemmingSQLiteSearchBackend

        return StemmingSQLiteSearchBackend(params)
    return backend
