"""The editorial flows end to end in a real browser, as the people involved see them.

Screenshots of every step are kept in artifacts/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from apps.knowledge.models import SolutionPage
from apps.workflow.models import Submission
from apps.workflow.models.tasks import FEASIBILITY_CHECKLIST
from tests.e2e.conftest import (
    admin_login,
    expect_decided,
    new_page,
    partner_login,
    screenshot,
    solution,
    workflow_action,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_partner_flow__change_request_resubmission_and_approval__goes_live(
    demo, live_server, browser
):
    base = live_server.url
    title = "Mitfahrbank-Netz für Dörfer im Amt Hürup"
    comment = "Bitte nennt die Zielgruppe und wie andere Gemeinden mitmachen können."

    # The partner submits through the portal.
    partner = new_page(browser)
    partner_login(partner, base, "de", "partner")
    partner.goto(f"{base}/de/partner/submit/")
    partner.locator("#id_title").fill(title)
    partner.locator("#id_teaser").fill("Gelbe Bänke, an denen Mitfahrende warten.")
    partner.locator("#id_body_text").fill("Bänke an zwölf Haltepunkten im Amt.")
    partner.locator("#id_field_of_action").select_option(index=1)
    partner.locator("#id_contact_name").fill("Jana Hansen")
    partner.locator("#id_contact_email").fill("jana.hansen@example.org")
    partner.locator("form.portal-form .form-actions button").click()
    # Either the list of submissions or, when the solution resembles a published
    # one, the form again with "Submit anyway": wait for whichever page comes.
    confirm = partner.locator("button[name=confirm]")
    expect(confirm.or_(partner.locator(".submission-list")).first).to_be_visible()
    if confirm.is_visible():
        confirm.click()
    expect(partner).to_have_url(f"{base}/de/partner/submissions/")
    expect(partner.locator(".submission-list")).to_contain_text(title)
    screenshot(partner, "flow-partner-1-submitted")
    page_id = Submission.objects.get(page__title=title).page_id

    # The Digitalagentur requests changes with a comment.
    agency = new_page(browser)
    admin_login(agency, base, "digitalagentur")
    workflow_action(agency, base, page_id, "reject")
    modal = agency.locator(".modal-dialog")
    modal.locator("textarea[name=comment]").fill(comment)
    screenshot(agency, "flow-partner-2-change-request")
    modal.locator("button[type=submit], input[type=submit]").first.click()
    expect_decided(agency, page_id)
    screenshot(agency, "flow-partner-2-changes-requested")

    # The partner reads the comment, edits and resubmits.
    partner.goto(f"{base}/de/partner/submissions/")
    entry = partner.locator(".submission", has_text=title)
    expect(entry.locator(".comments")).to_contain_text(comment)
    screenshot(partner, "flow-partner-3-comment")
    entry.locator("a.button").click()
    partner.locator("#id_teaser").fill(
        "Gelbe Bänke für ältere Menschen ohne Auto; andere Gemeinden übernehmen "
        "Schilder und Fahrplan unter CC BY."
    )
    partner.locator("form.portal-form .form-actions button").click()
    expect(partner).to_have_url(f"{base}/de/partner/submissions/")
    expect(partner.locator(".submission", has_text=title)).to_be_visible()
    screenshot(partner, "flow-partner-4-resubmitted")

    # The Digitalagentur approves with the feasibility checklist ...
    workflow_action(agency, base, page_id, "approve")
    modal = agency.locator(".modal-dialog")
    checklist = modal.locator("input[type=checkbox]")
    expect(checklist).to_have_count(len(FEASIBILITY_CHECKLIST))
    for checkbox in checklist.all():
        checkbox.check()
    screenshot(agency, "flow-partner-5-checklist")
    modal.locator("button[type=submit], input[type=submit]").first.click()
    expect_decided(agency, page_id)

    # ... and the Kreis Schleswig-Flensburg's moderator gives the authority review.
    moderator = new_page(browser)
    admin_login(moderator, base, "schleswig-flensburg-moderator")
    workflow_action(moderator, base, page_id, "approve")
    expect_decided(moderator, page_id)
    screenshot(moderator, "flow-partner-6-approved")

    # The solution is live in the portal and linked from "My submissions".
    partner.goto(f"{base}/de/partner/submissions/")
    link = partner.locator(".submission", has_text=title).locator("a[href^='/de/']")
    expect(link.first).to_be_visible()
    visitor = new_page(browser)
    visitor.goto(base + link.first.get_attribute("href"))
    expect(visitor.locator("h1")).to_have_text(title)
    screenshot(visitor, "flow-partner-7-live")


def test_editor_flow__created_in_admin_approved_by_moderator__found_by_visitor(
    demo, live_server, browser
):
    base = live_server.url
    title = "Digitale Tafel für Hafenführungen in Flensburg"
    area = solution("flensburg-beteiligungsplattform", "de").get_parent()

    # The editor creates the solution in the Stadt Flensburg area and submits it.
    editor = new_page(browser)
    admin_login(editor, base, "flensburg-editor")
    editor.goto(f"{base}/admin/pages/add/knowledge/solutionpage/{area.pk}/")
    editor.locator("#id_title").fill(title)
    editor.locator("#id_teaser").fill(
        "Ein Bildschirm am Hafen zeigt Führungen, Fähren und Veranstaltungen."
    )
    editor.get_by_role("tab", name="Classification").click()
    field = editor.locator('[id^="id_fields_of_action-0-field_of_action"]')
    field.locator("[data-chooser-action-choose]").first.click()
    choice = editor.locator(".modal-dialog a[data-chooser-modal-choice]").first
    choice.click()
    expect(editor.locator("#id_fields_of_action-0-field_of_action")).not_to_have_value(
        ""
    )
    screenshot(editor, "flow-editor-1-classification")
    editor.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with editor.expect_navigation():
        editor.locator("button[name=action-submit]").click()
    screenshot(editor, "flow-editor-2-submitted")
    created = SolutionPage.objects.get(title=title)
    assert created.workflow_in_progress

    # The Stadt Flensburg's moderator approves it from the dashboard.
    moderator = new_page(browser)
    admin_login(moderator, base, "flensburg-moderator")
    workflow_action(moderator, base, created.pk, "approve")
    expect_decided(moderator, created.pk)
    screenshot(moderator, "flow-editor-3-approved")

    # A visitor finds it through the search.
    visitor = new_page(browser)
    visitor.goto(f"{base}/de/search/")
    visitor.locator("#search-query").fill("Hafenführungen Tafel")
    visitor.locator("#search-query").press("Enter")
    link = visitor.locator(".result-list a", has_text=title)
    expect(link).to_be_visible()
    screenshot(visitor, "flow-editor-4-found")
    link.click()
    expect(visitor.locator("h1")).to_have_text(title)
