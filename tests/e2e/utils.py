"""Helpers for the browser tests: logins, axe runs and finding demo pages."""

from __future__ import annotations

from playwright.sync_api import expect

from apps.demo.seed import demo_key
from apps.knowledge.models import SolutionPage

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ')),
    }));
}"""


def blocking_violations(page, axe_source: str) -> list[dict]:
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


def partner_login(page, base_url: str, language: str, username: str) -> None:
    """Log a partner in through the portal's login form (demo password)."""
    page.goto(f"{base_url}/{language}/partner/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form.portal-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/partner/login/" not in url)


DEMO_PASSWORD = "demo"  # noqa: S105 - the insecure demo logins of seed_demo


def admin_login(page, base_url: str, username: str) -> None:
    """Log a demo user in to the Wagtail admin."""
    page.goto(f"{base_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def new_page(browser):
    """A fresh browser context (its own cookies, i.e. its own user) and a page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    return context.new_page()


def workflow_action(page, base_url: str, page_id: int, action: str) -> None:
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


def expect_decided(page, page_id: int) -> None:
    """Wait until the page has left "Awaiting your review" (the action is done)."""
    page.wait_for_load_state()
    expect(page.locator(f'tr a[href*="/pages/{page_id}/"]')).to_have_count(0)
