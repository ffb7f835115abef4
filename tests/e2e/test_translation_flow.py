"""Translating a solution in wagtail-localize's editor, its review, and drift.

A translator translates a German-only demo solution into Danish and English and
submits each; the authority's moderator and the language's reviewer approve, so
the translations go live. The editor then changes the German page: both
translations carry the "older than the original" notice in the portal and show as
outdated in the translation status dashboard, until the translator syncs them,
translates the changed text and the reviewers approve again.

Screenshots of every step are kept in artifacts/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from tests.e2e.conftest import (
    admin_login,
    blocking_violations,
    expect_decided,
    new_page,
    screenshot,
    solution,
    workflow_action,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SLUG = "flensburg-sicherer-schulweg"
NOTICE = "[data-outdated-translation]"
TITLES = {
    "da": "Sikker skolevej: meld farlige steder",
    "en": "Safe way to school: report dangerous spots",
}
NEW_TEASER = {
    "de": "Eltern und Kinder melden gefährliche Stellen; die Stadt baut die "
    "dringendsten zuerst um.",
    "da": "Forældre og børn melder farlige steder; byen ombygger de mest "
    "presserende først.",
    "en": "Parents and children report dangerous spots; the city rebuilds the "
    "most urgent ones first.",
}


def translate_string(editor, source_text: str, translation: str) -> None:
    """In wagtail-localize's editor: "Translate" (or "Edit") a string, type, save."""
    segment = editor.locator("li.incomplete, li.complete", has_text=source_text).last
    segment.locator("button").last.click()
    box = segment.locator("textarea")
    box.fill(translation)
    box.press("Enter")
    expect(segment).to_have_class("complete")


def submit_translation(translator, base: str, page_id: int) -> None:
    """The translator's "Submit translation for review" confirmation page."""
    translator.goto(f"{base}/admin/workflow/submit-translation/{page_id}/")
    with translator.expect_navigation():
        translator.locator('form[action=""] button[type=submit]').click()


def approve(browser_page, base: str, page_id: int) -> None:
    workflow_action(browser_page, base, page_id, "approve")
    expect_decided(browser_page, page_id)


def dashboard_status(staff, base: str, language: str, title: str) -> str:
    staff.goto(f"{base}/admin/workflow/translation-status/?language={language}")
    row = staff.locator("table.translation-status tr", has_text=title)
    return row.locator(f'td[data-language="{language}"]').get_attribute("data-status")


def test_translation__reviewed_live_outdated_after_change_current_after_update(
    demo, live_server, browser, axe_source
):
    base = live_server.url
    german = solution(SLUG, "de")
    locales = {code: Locale.objects.get(language_code=code) for code in ("da", "en")}

    # The translator starts the Danish and English translations ...
    translator = new_page(browser)
    admin_login(translator, base, "translator")
    translator.goto(f"{base}/admin/localize/submit/page/{german.pk}/")
    for locale in locales.values():
        translator.locator(f'input[name="locales"][value="{locale.pk}"]').check()
    screenshot(translator, "translation-1-submit")
    with translator.expect_navigation():
        translator.locator("main form input[type=submit]").click()
    pages = {
        code: Page.objects.get(translation_key=german.translation_key, locale=locale)
        for code, locale in locales.items()
    }
    assert not any(page.live for page in pages.values())

    # ... types the title of each in wagtail-localize's editor and submits it.
    for code, page in pages.items():
        translator.goto(f"{base}/admin/pages/{page.pk}/edit/")
        translate_string(translator, german.title, TITLES[code])
        screenshot(translator, f"translation-2-editor-{code}")
        submit_translation(translator, base, page.pk)

    # The Stadt Flensburg's moderator and each language's reviewer approve.
    moderator = new_page(browser)
    admin_login(moderator, base, "flensburg-moderator")
    reviewers = {}
    for code, page in pages.items():
        approve(moderator, base, page.pk)
        reviewers[code] = new_page(browser)
        admin_login(reviewers[code], base, f"reviewer-{code}")
        approve(reviewers[code], base, page.pk)
        screenshot(reviewers[code], f"translation-3-approved-{code}")

    # The visitor's context lets the test inject axe-core despite the portal's CSP.
    visitor = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True
    ).new_page()
    for code, page in pages.items():
        page.refresh_from_db()
        assert page.live
        visitor.goto(base + page.url)
        expect(visitor.locator("h1")).to_have_text(TITLES[code])
        expect(visitor.locator(NOTICE)).to_have_count(0)
    staff = new_page(browser)
    admin_login(staff, base, "digitalagentur")
    assert dashboard_status(staff, base, "da", german.title) == "reviewed"
    screenshot(staff, "translation-4-dashboard-reviewed")

    # The editor changes the German page; the moderator approves the change.
    editor = new_page(browser)
    admin_login(editor, base, "flensburg-editor")
    editor.goto(f"{base}/admin/pages/{german.pk}/edit/")
    editor.locator("#id_teaser").fill(NEW_TEASER["de"])
    editor.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with editor.expect_navigation():
        editor.locator("button[name=action-submit]").click()
    approve(moderator, base, german.pk)
    german.refresh_from_db()
    assert german.teaser == NEW_TEASER["de"]

    # Both translations now tell readers that they are older than the original.
    for code, page in pages.items():
        visitor.goto(base + page.url)
        notice = visitor.locator(NOTICE)
        expect(notice).to_be_visible()
        expect(notice).to_have_attribute("role", "note")
        link = notice.locator('a[hreflang="de"]')
        expect(link).to_have_attribute("href", german.url)
        assert blocking_violations(visitor, axe_source) == []
        screenshot(visitor, f"translation-5-outdated-notice-{code}")
    assert dashboard_status(staff, base, "da", german.title) == "outdated"
    assert dashboard_status(staff, base, "en", german.title) == "outdated"
    staff.goto(f"{base}/admin/workflow/translation-status/?language=da&status=outdated")
    expect(staff.locator("table.translation-status")).to_contain_text(german.title)
    screenshot(staff, "translation-6-dashboard-outdated")

    # The translator syncs, translates the changed teaser and submits again.
    source = TranslationSource.objects.get(object_id=german.translation_key)
    translator.goto(f"{base}/admin/localize/update/{source.pk}/")
    with translator.expect_navigation():
        translator.locator("main form input[type=submit]").click()
    for code, page in pages.items():
        translator.goto(f"{base}/admin/pages/{page.pk}/edit/")
        translate_string(translator, NEW_TEASER["de"], NEW_TEASER[code])
        screenshot(translator, f"translation-7-update-{code}")
        submit_translation(translator, base, page.pk)
        approve(moderator, base, page.pk)
        approve(reviewers[code], base, page.pk)

    # Current again: no notice, the new text, "reviewed" in the dashboard.
    for code, page in pages.items():
        visitor.goto(base + page.url)
        expect(visitor.locator(NOTICE)).to_have_count(0)
        expect(visitor.locator(".lead")).to_have_text(NEW_TEASER[code])
        screenshot(visitor, f"translation-8-current-{code}")
        assert dashboard_status(staff, base, code, german.title) == "reviewed"
