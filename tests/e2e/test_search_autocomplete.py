"""Search in a real browser: the autocomplete combobox, the plain form and languages.

The combobox follows the WAI-ARIA pattern (list autocomplete): aria-expanded shows
whether the list is open, aria-activedescendant points at the highlighted option and
Enter opens it. Without JavaScript the same field is an ordinary search form.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, solution

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PICKED = "flensburg-beteiligungsplattform"
DANISH_ONLY = "dk-fjernvarme-data-haderslev"


def test_search__suggestion_picked_by_keyboard__opens_solution_plain_form_works(
    demo, live_server, page, browser
):
    target = solution(PICKED, "de")
    page.goto(f"{live_server.url}/de/search/")
    box = page.locator("#search-query")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_attribute("aria-controls", "search-suggestions")

    box.click()
    box.press_sequentially(target.title[:8], delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option", name=target.title, exact=False)
    expect(option.first).to_be_visible()
    screenshot(page, "search-autocomplete-open")

    options = listbox.get_by_role("option")
    position = [o.get_attribute("data-url") for o in options.all()].index(target.url)
    for _ in range(position + 1):
        box.press("ArrowDown")
    chosen = options.nth(position)
    chosen_id = chosen.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", chosen_id)
    expect(chosen).to_have_attribute("aria-selected", "true")

    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#search-suggestions")).to_be_hidden()
    expect(box).not_to_have_attribute("aria-activedescendant", chosen_id)
    box.press("ArrowDown")
    expect(listbox).to_be_visible()
    for _ in range(position + 1):
        box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", chosen_id)
    box.press("Enter")
    page.wait_for_url(live_server.url + target.url)
    expect(page.locator("h1")).to_contain_text(target.title)
    screenshot(page, "search-autocomplete-picked")

    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{live_server.url}/de/search/")
        field = plain.locator("#search-query")
        expect(field).not_to_have_attribute("role", "combobox")
        field.fill(target.title)
        field.press("Enter")
        plain.wait_for_url("**/de/search/?q=*")
        expect(plain.locator(f'.result-list a[href="{target.url}"]')).to_be_visible()
        screenshot(plain, "search-without-javascript")
    finally:
        context.close()


def test_search__german_query__finds_danish_only_solution_marked_with_language(
    demo, live_server, page
):
    danish = solution(DANISH_ONLY, "da")
    page.goto(f"{live_server.url}/de/search/?q=Fernw%C3%A4rme")
    hit = page.locator(".result", has=page.locator(f'a[href="{danish.url}"]'))
    expect(hit).to_be_visible()
    expect(hit).to_have_attribute("lang", "da")
    expect(hit.locator(".result__language")).to_have_attribute("data-language", "da")
    screenshot(page, "search-de-finds-danish-only")
