"""Two moderators on the same step, one after the other (the races of issue 14
item 1 on SQLite with the Django test client; at the same moment through gunicorn
in tests/workflow/test_concurrent_moderation.py), and the task's own refusal of a
user who is not a reviewer of the step (item 24).

The second moderator loaded the editor or opened the modal before the first one
decided. Their click is refused: they are told who decided and when, in their
admin language, the comment they typed comes back, no revision of theirs is made
and no later step is decided by it.
"""

from __future__ import annotations

import json
from http import HTTPStatus

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Page, PageLogEntry, TaskState
from wagtail.users.models import UserProfile

from apps.knowledge.choices import Country
from apps.knowledge.models import SolutionPartner
from apps.knowledge.roles import AREA_ROLES
from apps.workflow.models import AuthorityReviewTask, CrossBorderReviewTask
from apps.workflow.models.tasks import WorkflowActionRefused
from apps.workflow.moderation.views import TASK_STATE_FIELD
from tests.factories import UserFactory
from tests.knowledge.factories import OrganisationFactory, SolutionPageFactory
from tests.workflow.admin_actions import (
    act,
    client_for,
    current_task_state,
    edit_url,
    editor_form_data,
    modal_json,
    shown_messages,
    submit,
)
from tests.workflow.factories import AuthoritiesFactory

FLENSBURG, NORDFRIESLAND = AREA_ROLES[0], AREA_ROLES[1]
COMMENT = "Bitte die Quelle der Zahlen ergänzen – 'Tabelle 3' & <Anhang>."


