"""The map of search results in a real browser: by keyboard alone, for screen
readers (axe-core), in German, Danish and English.

The browser has no internet, so no tile loads: the map shows its markers on an
empty background and the page stays usable, which is what a visitor gets when
the tile server is down.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import blocking_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

#: Many demo solutions are in Flensburg: their markers form a cluster.
SEARCH = "/{language}/search/?q=Flensburg"
MARKERS = "#map-results .leaflet-marker-icon"


def focused(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def test_search_map__keyboard_alone_reaches_a_solution_through_a_cluster(
    demo, live_server, page
):
    page.goto(live_server.url + SEARCH.format(language="de"))
    canvas = page.locator("#map-results-canvas")
    expect(canvas).to_be_visible()
    # The map draws every result's place, fetched from its data source.
    features = page.evaluate(
        "(s) => fetch(document.querySelector(s).dataset.source)"
        ".then((r) => r.json()).then((c) => c.features)",
        "#map-results",
    )
    assert len(features) > 1
    expect(canvas).to_have_attribute("role", "region")
    # The live region says how many (in German once the catalogue has it).
    expect(page.locator("#map-results-status")).to_contain_text(str(len(features)))
    # The list of places is one toggle away.
    places = page.locator("#map-results details.place-map__places")
    expect(places).not_to_have_attribute("open", "")
    cluster = page.locator(f"{MARKERS}.marker-cluster").first
    expect(cluster).to_have_attribute("role", "button")
    assert str(cluster.locator("span").text_content()) in cluster.get_attribute(
        "aria-label"
    )
    screenshot(page, "map-search-de")

    # Tab from the search field to the first marker or cluster of the map.
    page.locator("#search-query").focus()
    for _ in range(120):
        page.keyboard.press("Tab")
        if focused(page, ".marker-cluster"):
            break
    else:
        raise AssertionError("no cluster is reached with the Tab key")

    # Enter on clusters zooms in until the focus is on a single marker.
    for _ in range(20):
        if not focused(page, ".marker-cluster"):
            break
        page.keyboard.press("Enter")
        page.wait_for_timeout(600)
        if not focused(page, ".leaflet-marker-icon"):
            page.keyboard.press("Tab")
    assert focused(page, ".leaflet-marker-icon:not(.marker-cluster)")
    name = page.evaluate("document.activeElement.getAttribute('alt')")
    assert name

    page.keyboard.press("Enter")
    link = page.locator("#map-results .leaflet-popup .place-map__title a")
    expect(link).to_be_focused()
    target = link.get_attribute("href")
    assert target in {feature["properties"]["url"] for feature in features}
    screenshot(page, "map-search-de-popup")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + target)


@pytest.mark.parametrize("language", ["de", "da", "en"])
def test_search_map__no_serious_axe_violation(
    demo, live_server, axe_page, axe_source, language
):
    axe_page.goto(live_server.url + SEARCH.format(language=language))
    expect(axe_page.locator(MARKERS).first).to_be_visible()

    violations = blocking_violations(axe_page, axe_source)

    screenshot(axe_page, f"map-search-{language}")
    assert violations == []
