"""The translation editor's footer offers "Submit translation for review".

Issue 14 item 10: wagtail-localize's editor (a React app) had no submit action in
its footer; translators had to find it in the page header's menu. Now it is the
footer's main action, and it sends the typed translation to review.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.operations import translate_object

from apps.knowledge.roles import AREA_ROLES
from apps.workflow.groups import setup_roles
from tests.e2e.conftest import new_page, screenshot
from tests.factories import PASSWORD, UserFactory
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.workflow.factories import AuthoritiesFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FLENSBURG = AREA_ROLES[0]


def test_translation_editor__footer_submits_the_translation_for_review(
    live_server, browser
):
    authorities = AuthoritiesFactory()
    area = authorities.area(FLENSBURG)
    TranslationFactory(page=area, language_code="da")
    setup_roles()
    editor = UserFactory(editor=True, area_role=FLENSBURG)
    german = SolutionPageFactory(
        draft=True,
        parent=area,
        author=editor,
        portal=authorities.portal,
        title="Mitfahrbank Angeln",
    )
    german.get_latest_revision().publish()
    translator = UserFactory(translator=True)
    danish_locale = Locale.objects.get(language_code="da")
    translate_object(german.specific, [danish_locale], user=translator)
    danish = german.get_translation(danish_locale)

    page = new_page(browser)
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(translator.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    page.goto(f"{live_server.url}/admin/pages/{danish.pk}/edit/")

    footer = page.locator(".js-translation-editor footer")
    main_action = footer.locator(".w-dropdown-button").first.locator("> *").first
    expect(main_action).to_have_text("Submit translation for review")
    screenshot(page, "translation-editor-footer-submit")
    with page.expect_navigation():
        main_action.click()

    expect(page.locator(".messages")).to_contain_text("submitted for moderation")
    state = Page.objects.get(pk=danish.pk).specific.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == translator
