"""Sharing a solution in a real browser: the copy button by keyboard, and axe-core
on a solution page with a teaser image and on the empty search page."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import (
    blocking_violations,
    screenshot,
    solution,
    tab_to,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["de", "da", "en"]
#: A demo solution with an illustrated teaser image (apps/demo/images.py).
ILLUSTRATED = "nf-buergerwind-dashboard"


def test_copy_link__by_keyboard_copies_the_address_and_says_so(
    demo, browser, live_server
):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + solution(ILLUSTRATED, "de").url)
        copy = page.locator("[data-share-copy]")
        assert copy.is_visible()  # shown by share.js

        tab_to(page, "[data-share-copy]")
        page.keyboard.press("Enter")

        status = page.locator("[data-share-status]")
        expected = page.locator("[data-share]").get_attribute("data-copied")
        status.filter(has_text=expected).wait_for()
        assert status.get_attribute("role") == "status"
        address = page.locator("#share-url").input_value()
        assert page.evaluate("navigator.clipboard.readText()") == address
        assert address.endswith(solution(ILLUSTRATED, "de").url)
        screenshot(page, "solution-share-de")

        # On paper: no navigation, buttons or forms; the address written out.
        page.emulate_media(media="print")
        assert not page.locator(".primary-nav").is_visible()
        assert not page.locator(".share__actions").is_visible()
        assert not page.locator("form").first.is_visible()
        assert address in page.locator(".share .print-only").inner_text()
        screenshot(page, "solution-print-de")
    finally:
        context.close()


def test_solution_with_image_and_empty_search__no_serious_violations(
    demo, axe_page, axe_source, live_server
):
    found = {}
    for language in LANGUAGES:
        axe_page.goto(live_server.url + solution(ILLUSTRATED, language).url)
        image = axe_page.locator(".solution__header picture img")
        assert image.get_attribute("alt")
        found[f"solution-{language}"] = blocking_violations(axe_page, axe_source)

        axe_page.goto(f"{live_server.url}/{language}/search/")
        assert axe_page.locator(".search-browse .browse-phases a").count() == 6
        found[f"search-empty-{language}"] = blocking_violations(axe_page, axe_source)
        if language == "de":
            screenshot(axe_page, "search-empty-de")

    assert found == {name: [] for name in found}
