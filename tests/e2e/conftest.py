"""Browser tests: Playwright (pip) driving Debian's chromium against a live server.

Downloading a browser is impossible on these machines, so the tests use the system
chromium through ``executable_path``. Outside CI a missing browser or a missing
axe-core (``npm ci``) skips these tests with the reason; in CI it is an error.

Below the fixtures: what the tests do in the browser (log in, run axe, act on the
dashboard) and how they find a demo page.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from apps.demo.seed import demo_key
from apps.knowledge.models import SolutionPage
from tests.e2e.demo_database import DemoDatabase

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

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
def browser() -> Iterator[Browser]:
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
def _demo_database(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    """The seeded copy of the test database, shared by the whole session."""
    demo_database = DemoDatabase()
    yield demo_database
    with django_db_blocker.unblock():
        demo_database.drop()


@pytest.fixture
def demo(
    _demo_database: Any, transactional_db: None, live_server: Any
) -> Iterator[None]:
    """The test starts on the demo content of ``seed_demo`` (seeded once a session).

    Transactional like every browser test (the live server must see the data), so
    what the test changes is gone when the next one restores the copy.
    """
    _demo_database.prepare()
    yield
    _wait_for_requests_in_flight(live_server)
    # The copy's content type ids stay in ContentType's cache; the flush after the
    # test recreates content types and permissions (post_migrate) and must not
    # give the permissions those stale ids (a later test would find none).
    ContentType.objects.clear_cache()


def _wait_for_requests_in_flight(live_server: Any, seconds: float = 60.0) -> None:
    """Let the live server finish the requests a closed browser page left behind.

    The flush after the test empties the tables; a request still being served at that
    moment recreates rows (a content type looked up by its model), and the flush's
    own content types then fail on a duplicate key (CI met one after a search page
    whose map was still loading its places). The server handles each connection in
    a thread it keeps a list of (socketserver's ``_threads``); they end once the
    browser has closed its connections and the last request is answered. The list
    is read again until no thread is alive: a connection accepted while waiting
    has a thread of its own. ``seconds`` is a deadline on a loaded machine, not a
    guess how long a request takes.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        threads = getattr(live_server.thread.httpd, "_threads", None) or []
        alive = [thread for thread in list(threads) if thread.is_alive()]
        if not alive:
            return
        for thread in alive:
            thread.join(max(0.0, min(1.0, deadline - time.monotonic())))


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
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


def screenshot(page: Page, name: str) -> Path:
    """Keep a screenshot as a CI artifact in artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ')),
    }));
}"""


def blocking_violations(page: Page, axe_source: str) -> list[dict]:
    """Serious and critical WCAG 2.1 AA violations axe finds on the current page."""
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(AXE_RUN, WCAG_AA)
    return [v for v in violations if v["impact"] in BLOCKING]


def solution(key: str, language: str) -> SolutionPage:
    """The live demo solution ``key`` in ``language``.

    ``key`` is the solution's key in the demo content (its slug in the source
    language); the translations have slugs from their own titles and are found by
    the translation key the seed derives from it.
    """
    return SolutionPage.objects.live().get(
        translation_key=demo_key("page", f"solution:{key}"),
        locale__language_code=language,
    )


def partner_login(page: Page, base_url: str, language: str, username: str) -> None:
    """Log a partner in through the portal's login form (demo password)."""
    page.goto(f"{base_url}/{language}/partner/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form.portal-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/partner/login/" not in url)


DEMO_PASSWORD = "demo"  # noqa: S105 - the insecure demo logins of seed_demo


def admin_login(page: Page, base_url: str, username: str) -> None:
    """Log a demo user in to the Wagtail admin."""
    page.goto(f"{base_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def new_page(browser: Browser) -> Page:
    """A fresh browser context (its own cookies, i.e. its own user) and a page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    return context.new_page()


def workflow_action(page: Page, base_url: str, page_id: int, action: str) -> None:
    """Start a workflow action on a page from "Awaiting your review" on /admin/.

    The dashboard's buttons decide on the revision under review; the page editor's
    would save the editor's form as a new revision first. Actions with data (a
    comment, a checklist) open Wagtail's modal; the caller fills it in.
    """
    page.goto(f"{base_url}/admin/")
    url = f"/workflow/action/{page_id}/{action}/"
    row = page.locator("tr", has=page.locator(f'a[href*="/pages/{page_id}/"]'))
    row.locator("[data-w-dropdown-target=toggle]").first.click()
    # The dropdown's menu is mounted outside the table row.
    page.locator(f'button[data-workflow-action-url*="{url}"]').first.click()


def expect_decided(page: Page, page_id: int) -> None:
    """Wait until the page has left "Awaiting your review" (the action is done)."""
    page.wait_for_load_state()
    expect(page.locator(f'tr a[href*="/pages/{page_id}/"]')).to_have_count(0)
