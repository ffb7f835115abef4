"""The reuse graph in a real browser: the demo's confirmed cross-border adoption on
the solution page and on the adopter's page passes axe (WCAG 2.1 AA), in Danish."""

from __future__ import annotations

from apps.demo.seed import demo_key
from apps.knowledge.models import ContactDirectoryPage, Organisation
from tests.e2e.conftest import blocking_violations, screenshot
from tests.e2e.conftest import solution as demo_solution


def test_adoption__solution_and_organisation_pages__no_blocking_violations(
    demo, live_server, axe_page, axe_source
):
    page = demo_solution("nf-deichmonitoring", "da")
    axe_page.goto(f"{live_server.url}{page.url}")
    adopted = axe_page.locator("section.reuse-graph")
    assert "Tønder Kommune" in adopted.inner_text()
    screenshot(axe_page, "reuse-solution-da")
    assert blocking_violations(axe_page, axe_source) == []

    toender = Organisation.objects.get(
        translation_key=demo_key("organisation", "toender-kommune"),
        locale__language_code="da",
    )
    directory = ContactDirectoryPage.objects.live().get(locale=toender.locale)
    axe_page.goto(f"{live_server.url}{directory.organisation_url(toender)}")
    axe_page.get_by_role("link", name=page.title).click()
    assert axe_page.url.endswith(page.url)
    axe_page.go_back()
    assert blocking_violations(axe_page, axe_source) == []
