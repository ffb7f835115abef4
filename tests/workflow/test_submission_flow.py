"""End to end: a partner submits in the portal, moderators decide in the admin, the
solution goes live in the partner's language; change requests and resubmission."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from wagtail.models import TaskState, WorkflowState

from apps.knowledge.models import SolutionPage
from apps.workflow.models import Submission
from apps.workflow.submissions import Status
from apps.workflow.workflows import ensure_default_workflow
from tests.workflow.portal_utils import (
    LANGUAGES,
    act,
    approve_all,
    build_partner_portal,
    edit_url,
    group_approval_workflow,
    make_partner,
    moderators,
    submission_data,
    submissions_url,
    submit_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate limit counts in the cache; each test starts with none."""
    cache.clear()


WORKFLOWS = ["default", "group_approval"]


def _setup(workflow: str):
    setup = build_partner_portal()
    if workflow == "default":
        ensure_default_workflow()
    else:
        group_approval_workflow(setup.portal.area)
    return setup, moderators()


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
        assert str(Status.IN_MODERATION.label) in html
    # While it is in review the partner cannot change it.
    response = client.get(edit_url(language, submission))
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
        assert str(Status.PUBLISHED.label) in html
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
    rejected = act(
        client, page, reviewers, "reject", comment="Bitte die Zielgruppe nennen."
    )

    client.force_login(setup.partner.user)
    response = client.get(submissions_url(language))
    html = response.content.decode()
    assert "Bitte die Zielgruppe nennen." in html
    with translation.override(language):
        assert str(Status.CHANGES_REQUESTED.label) in html
    assert edit_url(language, submission) in html

    response = client.get(edit_url(language, submission))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'value="Dorfladen-Automat' in html
    assert "Der Automat steht am Dorfplatz." in html

    response = client.post(
        edit_url(language, submission),
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
    act(client, submission.page, reviewers, "reject", comment="Bitte ergänzen.")
    stranger = make_partner(setup.portal.area.specific.organisation, "stranger")

    client = Client()  # the stranger's own browser
    client.force_login(stranger.user)
    assert client.get(edit_url("de", submission)).status_code == HTTPStatus.NOT_FOUND
    response = client.post(edit_url("de", submission), submission_data(setup, "de"))
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
    act(client, submission.page, reviewers, "reject", comment="Bitte ergänzen.")
    colleague = make_partner(setup.organisation, "colleague")

    client.force_login(colleague.user)
    assert "Bitte ergänzen." in client.get(submissions_url("de")).content.decode()
    assert client.get(edit_url("de", submission)).status_code == HTTPStatus.OK


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_change_request__danish_partner_reads_changes_requested_not_rejected(
    client, workflow
):
    """Issue 14 item 8: Wagtail's "rejected" task state is a change request; the
    Danish partner's list said "Afvist" (rejected) next to the moderator's
    comment."""
    setup, reviewers = _setup(workflow)
    submission = _submit(client, setup, "da")
    act(client, submission.page, reviewers, "reject", comment="Mere om målgruppen.")

    client.force_login(setup.partner.user)
    html = client.get(submissions_url("da")).content.decode()

    comment = html[html.index('<ul class="comments">') :]
    comment = comment[: comment.index("</ul>")]
    assert "Mere om målgruppen." in comment
    assert "Ændringer ønsket" in comment
    assert "Afvist" not in html
