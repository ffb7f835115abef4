"""Project-wide pytest configuration."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.utils import restore_migration_data


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: its database starts afresh too, and a
    kept fact (apps/knowledge/content_cache.py) of an earlier test must not leak."""
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language():
    """A test that activates a language must not leak it into the next one."""
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _migration_data_in_transactional_tests(request):
    """Transactional tests start with the locales and default workflow in place."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        restore_migration_data()


def pytest_terminal_summary(terminalreporter):
    """Say how many live search-engine tests ran: CI must show they were not skipped."""
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
