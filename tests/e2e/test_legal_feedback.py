"""The legal pages and the feedback form are accessible, and a report can be sent
with the keyboard alone.

WCAG 2.1 AA (BITV 2.0): no serious or critical axe violation on the legal notice,
the privacy notice, the accessibility statement and the feedback form (empty and
with errors) in de, da and en. A visitor on a Danish solution page tabs to the
footer's feedback link, fills in the form and sends it without a mouse; the report
keeps the page it came from and the language it was written in.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from apps.knowledge.models import (
    AccessibilityStatementPage,
    LegalNoticePage,
    PrivacyNoticePage,
)
from apps.workflow.models import FeedbackReport, OutboxMessage
from tests.e2e.conftest import blocking_violations, screenshot, solution, tab_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["de", "da", "en"]
LEGAL_PAGES = {
    "notice": LegalNoticePage,
    "privacy": PrivacyNoticePage,
    "accessibility": AccessibilityStatementPage,
}


def test_legal_pages_and_feedback__accessible_in_every_language_and_by_keyboard(
    demo, live_server, axe_page, axe_source, subtests
):
    page = axe_page
    base = live_server.url

    for language in LANGUAGES:
        for name, model in LEGAL_PAGES.items():
            legal = model.objects.live().get(locale__language_code=language)
            with subtests.test(language=language, page=name):
                page.goto(base + legal.url)
                assert page.locator("html").get_attribute("lang") == language
                expect(page.locator("h1")).to_have_text(legal.title)
                assert blocking_violations(page, axe_source) == []
                screenshot(page, f"legal-{language}-{name}")

        with subtests.test(language=language, page="feedback form"):
            page.goto(f"{base}/{language}/feedback/?page=/{language}/")
            assert page.locator("html").get_attribute("lang") == language
            expect(page.locator("#id_page_url")).to_have_value(f"/{language}/")
            assert blocking_violations(page, axe_source) == []
            screenshot(page, f"feedback-{language}-form")

        with subtests.test(language=language, page="feedback errors"):
            tab_to(page, "form.portal-form button[type=submit]")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            summary = page.locator("#error-summary")
            expect(summary).to_have_attribute("role", "alert")
            expect(summary.locator('a[href="#id_kind"]')).to_have_count(1)
            expect(summary.locator('a[href="#id_message"]')).to_have_count(1)
            expect(page.locator("#id_message")).to_have_attribute(
                "aria-invalid", "true"
            )
            # What was prefilled is still there.
            expect(page.locator("#id_page_url")).to_have_value(f"/{language}/")
            assert blocking_violations(page, axe_source) == []
            screenshot(page, f"feedback-{language}-errors")

    # From a Danish solution page to a sent report, with the keyboard alone.
    origin = solution("flensburg-barrierefreie-wege", "da")
    page.goto(base + origin.url)
    tab_to(page, "footer .footer-feedback a", limit=400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/da/feedback/" in page.url
    expect(page.locator("#id_page_url")).to_have_value(origin.url)
    tab_to(page, "input[name=kind]")
    # In a radio group the arrow keys choose: the second option is a content error.
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_kind_1")).to_be_checked()
    tab_to(page, "#id_message")
    page.keyboard.type("Kortet viser en trappe, som er fjernet.")
    tab_to(page, "#id_email")
    page.keyboard.type("jens@example.dk")
    tab_to(page, "form.portal-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("[role=status]")).to_contain_text("jens@example.dk")
    screenshot(page, "feedback-da-sent")

    report = FeedbackReport.objects.get()
    assert report.kind == FeedbackReport.Kind.CONTENT_ERROR
    assert report.language == "da"
    assert report.page_url == origin.url
    assert set(OutboxMessage.objects.values_list("kind", "language")) == {
        (OutboxMessage.Kind.FEEDBACK_RECEIVED, "de"),
        (OutboxMessage.Kind.FEEDBACK_ACKNOWLEDGED, "da"),
    }
