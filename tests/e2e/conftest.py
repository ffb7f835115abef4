"""Browser tests: Playwright (pip) driving Debian's chromium against a live server.

Downloading a browser is impossible on these machines, so the tests use the system
chromium through ``executable_path``. Outside CI a missing browser or a missing
axe-core (``npm ci``) skips these tests with the reason; in CI it is an error.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.e2e.demo_database import DemoDatabase

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser tests)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    _require(bool(CHROMIUM), "no chromium found (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the test's own
    # database calls are synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _demo_database(django_db_setup, django_db_blocker):
    """The seeded copy of the test database, shared by the whole session."""
    demo_database = DemoDatabase()
    yield demo_database
    with django_db_blocker.unblock():
        demo_database.drop()


@pytest.fixture
def demo(_demo_database, transactional_db, live_server):
    """The test starts on the demo content of ``seed_demo`` (seeded once a session).

    Transactional like every browser test (the live server must see the data), so
    what the test changes is gone when the next one restores the copy.
    """
    _demo_database.prepare()
    yield
    # The copy's content type ids stay in ContentType's cache; the flush after the
    # test recreates content types and permissions (post_migrate) and must not
    # give the permissions those stale ids (a later test would find none).
    ContentType.objects.clear_cache()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_page(browser):
    """A page that lets the test inject axe-core despite the portal's strict CSP."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    _require(AXE_JS.exists(), "axe-core is not installed (npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


def screenshot(page, name: str) -> Path:
    """Keep a screenshot as a CI artifact in artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
