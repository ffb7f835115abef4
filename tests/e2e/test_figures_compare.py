"""The portfolio in figures and the comparison of solutions in a real browser
(issue 16): solutions chosen and compared by keyboard alone, the comparison on a
phone, and axe-core on the statistics and comparison pages in de, da and en."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from apps.knowledge.models import KnowledgeIndexPage, StatisticsPage
from tests.e2e.conftest import blocking_violations, screenshot, solution, tab_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["de", "da", "en"]
#: Demo solutions that exist in every language.
COMPARED = ["flensburg-beteiligungsplattform", "nf-telemedizin-halligen"]
PHONE_WIDTH = 390


def test_compare__chosen_and_opened_by_keyboard_alone(demo, live_server, page):
    index = KnowledgeIndexPage.objects.live().get(locale__language_code="de")
    page.goto(live_server.url + index.url)

    tab_to(page, ".card__compare input[type=checkbox]")
    first = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    tab_to(page, ".card__compare input[type=checkbox]:not(:checked)")
    second = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    # The script (optional) says how many are chosen.
    expect(page.locator(".compare-form__status").first).not_to_be_empty()
    screenshot(page, "compare-chosen-de")
    tab_to(page, ".compare-form__submit button")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/de/compare/\?s={first}&s={second}$"))
    headers = page.locator(".compare-table thead th")
    expect(headers).to_have_count(2)
    # The table's scroll region is reached by keyboard, for reading it sideways.
    tab_to(page, ".compare__scroll")
    screenshot(page, "compare-keyboard-de")

    # Back in the list, the choice is still ticked (kept by the script).
    page.goto(live_server.url + index.url)
    expect(page.locator(".card__compare input:checked")).to_have_count(2)

    # On a phone the table scrolls inside its region; the page does not.
    page.goto(live_server.url + f"/de/compare/?s={first}&s={second}")
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    screenshot(page, "compare-de-390px")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    region = page.locator(".compare__scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")


def test_statistics_and_compare__no_serious_wcag_violation(
    demo, live_server, axe_page, axe_source, subtests
):
    page = axe_page
    for language in LANGUAGES:
        statistics = StatisticsPage.objects.live().get(locale__language_code=language)
        ids = [solution(key, language).pk for key in COMPARED]
        paths = {
            "statistics": statistics.url,
            "compare": f"/{language}/compare/?s={ids[0]}&s={ids[1]}",
            "compare-too-few": f"/{language}/compare/?s={ids[0]}",
        }
        for kind, path in paths.items():
            with subtests.test(language=language, page=kind):
                page.goto(live_server.url + path)
                assert page.locator("html").get_attribute("lang") == language
                if kind == "statistics":
                    expect(page.locator("svg.bar-chart[role=img]")).to_have_count(7)
                elif kind == "compare":
                    expect(page.locator(".compare-table thead th")).to_have_count(2)
                else:
                    expect(page.locator(".compare__error")).to_be_visible()
                screenshot(page, f"{kind}-{language}")
                blocking = blocking_violations(page, axe_source)
                assert blocking == [], f"{path}: {blocking}"
