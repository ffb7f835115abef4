"""Portal pages on a phone: nothing wider than the screen (WCAG 1.4.10 reflow)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.knowledge import factories
from tests.knowledge.factories import PortalFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

#: The narrow phone the report was made on (CSS pixels).
PHONE_WIDTH = 390


def test_solution_list__fits_a_phone_screen_with_long_filter_names(
    live_server, browser
):
    portal = PortalFactory()
    factories.FieldOfActionFactory(
        name="Wohnen, Arbeiten und Nahversorgung der Zukunft im ländlichen Raum",
        slug="wohnen",
    )
    SolutionPageFactory(portal=portal, title="Dorfladen digital")
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{portal.knowledge.url}")
        screenshot(page, "solution-list-390px")
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert width <= PHONE_WIDTH
