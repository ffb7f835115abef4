"""A moderator approves a partner's submission from the page editor's action menu:
the editor form, posted back unchanged, must not count as the moderator's own edit
(which the moderation tasks refuse to approve)."""

from __future__ import annotations

from http import HTTPStatus

from bs4 import BeautifulSoup
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import Page, TaskState

from apps.workflow.models import Submission
from apps.workflow.models.tasks import AuthorityReviewTask
from apps.workflow.workflows import ensure_default_workflow
from tests.factories import UserFactory, UserProfileFactory
from tests.upload_files import pdf_upload, png_upload
from tests.workflow.admin_actions import (
    act_as_reviewer,
    active_task_state,
    editor_form_data,
)
from tests.workflow.factories import FLENSBURG, PartnerPortalFactory
from tests.workflow.partners.submission_form import submission_data, submit_url


def _edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def client_get_editor(user, page: Page) -> str:
    """The editor as ``user`` sees it (its action menu offers the workflow actions)."""
    client = Client()
    client.force_login(user)
    return client.get(_edit_url(page)).content.decode()


def unchanged_editor_form(client, page: Page) -> dict:
    """Open the page editor and return what the browser posts if nothing is typed."""
    response = client.get(_edit_url(page))
    assert response.status_code == HTTPStatus.OK
    return editor_form_data(response.content.decode())


def _approve_in_editor(client, page: Page):
    """The moderator opens the editor and chooses "Approve" in its action menu."""
    data = unchanged_editor_form(client, page)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": "{}",
        }
    )
    return client.post(_edit_url(page), data)


def _problems(response) -> str:
    """The messages and field errors the editor shows after a refused post."""
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select(".messages li, .error-message, .help-critical")
    return " | ".join(" ".join(item.get_text().split()) for item in found)


BODY = (
    'Der Automat steht am Dorfplatz & ist "rund um die Uhr" offen.\n'
    "Zweite Zeile mit <Sonderzeichen> und Jens' Hinweis.\n\n"
    "Er wird von der Dorfgemeinschaft betrieben."
)


class ApproveInEditorTests(TestCase):
    def test_area_moderator__approves_partner_submission_from_the_editor_menu_de(
        self,
    ) -> None:
        self.approve_partner_submission_from_the_editor_menu("de")

    def test_area_moderator__approves_partner_submission_from_the_editor_menu_da(
        self,
    ) -> None:
        self.approve_partner_submission_from_the_editor_menu("da")

    def approve_partner_submission_from_the_editor_menu(self, language: str) -> None:
        client = self.client
        setup = PartnerPortalFactory()
        ensure_default_workflow()
        reviewers = UserFactory.one_per_group()
        client.force_login(setup.partner.user)
        data = submission_data(
            setup, language, body_text=BODY, image_description="Der Automat"
        )
        response = client.post(
            submit_url(language),
            {**data, "image": png_upload(), "document": pdf_upload()},
        )
        assert response.status_code == HTTPStatus.FOUND
        page = Submission.objects.get().page
        partner_revision = page.get_latest_revision()
        built = page.specific
        assert built.image is not None
        assert [b.block_type for b in built.body] == [
            "paragraph",
            "paragraph",
            "document",
        ]
        # The Digitalagentur's feasibility check comes first (from the dashboard).
        act_as_reviewer(client, page, reviewers, "approve")
        state = active_task_state(page)
        assert isinstance(state.task.specific, AuthorityReviewTask)
        moderator = UserFactory(
            username="flensburg-mod", group_names=[FLENSBURG.moderators]
        )
        UserProfileFactory(user=moderator)
        assert "workflow-action-name" in client_get_editor(moderator, page)
        client.force_login(moderator)

        response = _approve_in_editor(client, page)

        assert response.status_code == HTTPStatus.FOUND, _problems(response)
        # No revision of the moderator's was made: the partner's text is what passed.
        assert page.revisions.order_by("-pk").first() == partner_revision
        finished = TaskState.objects.get(pk=state.pk)
        assert finished.status == TaskState.STATUS_APPROVED
        assert finished.finished_by == moderator
        assert finished.revision == partner_revision
