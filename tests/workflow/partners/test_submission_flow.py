"""End to end: a partner submits in the portal, moderators decide in the admin, the
solution goes live in the partner's language; change requests and resubmission."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.test import Client
from django.utils import translation
from wagtail.models import TaskState, WorkflowState

from apps.knowledge.models import SolutionPage
from apps.workflow.models import Submission
from apps.workflow.partners.submissions.status import SubmissionStatus
from apps.workflow.workflows import ensure_default_workflow
from tests.factories import UserFactory
from tests.upload_files import pdf_upload, png_upload
from tests.workflow.admin_actions import act_as_reviewer, approve_all
from tests.workflow.factories import (
    LANGUAGES,
    GroupApprovalWorkflowFactory,
    PartnerPortalFactory,
    PartnerProfileFactory,
)
from tests.workflow.partners.submission_form import (
    edit_submission_url,
    submission_data,
    submissions_url,
    submit_url,
)

pytestmark = pytest.mark.django_db


WORKFLOWS = ["default", "group_approval"]


def _setup(workflow: str):
    setup = PartnerPortalFactory()
    if workflow == "default":
        ensure_default_workflow()
    else:
        GroupApprovalWorkflowFactory(area=setup.portal.area)
    return setup, UserFactory.one_per_group()


def _submit(client, setup, language: str, **overrides) -> Submission:
    client.force_login(setup.partner.user)
    response = client.post(
        submit_url(language), submission_data(setup, language, **overrides)
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    assert response.url == submissions_url(language)
    return Submission.objects.get(
        page__title=overrides.get("title")
        or (submission_data(setup, language)["title"])
    )


@pytest.mark.parametrize("workflow", WORKFLOWS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_submission__goes_live_in_its_language_after_approval(
    client, language, workflow
):
    setup, reviewers = _setup(workflow)

    submission = _submit(client, setup, language)

    page = submission.page.specific
    assert page.locale.language_code == language
    assert page.get_parent().specific.translation_key == (
        setup.portal.area.translation_key
    )
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(page.url or f"/{language}/missing/").status_code == (
        HTTPStatus.NOT_FOUND
    )
    response = client.get(submissions_url(language))
    html = response.content.decode()
    assert f'<h2 lang="{language}">{page.title}</h2>' in html
    with translation.override(language):
        assert str(SubmissionStatus.IN_MODERATION.label) in html
    # While it is in review the partner cannot change it.
    response = client.get(edit_submission_url(language, submission))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == submissions_url(language)

    tasks = approve_all(client, page, reviewers, comment="Passt.")

    assert tasks, "some moderator had to approve"
    page = SolutionPage.objects.get(pk=page.pk)
    assert page.live
    assert page.url.startswith(f"/{language}/")
    client.force_login(setup.partner.user)
    html = client.get(submissions_url(language)).content.decode()
    with translation.override(language):
        assert str(SubmissionStatus.PUBLISHED.label) in html
    assert f'href="{page.url}"' in html
    client.logout()
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert "Dorfladen-Automat" in html
    assert "Der Automat steht am Dorfplatz." in html
    assert "Er ist rund um die Uhr offen." in html


@pytest.mark.parametrize("workflow", WORKFLOWS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_change_request__partner_sees_comment_edits_resubmits_and_goes_live(
    client, language, workflow
):
    setup, reviewers = _setup(workflow)
    submission = _submit(client, setup, language)
    page = submission.page
    rejected = act_as_reviewer(
        client, page, reviewers, "reject", comment="Bitte die Zielgruppe nennen."
    )

    client.force_login(setup.partner.user)
    response = client.get(submissions_url(language))
    html = response.content.decode()
    assert "Bitte die Zielgruppe nennen." in html
    with translation.override(language):
        assert str(SubmissionStatus.CHANGES_REQUESTED.label) in html
    assert edit_submission_url(language, submission) in html

    response = client.get(edit_submission_url(language, submission))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'value="Dorfladen-Automat' in html
    assert "Der Automat steht am Dorfplatz." in html

    response = client.post(
        edit_submission_url(language, submission),
        submission_data(
            setup,
            language,
            teaser="Für ältere Menschen ohne Auto: Lebensmittel rund um die Uhr.",
        ),
    )
    assert response.status_code == HTTPStatus.FOUND

    state = WorkflowState.objects.get(pk=rejected.workflow_state_id)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # Resumed at the task that asked for the changes, not at the start.
    assert state.current_task_state.task_id == rejected.task_id
    assert state.current_task_state.pk != rejected.pk
    assert (
        TaskState.objects.filter(workflow_state=state, task_id=rejected.task_id).count()
        == 2
    )

    approve_all(client, page, reviewers)

    page = SolutionPage.objects.get(pk=page.pk)
    assert page.live
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Für ältere Menschen ohne Auto" in html


def test_partner_of_another_organisation__cannot_see_or_edit_the_draft(client):
    setup, reviewers = _setup("group_approval")
    submission = _submit(client, setup, "de")
    act_as_reviewer(
        client, submission.page, reviewers, "reject", comment="Bitte ergänzen."
    )
    stranger = PartnerProfileFactory(
        organisation=setup.portal.area.specific.organisation,
        user__username="stranger",
        verified=True,
        confirmed=True,
    )

    client = Client()  # the stranger's own browser
    client.force_login(stranger.user)
    assert (
        client.get(edit_submission_url("de", submission)).status_code
        == HTTPStatus.NOT_FOUND
    )
    response = client.post(
        edit_submission_url("de", submission), submission_data(setup, "de")
    )
    assert response.status_code == HTTPStatus.NOT_FOUND
    html = client.get(submissions_url("de")).content.decode()
    assert "Dorfladen-Automat" not in html
    assert "Bitte ergänzen." not in html
    # Nor can anyone read the draft in the portal.
    client.logout()
    page = submission.page
    assert not SolutionPage.objects.get(pk=page.pk).live


def test_colleague_of_the_same_organisation__sees_and_answers_the_change_request(
    client,
):
    setup, reviewers = _setup("group_approval")
    submission = _submit(client, setup, "de")
    act_as_reviewer(
        client, submission.page, reviewers, "reject", comment="Bitte ergänzen."
    )
    colleague = PartnerProfileFactory(
        organisation=setup.organisation,
        user__username="colleague",
        verified=True,
        confirmed=True,
    )

    client.force_login(colleague.user)
    assert "Bitte ergänzen." in client.get(submissions_url("de")).content.decode()
    assert (
        client.get(edit_submission_url("de", submission)).status_code == HTTPStatus.OK
    )


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_change_request__danish_partner_reads_changes_requested_not_rejected(
    client, workflow
):
    """Issue 14 item 8: Wagtail's "rejected" task state is a change request; the
    Danish partner's list said "Afvist" (rejected) next to the moderator's
    comment."""
    setup, reviewers = _setup(workflow)
    submission = _submit(client, setup, "da")
    act_as_reviewer(
        client, submission.page, reviewers, "reject", comment="Mere om målgruppen."
    )

    client.force_login(setup.partner.user)
    html = client.get(submissions_url("da")).content.decode()

    comment = html[html.index('<ul class="comments">') :]
    comment = comment[: comment.index("</ul>")]
    assert "Mere om målgruppen." in comment
    assert "Ændringer ønsket" in comment
    assert "Afvist" not in html


def test_resubmission__shows_attachments_and_a_new_image_description_goes_live(
    client,
):
    """Issue 14 items 5 and 8: the partner's edit form showed neither the image nor
    the PDF already attached, and a resubmission that changed only the image's
    description left the old alt text on the published page."""
    setup, reviewers = _setup("group_approval")
    client.force_login(setup.partner.user)
    data = submission_data(setup, "de", image_description="Ein Automat")
    response = client.post(
        submit_url("de"),
        {**data, "image": png_upload("automat.png"), "document": pdf_upload()},
    )
    assert response.status_code == HTTPStatus.FOUND
    submission = Submission.objects.get()
    act_as_reviewer(
        client, submission.page, reviewers, "reject", comment="Bildtext genauer."
    )

    client.force_login(setup.partner.user)
    html = client.get(edit_submission_url("de", submission)).content.decode()
    attached_image = html[html.index('id="attached-image"') :]
    assert '<img alt="Ein Automat"' in attached_image.split("</figure>")[0]
    assert "automat" in attached_image.split("</figure>")[0]
    assert 'id="attached-document"' in html
    assert "konzept" in html[html.index('id="attached-document"') :][:300]
    assert 'value="Ein Automat"' in html  # the description, ready to change

    # Only the description changes; no file is chosen again.
    response = client.post(
        edit_submission_url("de", submission),
        submission_data(
            setup, "de", image_description="Ein roter Verkaufsautomat am Dorfplatz"
        ),
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    approve_all(client, submission.page, reviewers)

    page = SolutionPage.objects.get(pk=submission.page_id)
    assert page.live
    client.logout()
    html = client.get(page.url).content.decode()
    figure = html[html.index('class="solution__image"') :].split("</figure>")[0]
    assert 'alt="Ein roter Verkaufsautomat am Dorfplatz"' in figure
    # The PDF stayed attached.
    assert [b.block_type for b in page.body].count("document") == 1


def test_resubmission__attached_image_still_needs_a_description(client):
    setup, reviewers = _setup("group_approval")
    client.force_login(setup.partner.user)
    data = submission_data(setup, "de", image_description="Ein Automat")
    client.post(submit_url("de"), {**data, "image": png_upload()})
    submission = Submission.objects.get()
    act_as_reviewer(
        client, submission.page, reviewers, "reject", comment="Bitte ergänzen."
    )

    client.force_login(setup.partner.user)
    response = client.post(
        edit_submission_url("de", submission),
        submission_data(setup, "de", image_description=""),
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'id="id_image_description_error"' in response.content.decode()


def test_reuse_profile__partner_states_licence_and_source_code_for_feasibility(
    client,
):
    """Issue 14 item 9: the feasibility check asks whether reuse and licence are
    stated, but the portal form had no licence or source-code field, so a partner
    submission could never meet that item of the checklist."""
    setup, reviewers = _setup("default")
    client.force_login(setup.partner.user)
    html = client.get(submit_url("de")).content.decode()
    assert 'name="licence"' in html
    assert 'name="source_repository"' in html

    submission = _submit(
        client,
        setup,
        "de",
        licence="EUPL-1.2",
        source_repository="https://gitlab.opencode.de/dorf/automat",
        adoption_requirements="Ein Stellplatz mit Strom.",
    )

    # The Digitalagentur sees the reuse profile in the editor it checks from.
    agency = next(u for u in reviewers if u.groups.filter(name="Digitalagentur"))
    client.force_login(agency)
    editor = client.get(f"/admin/pages/{submission.page_id}/edit/").content.decode()
    assert '<option value="EUPL-1.2" selected>' in editor
    assert 'value="https://gitlab.opencode.de/dorf/automat"' in editor
    tasks = approve_all(client, submission.page, reviewers)
    assert "Feasibility check (Digitalagentur)" in tasks

    page = SolutionPage.objects.get(pk=submission.page_id)
    assert page.live
    client.logout()
    html = client.get(page.url).content.decode()
    assert "EUPL 1.2" in html
    assert 'href="https://gitlab.opencode.de/dorf/automat"' in html
    assert "Ein Stellplatz mit Strom." in html
