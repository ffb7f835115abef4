"""The map of a long list in a real browser: the page holds one page of places,
the script fetches every place from the map's data source and says in the live
region while it loads and when it cannot (then the list of places stays open).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from apps.knowledge.models import KnowledgeIndexPage
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def knowledge_index_url(language: str) -> str:
    index = KnowledgeIndexPage.objects.live().get(locale__language_code=language)
    return index.url


def test_list_map__draws_every_place_of_the_source(demo, live_server, page):
    page.goto(live_server.url + knowledge_index_url("en"))

    expect(page.locator("#map-solutions-canvas")).to_be_visible()
    every = page.evaluate(
        "(s) => fetch(document.querySelector(s).dataset.source)"
        ".then((r) => r.json()).then((c) => c.features.length)",
        "#map-solutions",
    )
    embedded = page.evaluate(
        "JSON.parse(document.getElementById('map-solutions-features').textContent)"
        ".length"
    )
    assert every > embedded
    status = page.locator("#map-solutions-status")
    expect(status).to_have_text(f"{every} solutions shown on the map")
    expect(page.locator("#map-solutions .place-map__summary")).to_have_text(
        f"{every} solutions shown on the map"
    )
    # The markers and clusters count every place, not only the page's.
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '#map-solutions .leaflet-marker-icon')).reduce((sum, icon) =>
            sum + (icon.classList.contains('marker-cluster')
                   ? Number(icon.textContent) : 1), 0)"""
    )
    assert shown == every


def test_list_map__says_so_when_the_places_cannot_be_loaded(demo, live_server, page):
    page.route("**/places/*/json/**", lambda route: route.abort())

    page.goto(live_server.url + knowledge_index_url("en"))

    expect(page.locator("#map-solutions-status")).to_have_text(
        "The map could not be loaded. The list of the places still works."
    )
    expect(page.locator("#map-solutions-canvas")).to_be_hidden()
    places = page.locator("#map-solutions details.place-map__places")
    expect(places).to_have_attribute("open", "")
    expect(places.locator("p.place-map__all a")).to_be_visible()
    screenshot(page, "map-list-failed-en")
