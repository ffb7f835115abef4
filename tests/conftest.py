"""Project-wide pytest configuration, and the fixtures every folder shares.

Fixtures live in the conftest.py of the folder whose tests use them (the highest
one when several folders do); data is built with the factories of factories.py.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import SimpleTestCase
from django.utils import translation

from tests.knowledge.factories import Portal, PortalFactory
from tests.migration_data import restore_migration_data


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    """Uploaded files of a test go to a temporary folder, never the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: its database starts afresh too, and a
    kept fact (apps/knowledge/content_cache.py) of an earlier test must not leak."""
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language() -> Iterator[None]:
    """A test that activates a language must not leak it into the next one."""
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _migration_data_in_transactional_tests(request: pytest.FixtureRequest) -> None:
    """Transactional tests start with the locales and default workflow in place."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        restore_migration_data()


@pytest.fixture
def portal(db: None) -> Portal:
    """The portal the demo content has: home, solutions, a partner area, themes."""
    return PortalFactory()


def _plain_class_with_test_data(cls: type | None) -> bool:
    return (
        cls is not None
        and hasattr(cls, "setUpTestData")
        and not issubclass(cls, SimpleTestCase)
    )


@pytest.fixture(scope="class", autouse=True)
def _class_test_data(request: pytest.FixtureRequest) -> Iterator[None]:
    """Django's ``setUpTestData`` for plain pytest classes: it runs once per class,
    in a transaction rolled back after the class's last test (each test runs in a
    savepoint inside it, as in Django's TestCase)."""
    cls = request.cls
    if not _plain_class_with_test_data(cls):
        yield
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock(), transaction.atomic():
        before = set(vars(cls))
        cls.setUpTestData()
        cls._test_data_names = [name for name in vars(cls) if name not in before]
        yield
        for name in cls._test_data_names:
            delattr(cls, name)
        transaction.set_rollback(True)
    # Wagtail caches the site's root paths; the rollback fires no signal.
    cache.clear()


@pytest.fixture(autouse=True)
def _test_data_copies(request: pytest.FixtureRequest, _class_test_data: None) -> None:
    """Each test of a plain class sees deep copies of the class's test data, so an
    object changed in memory by one test is fresh in the next (Django's TestData)."""
    cls = request.cls
    if not _plain_class_with_test_data(cls):
        return
    memo: dict = {}
    for name in cls._test_data_names:
        if name != "_test_data_names":
            setattr(request.instance, name, copy.deepcopy(getattr(cls, name), memo))


#: pytest-django's fixtures that give a test the database (fixturenames holds every
#: fixture a test needs, directly or through other fixtures).
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        # Module-scoped data built on the test database (django_db_blocker.unblock()).
        "django_db_setup",
    }
)


_INDEPENDENT = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Deselect the tests that use no database: they give the same result on "
        "every database backend (`make test-postgres` passes it; `make test-sqlite` "
        "runs them).",
    )


def uses_database(item: pytest.Item) -> bool:
    """Whether a test uses Django's test database: a ``django_db`` marker, one of
    pytest-django's database fixtures, or a Django test case with databases."""
    if item.get_closest_marker("django_db"):
        return True
    if DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    cls = getattr(item, "cls", None)
    return bool(
        cls is not None
        and issubclass(cls, SimpleTestCase)
        and getattr(cls, "databases", None)
    )


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """With --database-tests-only, run only the tests a database backend can change."""
    if not config.getoption("database_tests_only"):
        return
    selected, independent = [], []
    for item in items:
        (selected if uses_database(item) else independent).append(item)
    if independent:
        config.hook.pytest_deselected(items=independent)
        items[:] = selected
    config.stash[_INDEPENDENT] = len(independent)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    independent = terminalreporter.config.stash.get(_INDEPENDENT, None)
    if independent is not None:
        terminalreporter.write_line(
            f"{independent} database-independent tests deselected "
            "(--database-tests-only: they do not depend on the database backend)"
        )

    # How many live search-engine tests ran: CI must show they were not skipped.
    counts: dict[str, dict[str, int]] = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            if "live_search" not in getattr(report, "keywords", {}):
                continue
            if report.when != "call" and outcome == "passed":
                continue
            # Parameter ids name the engine: [opensearch], [elasticsearch-de], ...
            params = report.nodeid.rpartition("[")[2]
            engine = "elasticsearch" if "elasticsearch" in params else "opensearch"
            per_engine = counts.setdefault(engine, {})
            per_engine[outcome] = per_engine.get(outcome, 0) + 1
    for engine, per_outcome in sorted(counts.items()):
        figures = ", ".join(f"{count} {name}" for name, count in per_outcome.items())
        terminalreporter.write_line(f"live search tests on {engine}: {figures}")