def speaks(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def messages_of(response) -> str:
    """The messages to show after a redirect, as text."""
    return " | ".join(
        shown_messages(f'<ul class="messages"><li>{m}</li></ul>')
        for m in get_messages(response.wsgi_request)
    )


def decided_message(state: TaskState, language: str) -> str:
    """What the second moderator reads, in their admin language."""
    state = TaskState.objects.get(pk=state.pk)
    with translation.override(language):
        decision = {
            TaskState.STATUS_APPROVED: gettext("approved"),
            TaskState.STATUS_REJECTED: gettext("sent back for changes"),
        }[state.status]
        return gettext(
            "This step was already %(decision)s by %(user)s on %(when)s; your "
            "action was not carried out. Reload the page to see its current state."
        ) % {
            "decision": decision,
            "user": state.finished_by.get_username(),
            "when": date_format(
                timezone.localtime(state.finished_at), "DATETIME_FORMAT"
            ),
        }


def editor_form(client, page: Page) -> dict:
    """Open the editor; what its form posts if nothing is typed."""
    response = client.get(edit_url(page))
    assert response.status_code == HTTPStatus.OK
    return editor_form_data(response.content.decode())


def editor_action(client, page: Page, form: dict, action: str, comment: str = ""):
    """Choose ``action`` in the editor's action menu, with the modal's comment."""
    return client.post(
        edit_url(page),
        {
            **form,
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps(
                {"comment": comment} if comment else {}
            ),
        },
    )


def revisions(page: Page) -> list[int]:
    return list(page.revisions.order_by("pk").values_list("pk", flat=True))


class RaceTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.first = speaks(UserFactory(moderator=True, area_role=FLENSBURG), "de")
        cls.second = speaks(
            UserFactory(moderator=True, area_role=FLENSBURG, suffix="-2"), "da"
        )
        cls.outsider = UserFactory(moderator=True, area_role=NORDFRIESLAND)

    def submitted(self, danish_partner: bool = False) -> Page:
        page = SolutionPageFactory(
            draft=True,
            parent=self.authorities.area(FLENSBURG),
            author=self.editor,
            portal=self.authorities.portal,
        )
        if danish_partner:
            danish = OrganisationFactory(country=Country.DENMARK)
            SolutionPartner.objects.create(page=page, organisation=danish)
            page.save_revision(user=self.editor)
        self.assertEqual(
            submit(client_for(self.editor), page).status_code, HTTPStatus.FOUND
        )
        return Page.objects.get(pk=page.pk)


class StaleActionTests(RaceTestCase):
    def test_stale_approve_in_editor__after_other_finished__no_draft_told_who(self):
        page = self.submitted()
        state = current_task_state(page)
        late = client_for(self.second)
        form = editor_form(late, page)  # the second moderator's editor is open
        before = revisions(page)
        editor_action(
            client_for(self.first),
            page,
            editor_form(client_for(self.first), page),
            "approve",
        )

        response = editor_action(late, page, form, "approve")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        shown = shown_messages(response.content.decode())
        self.assertIn(decided_message(state, "da"), shown)
        self.assertNotIn("updated", shown)
        self.assertEqual(revisions(page), before)  # no draft from the stale click
        self.assertEqual(
            PageLogEntry.objects.filter(page=page, action="wagtail.publish").count(), 1
        )

    def test_editor_posting_a_task_state_id_of_thousands_of_digits__as_if_none(self):
        # Read like a missing or non-numeric id (an editor without the field): the
        # action applies to the step in progress, and is no server error.
        page = self.submitted()
        client = client_for(self.first)
        form = editor_form(client, page)
        form[TASK_STATE_FIELD] = "9" * 5000  # int() refuses more than 4,300 digits

        response = editor_action(client, page, form, "approve")

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertTrue(Page.objects.get(pk=page.pk).live)

    def test_stale_request_changes_in_editor__comment_back_next_step_untouched(self):
        page = self.submitted(danish_partner=True)
        state = current_task_state(page)
        late = client_for(self.second)
        form = editor_form(late, page)
        before = revisions(page)
        act(client_for(self.first), page, "approve", task_state=state)
        cross_border = current_task_state(page)
        self.assertIsInstance(cross_border.task.specific, CrossBorderReviewTask)

        response = editor_action(late, page, form, "reject", COMMENT)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        shown = shown_messages(response.content.decode())
        self.assertIn(decided_message(state, "da"), shown)
        self.assertIn(COMMENT, shown)  # offered back to copy
        cross_border.refresh_from_db()
        self.assertEqual(cross_border.status, TaskState.STATUS_IN_PROGRESS)
        self.assertEqual(revisions(page), before)

    def test_stale_request_changes_in_modal__after_workflow_finished__comment_kept(
        self,
    ):
        page = self.submitted()
        state = current_task_state(page)
        act(client_for(self.first), page, "approve", task_state=state)

        response = act(
            client_for(self.second), page, "reject", comment=COMMENT, task_state=state
        )

        self.assertEqual(response.status_code, HTTPStatus.OK)
        payload = modal_json(response)
        self.assertEqual(payload["step"], "action")
        self.assertIn(decided_message(state, "da"), shown_messages(payload["html"]))
        self.assertIn(escape(COMMENT), payload["html"])  # still in the comment box
        self.assertTrue(Page.objects.get(pk=page.pk).live)

    def test_stale_modal_approve__page_without_javascript__told_with_comment(self):
        page = self.submitted(danish_partner=True)
        state = current_task_state(page)
        act(client_for(self.first), page, "reject", comment="Zu kurz.")

        response = act(
            client_for(self.second),
            page,
            "approve",
            comment=COMMENT,
            task_state=state,
            modal=False,
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        shown = messages_of(response)
        self.assertIn(decided_message(state, "da"), shown)
        self.assertIn(COMMENT, shown)

    def test_double_click_of_superuser__second_click_does_not_decide_next_step(self):
        admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
        speaks(admin, "en")
        page = self.submitted(danish_partner=True)
        state = current_task_state(page)
        client = client_for(admin)
        form = editor_form(client, page)
        editor_action(client, page, form, "approve")
        cross_border = current_task_state(page)
        self.assertIsInstance(cross_border.task.specific, CrossBorderReviewTask)

        # The same form again (a double click, or a tab left open).
        response = editor_action(client, page, form, "approve")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertIn(
            decided_message(state, "en"),
            shown_messages(response.content.decode()),
        )
        cross_border.refresh_from_db()
        self.assertEqual(cross_border.status, TaskState.STATUS_IN_PROGRESS)
        self.assertFalse(Page.objects.get(pk=page.pk).live)


class NotAReviewerTests(RaceTestCase):
    """Item 24: the task's own handler refuses, whatever a view showed."""

    def test_other_authority_moderator__refused_by_the_tasks_action_handler(self):
        page = self.submitted()
        state = current_task_state(page)
        # The review page leaves the decision to the task (no button to hide).
        url = reverse("workflow_admin:review_action", args=[state.pk, "approve"])

        response = client_for(self.outsider).post(url, {"comment": "Passt."})

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertIn(
            "You are not a reviewer of this step for this page.",
            messages_of(response),
        )
        state.refresh_from_db()
        self.assertEqual(state.status, TaskState.STATUS_IN_PROGRESS)
        self.assertFalse(Page.objects.get(pk=page.pk).live)

    def test_other_authority_moderator__task_on_action_refuses_directly(self):
        page = self.submitted()
        state = current_task_state(page)
        task = state.task.specific
        self.assertIsInstance(task, AuthorityReviewTask)

        with (
            translation.override("en"),
            self.assertRaisesMessage(
                WorkflowActionRefused,
                "You are not a reviewer of this step for this page.",
            ),
        ):
            task.on_action(state, self.outsider, "approve")

        state.refresh_from_db()
        self.assertEqual(state.status, TaskState.STATUS_IN_PROGRESS)
