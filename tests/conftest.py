"""Project-wide pytest configuration."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.utils import restore_migration_data


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
