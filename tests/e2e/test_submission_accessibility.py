"""The partner submission flow is accessible: axe, keyboard alone, announced errors.

WCAG 2.1 AA (BITV 2.0): no serious or critical axe violation on the login page, the
submission form and its error state in de, da and en; a partner logs in and submits
with the keyboard alone; errors are announced (role="alert") and linked to the
fields, which are marked aria-invalid and described by their error messages.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from apps.workflow.models import Submission
from tests.e2e.conftest import DEMO_PASSWORD, blocking_violations, screenshot, tab_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["de", "da", "en"]
REQUIRED = ["title", "teaser", "body_text", "field_of_action"]


def submit_by_keyboard(page) -> None:
    """Tab to the form's submit button and press Enter."""
    tab_to(page, "form.portal-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_submission_flow__accessible_in_every_language_and_by_keyboard(
    demo, live_server, axe_page, axe_source, subtests
):
    page = axe_page
    base = live_server.url

    for language in LANGUAGES:
        with subtests.test(language=language, page="login"):
            page.goto(f"{base}/{language}/partner/login/")
            assert page.locator("html").get_attribute("lang") == language
            assert blocking_violations(page, axe_source) == []
            submit_by_keyboard(page)
            expect(page.locator("#error-summary")).to_have_attribute("role", "alert")
            assert blocking_violations(page, axe_source) == []
            screenshot(page, f"submission-a11y-{language}-login-errors")

    # Log in with the keyboard alone.
    page.goto(f"{base}/de/partner/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("partner")
    tab_to(page, "#id_password")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/partner/login/" not in page.url

    for language in LANGUAGES:
        with subtests.test(language=language, page="submission form"):
            page.goto(f"{base}/{language}/partner/submit/")
            assert page.locator("html").get_attribute("lang") == language
            expect(page.locator("#id_title")).to_be_visible()
            assert blocking_violations(page, axe_source) == []
            screenshot(page, f"submission-a11y-{language}-form")

        with subtests.test(language=language, page="submission errors"):
            page.goto(f"{base}/{language}/partner/submit/")
            page.locator("body").focus()
            submit_by_keyboard(page)
            summary = page.locator("#error-summary")
            expect(summary).to_have_attribute("role", "alert")
            expect(summary).to_be_visible()
            for name in REQUIRED:
                field = page.locator(f"#id_{name}")
                link = summary.locator(f'a[href="#id_{name}"]')
                expect(link).to_have_count(1)
                expect(field).to_have_attribute("aria-invalid", "true")
                described = (field.get_attribute("aria-describedby") or "").split()
                messages = " ".join(
                    page.locator(f"#{ident}").inner_text() for ident in described
                )
                error = page.locator(".form-field--error", has=field).locator(
                    ".errorlist"
                )
                assert error.inner_text().strip() in messages, name
            assert blocking_violations(page, axe_source) == []
            screenshot(page, f"submission-a11y-{language}-form-errors")

            # Following a link of the summary with the keyboard leads to the field.
            tab_to(page, '#error-summary a[href="#id_title"]')
            page.keyboard.press("Enter")
            expect(page).to_have_url(f"{base}/{language}/partner/submit/#id_title")

    # The whole submission with the keyboard alone: Tab, type, arrow keys, Enter.
    title = "Tastatur-Testlösung für barrierefreie Einreichung"
    page.goto(f"{base}/de/partner/submit/")
    tab_to(page, "#id_title")
    page.keyboard.type(title)
    tab_to(page, "#id_teaser")
    page.keyboard.type("Eine Einreichung, die nur mit der Tastatur ausgefüllt wurde.")
    tab_to(page, "#id_body_text")
    page.keyboard.type("Beschreibung der Lösung, vollständig per Tastatur eingegeben.")
    tab_to(page, "#id_field_of_action")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_field_of_action").input_value() != ""
    tab_to(page, "#id_contact_name")
    page.keyboard.type("Kim Tastatur")
    tab_to(page, "#id_contact_email")
    page.keyboard.type("kim.tastatur@example.org")
    submit_by_keyboard(page)
    # Either the list of submissions or, when the solution resembles a published
    # one, the form again with "Submit anyway": wait for whichever page comes.
    confirm = page.locator("button[name=confirm]")
    expect(confirm.or_(page.locator(".submission-list")).first).to_be_visible()
    if confirm.is_visible():
        tab_to(page, "button[name=confirm]")
        with page.expect_navigation():
            page.keyboard.press("Space")
    expect(page).to_have_url(f"{base}/de/partner/submissions/")
    expect(page.locator("main")).to_contain_text(title)
    screenshot(page, "submission-a11y-de-submitted-by-keyboard")
    assert Submission.objects.filter(page__title=title).exists()
