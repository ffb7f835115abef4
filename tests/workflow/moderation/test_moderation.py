"""Moderation through the admin: authority review, feasibility check, cross-border
review, change requests and the log, each step taken the way users take it."""

from __future__ import annotations

import threading
from http import HTTPStatus
from unittest import mock, skipUnless

from django.contrib.messages import get_messages
from django.db import connection
from django.test import TestCase, TransactionTestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import (
    Page,
    PageLogEntry,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)

from apps.knowledge.choices import Country
from apps.knowledge.models import KnowledgeIndexPage, SolutionPartner
from apps.knowledge.roles import AREA_ROLES, DANISH_PARTNERS
from apps.workflow.groups import setup_roles
from apps.workflow.models import (
    AuthorityReviewTask,
    FeasibilityCheckTask,
    FeasibilityCheckTaskState,
    Submission,
)
from apps.workflow.models.tasks import FEASIBILITY_CHECKLIST
from apps.workflow.workflows import DEFAULT_WORKFLOW_NAME
from tests.factories import UserFactory
from tests.knowledge.factories import (
    OrganisationFactory,
    PartnerAreaPageFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.migration_data import restore_migration_data
from tests.workflow.admin_actions import (
    act,
    approve_in_editor,
    client_for,
    current_task_state,
    edit_form_data,
    edit_url,
    modal_json,
    publish,
    submit,
    workflow_action_url,
)
from tests.workflow.factories import AuthoritiesFactory

FLENSBURG, NORDFRIESLAND = AREA_ROLES[0], AREA_ROLES[1]
CHECKLIST_COMPLETE = {name: "on" for name, _label in FEASIBILITY_CHECKLIST}


def live(page: Page) -> bool:
    return Page.objects.get(pk=page.pk).live


def messages_of(response) -> list[str]:
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


class ModerationTestCase(TestCase):
    """Every authority's area, its editor and two moderators, the Digitalagentur."""

    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.portal = cls.authorities.portal
        cls.editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.moderator = UserFactory(moderator=True, area_role=FLENSBURG)
        cls.second_moderator = UserFactory(
            moderator=True, area_role=FLENSBURG, suffix="-2"
        )
        cls.other_moderator = UserFactory(moderator=True, area_role=NORDFRIESLAND)
        cls.dk_moderator = UserFactory(moderator=True, area_role=DANISH_PARTNERS)
        cls.agency = UserFactory(digitalagentur=True)

    def draft(self, role=FLENSBURG, author=None, **fields):
        return SolutionPageFactory(
            draft=True,
            parent=self.authorities.area(role),
            author=author or self.editor,
            portal=self.portal,
            **fields,
        )

    def submitted(self, role=FLENSBURG, **fields):
        """A draft the authority's editor submitted for moderation in the admin."""
        page = self.draft(role, **fields)
        response = submit(client_for(self.editor), page)
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        return page


class AuthorityReviewTests(ModerationTestCase):
    def test_editor_submits__own_moderator_approves__page_goes_live(self):
        page = self.submitted()
        self.assertFalse(live(page))
        task = current_task_state(page).task.specific
        self.assertIsInstance(task, AuthorityReviewTask)

        response = act(client_for(self.moderator), page, "approve", comment="Passt.")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(modal_json(response)["step"], "success")
        self.assertTrue(live(page))

    def test_moderator__cannot_approve_other_authority(self):
        page = self.submitted()
        client = client_for(self.other_moderator)

        response = act(client, page, "approve")

        self.assertEqual(response.status_code, HTTPStatus.FORBIDDEN)
        self.assertFalse(live(page))
        self.assertEqual(current_task_state(page).status, TaskState.STATUS_IN_PROGRESS)
        # Nor through the editor's action menu (they cannot even open the editor).
        response = approve_in_editor(client, page, "approve")
        self.assertNotEqual(response.status_code, HTTPStatus.OK)
        self.assertFalse(live(page))

    def test_moderator__never_approves_own_edit(self):
        page = self.draft(author=self.moderator)
        submit(client_for(self.moderator), page)
        own = client_for(self.moderator)

        response = act(own, page, "approve")

        self.assertEqual(response.status_code, HTTPStatus.FORBIDDEN)
        self.assertFalse(live(page))
        response = own.get(edit_url(page))
        self.assertNotContains(response, "workflow-action-name")
        # A colleague of the same authority can.
        act(client_for(self.second_moderator), page, "approve")
        self.assertTrue(live(page))

    def test_moderator__edit_and_approve_together__is_refused_keeping_the_edit(self):
        page = self.submitted()
        client = client_for(self.moderator)
        data = edit_form_data(page, title="Vom Moderator geändert")
        data.update(
            {
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": "{}",
            }
        )

        response = client.post(edit_url(page), data)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "Vom Moderator geändert")
        self.assertIn(
            "You wrote the latest version of this page, so another reviewer has to "
            "decide on it.",
            messages_of(response),
        )
        self.assertFalse(live(page))
        self.assertEqual(
            Page.objects.get(pk=page.pk).get_latest_revision().user, self.editor
        )

    def test_queue__shows_page_only_to_moderators_of_its_authority(self):
        page = self.submitted(title="Smarte Parkplätze Flensburg")
        home = reverse("wagtailadmin_home")

        own = client_for(self.moderator).get(home)
        other = client_for(self.other_moderator).get(home)

        self.assertContains(own, "Awaiting your review")
        self.assertContains(own, "Smarte Parkplätze Flensburg")
        self.assertNotContains(other, "Smarte Parkplätze Flensburg")
        self.assertTrue(
            TaskState.objects.reviewable_by(self.moderator)
            .filter(workflow_state__object_id=str(page.pk))
            .exists()
        )
        self.assertFalse(
            TaskState.objects.reviewable_by(self.other_moderator)
            .filter(workflow_state__object_id=str(page.pk))
            .exists()
        )

    def test_page_outside_every_authority__reviewed_by_digitalagentur(self):
        area = PartnerAreaPageFactory(
            parent=self.portal.knowledge, title="Neue Region", slug="neue-region"
        )
        page = SolutionPageFactory(
            draft=True,
            parent=area,
            author=self.agency,
            portal=self.portal,
            title="Regionale Datenplattform",
        )
        submit(client_for(self.agency), page)
        colleague = UserFactory(digitalagentur=True, suffix="-2")

        self.assertEqual(
            act(client_for(self.moderator), page, "approve").status_code,
            HTTPStatus.FORBIDDEN,
        )
        self.assertContains(
            client_for(colleague).get(reverse("wagtailadmin_home")),
            "Regionale Datenplattform",
        )
        act(client_for(colleague), page, "approve")
        self.assertTrue(live(page))

    def test_editor__publish_button_does_not_bypass_review(self):
        page = self.draft()
        publish(client_for(self.moderator), page)
        self.assertFalse(live(page))


class ChangeRequestTests(ModerationTestCase):
    def test_request_changes__author_sees_comment_edits_resubmits_and_resumes(self):
        page = self.draft(title="Rufbus Entwurf")
        Submission.objects.create(
            page=page, submitted_by=self.editor, organisation=page.lead_organisation
        )
        submit(client_for(self.editor), page)
        act(client_for(self.agency), page, "approve", **CHECKLIST_COMPLETE)
        authority_state = current_task_state(page)
        self.assertIsInstance(authority_state.task.specific, AuthorityReviewTask)

        act(
            client_for(self.moderator),
            page,
            "reject",
            comment="Bitte die Zielgruppe ergänzen.",
        )

        state = Page.objects.get(pk=page.pk).current_workflow_state
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        author = client_for(self.editor)
        history = author.get(
            reverse(
                "wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]
            )
        )
        self.assertContains(history, "Bitte die Zielgruppe ergänzen.")
        editor_page = author.get(edit_url(page))
        self.assertContains(editor_page, "Changes requested")

        response = submit(author, page, teaser="Für Pendlerinnen im ländlichen Raum.")

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        resumed = current_task_state(page)
        # Resumed at the authority review; the feasibility check is not repeated.
        self.assertIsInstance(resumed.task.specific, AuthorityReviewTask)
        self.assertNotEqual(resumed.pk, authority_state.pk)
        self.assertEqual(
            TaskState.objects.filter(
                workflow_state=state, task__in=FeasibilityCheckTask.objects.all()
            ).count(),
            1,
        )
        act(client_for(self.moderator), page, "approve")
        self.assertTrue(live(page))
        self.assertEqual(
            Page.objects.get(pk=page.pk).specific.teaser,
            "Für Pendlerinnen im ländlichen Raum.",
        )


class FeasibilityCheckTests(ModerationTestCase):
    def submission(self):
        page = self.draft(title="Idee aus dem Verein")
        Submission.objects.create(
            page=page, submitted_by=self.editor, organisation=page.lead_organisation
        )
        submit(client_for(self.editor), page)
        return page

    def test_partner_submission__starts_at_feasibility_check_for_digitalagentur(self):
        page = self.submission()
        self.assertIsInstance(
            current_task_state(page).task.specific, FeasibilityCheckTask
        )
        self.assertEqual(
            act(client_for(self.moderator), page, "approve").status_code,
            HTTPStatus.FORBIDDEN,
        )

    def test_action_modal__shows_the_checklist(self):
        page = self.submission()
        task_state = current_task_state(page)
        response = client_for(self.agency).get(
            workflow_action_url(page, "approve", task_state),
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        html = modal_json(response)["html"]
        for name, _label in FEASIBILITY_CHECKLIST:
            self.assertIn(f'name="{name}"', html)

    def test_approve_with_unticked_box__is_refused_with_clear_error(self):
        page = self.submission()
        incomplete = {**CHECKLIST_COMPLETE}
        del incomplete["personal_data_handled"]

        response = act(client_for(self.agency), page, "approve", **incomplete)

        payload = modal_json(response)
        self.assertEqual(payload["step"], "action")
        self.assertIn("Confirm this item before approving.", payload["html"])
        self.assertIn("every item of the checklist is confirmed", payload["html"])
        state = current_task_state(page)
        self.assertEqual(state.status, TaskState.STATUS_IN_PROGRESS)
        self.assertIsInstance(state.task.specific, FeasibilityCheckTask)

    def test_approve_with_unticked_box_from_editor_menu__is_refused(self):
        page = self.submission()
        incomplete = {name: True for name, _label in FEASIBILITY_CHECKLIST[:2]}

        response = approve_in_editor(
            client_for(self.agency), page, "approve", **incomplete
        )

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(
            any(
                "The feasibility check is not complete" in m
                for m in messages_of(response)
            )
        )
        self.assertIsInstance(
            current_task_state(page).task.specific, FeasibilityCheckTask
        )

    def test_complete_checklist__stored_with_revision_and_shown_in_history(self):
        page = self.submission()
        revision = Page.objects.get(pk=page.pk).get_latest_revision()

        act(
            client_for(self.agency),
            page,
            "approve",
            comment="Machbar.",
            **CHECKLIST_COMPLETE,
        )

        check = FeasibilityCheckTaskState.objects.get(
            workflow_state__object_id=str(page.pk)
        )
        self.assertEqual(check.revision, revision)
        self.assertEqual(check.finished_by, self.agency)
        self.assertTrue(all(ticked for _label, ticked in check.checklist))
        self.assertIsInstance(
            current_task_state(page).task.specific, AuthorityReviewTask
        )
        history = client_for(self.agency).get(
            reverse(
                "wagtailadmin_pages:workflow_history_detail",
                args=[page.pk, check.workflow_state_id],
            )
        )
        self.assertContains(history, "Machbar.")
        with translation.override("en"):
            self.assertContains(history, "Personal data is handled properly")
        entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
        self.assertIn("Checklist", entry.data["comment"])
        page_history = client_for(self.agency).get(
            reverse("wagtailadmin_pages:history", args=[page.pk])
        )
        self.assertContains(page_history, "✓ Target group and benefit are stated")

    def test_editor_page__skips_feasibility_check(self):
        page = self.submitted()
        skipped = TaskState.objects.get(
            workflow_state__object_id=str(page.pk),
            task__in=FeasibilityCheckTask.objects.all(),
        )
        self.assertEqual(skipped.status, TaskState.STATUS_SKIPPED)


class CrossBorderReviewTests(ModerationTestCase):
    def with_danish_partner(self):
        page = self.draft(title="Grenzenloser Radverkehr")
        danish = OrganisationFactory(name="Aabenraa Kommune", country=Country.DENMARK)
        SolutionPartner.objects.create(page=page, organisation=danish)
        page.save_revision(user=self.editor)
        submit(client_for(self.editor), page)
        return page

    def test_page_with_danish_partner__needs_danish_moderator_after_authority(self):
        page = self.with_danish_partner()
        act(client_for(self.moderator), page, "approve")
        self.assertFalse(live(page))
        self.assertEqual(
            act(client_for(self.second_moderator), page, "approve").status_code,
            HTTPStatus.FORBIDDEN,
        )

        act(client_for(self.dk_moderator), page, "approve", comment="Godkendt.")

        self.assertTrue(live(page))

    def test_page_without_danish_partner__skips_cross_border_review(self):
        page = self.submitted()
        act(client_for(self.moderator), page, "approve")
        self.assertTrue(live(page))


class IntegrityTests(ModerationTestCase):
    def test_every_action__is_logged_with_user_time_and_comment(self):
        page = self.draft()
        Submission.objects.create(
            page=page, submitted_by=self.editor, organisation=page.lead_organisation
        )
        submit(client_for(self.editor), page)
        act(client_for(self.agency), page, "approve", **CHECKLIST_COMPLETE)
        act(client_for(self.moderator), page, "reject", comment="Quelle fehlt.")
        submit(client_for(self.editor), page)
        act(client_for(self.second_moderator), page, "approve", comment="Danke.")

        entries = list(
            PageLogEntry.objects.filter(
                page=page, action__startswith="wagtail.workflow"
            )
            .order_by("timestamp", "pk")
            .values_list("action", "user__username", "data")
        )
        self.assertEqual(
            [(action, user) for action, user, _data in entries],
            [
                ("wagtail.workflow.start", "flensburg-editor"),
                ("wagtail.workflow.approve", "digitalagentur"),
                ("wagtail.workflow.reject", "flensburg-moderator"),
                ("wagtail.workflow.resume", "flensburg-editor"),
                ("wagtail.workflow.approve", "flensburg-moderator-2"),
            ],
        )
        self.assertEqual(entries[2][2]["comment"], "Quelle fehlt.")
        self.assertEqual(entries[4][2]["comment"], "Danke.")
        self.assertTrue(
            PageLogEntry.objects.filter(
                page=page, action="wagtail.publish", user=self.second_moderator
            ).exists()
        )
        history = client_for(self.moderator).get(
            reverse("wagtailadmin_pages:history", args=[page.pk])
        )
        self.assertContains(history, "Quelle fehlt.")

    def test_stale_second_approval__is_refused_clearly_and_not_published_twice(self):
        page = self.with_two_steps()
        task_state = current_task_state(page)  # both moderators open the modal
        act(client_for(self.moderator), page, "approve", task_state=task_state)

        response = act(
            client_for(self.second_moderator),
            page,
            "approve",
            task_state=task_state,
            modal=False,
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        decided = TaskState.objects.get(pk=task_state.pk)
        with translation.override("en"):  # the moderators' admin language
            when = date_format(
                timezone.localtime(decided.finished_at), "DATETIME_FORMAT"
            )
        self.assertIn(
            f"This step was already approved by flensburg-moderator on {when}; your "
            "action was not carried out. Reload the page to see its current state.",
            messages_of(response),
        )
        self.assertEqual(
            TaskState.objects.filter(
                workflow_state__object_id=str(page.pk),
                task=task_state.task,
                status=TaskState.STATUS_APPROVED,
            ).count(),
            1,
        )

    def test_stale_last_approval__workflow_finished__published_once(self):
        page = self.submitted()
        task_state = current_task_state(page)
        act(client_for(self.moderator), page, "approve", task_state=task_state)

        response = act(
            client_for(self.second_moderator), page, "approve", task_state=task_state
        )

        # The modal shows who decided (Wagtail's redirect there was a server error).
        self.assertEqual(response.status_code, HTTPStatus.OK)
        payload = modal_json(response)
        self.assertEqual(payload["step"], "action")
        self.assertIn(
            "This step was already approved by flensburg-moderator on", payload["html"]
        )
        self.assertEqual(
            PageLogEntry.objects.filter(page=page, action="wagtail.publish").count(), 1
        )

    def with_two_steps(self):
        page = self.draft()
        danish = OrganisationFactory(country=Country.DENMARK)
        SolutionPartner.objects.create(page=page, organisation=danish)
        page.save_revision(user=self.editor)
        submit(client_for(self.editor), page)
        return page


@skipUnless(connection.vendor == "postgresql", "row locks need PostgreSQL")
class ConcurrentApprovalTests(TransactionTestCase):
    """Two moderators press "Approve" at the same moment, on a real database."""

    serialized_rollback = True  # keep the locales and default workflow for others

    def setUp(self):
        # An earlier transactional test may have flushed the migrations' rows.
        restore_migration_data()

    def test_two_moderators_at_once__one_wins_other_told_published_once(self):
        authorities = AuthoritiesFactory()
        editor = UserFactory(editor=True, area_role=FLENSBURG)
        moderators = [
            UserFactory(moderator=True, area_role=FLENSBURG),
            UserFactory(moderator=True, area_role=FLENSBURG, suffix="-2"),
        ]
        page = SolutionPageFactory(
            draft=True,
            parent=authorities.area(FLENSBURG),
            author=editor,
            portal=authorities.portal,
        )
        submit(client_for(editor), page)
        task_state = current_task_state(page)
        clients = [client_for(moderator) for moderator in moderators]

        # Both requests pass the view's checks before either takes the row lock.
        barrier = threading.Barrier(2, timeout=10)
        original = AuthorityReviewTask.on_action

        def both_at_once(task, *args, **kwargs):
            barrier.wait()
            return original(task, *args, **kwargs)

        results: list[list[str]] = []

        def approve(client):
            try:
                response = act(
                    client, page, "approve", task_state=task_state, modal=False
                )
                results.append(messages_of(response))
            finally:
                connection.close()

        with mock.patch.object(AuthorityReviewTask, "on_action", both_at_once):
            threads = [threading.Thread(target=approve, args=(c,)) for c in clients]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)

        self.assertEqual(len(results), 2)
        refused = [
            m for messages in results for m in messages if "already approved" in m
        ]
        self.assertEqual(len(refused), 1, results)
        self.assertEqual(
            PageLogEntry.objects.filter(page=page, action="wagtail.publish").count(), 1
        )
        self.assertEqual(
            TaskState.objects.filter(
                pk=task_state.pk, status=TaskState.STATUS_APPROVED
            ).count(),
            1,
        )
        self.assertTrue(live(page))


class DefaultWorkflowTests(TestCase):
    def test_data_migration__created_workflow_with_tasks_in_order(self):
        workflow = Workflow.objects.get(name=DEFAULT_WORKFLOW_NAME)
        self.assertEqual(
            [type(task.specific).__name__ for task in workflow.tasks],
            [
                "FeasibilityCheckTask",
                "AuthorityReviewTask",
                "CrossBorderReviewTask",
                "TranslationReviewTask",
            ],
        )
        groups = {
            type(task.specific).__name__: set(
                task.specific.groups.values_list("name", flat=True)
            )
            for task in workflow.tasks
            if hasattr(task.specific, "groups")
        }
        self.assertEqual(
            groups,
            {
                "FeasibilityCheckTask": {"Digitalagentur"},
                "CrossBorderReviewTask": {"Danish partners – Moderators"},
            },
        )

    def test_setup_roles__assigns_knowledge_base_of_every_language_once(self):
        authorities = AuthoritiesFactory()
        for code in ("da", "en"):
            TranslationFactory(page=authorities.area(FLENSBURG), language_code=code)
        setup_roles()
        setup_roles()

        workflow = Workflow.objects.get(name=DEFAULT_WORKFLOW_NAME)
        indexes = KnowledgeIndexPage.objects.all()
        self.assertEqual(indexes.count(), 3)
        for index in indexes:
            with self.subTest(language=index.locale.language_code):
                self.assertEqual(index.get_workflow(), workflow)
        solution = SolutionPageFactory(
            draft=True,
            parent=authorities.area(FLENSBURG),
            author=None,
            portal=authorities.portal,
        )
        self.assertEqual(solution.get_workflow(), workflow)
        self.assertEqual(
            WorkflowPage.objects.filter(workflow=workflow).count(), indexes.count()
        )

    def test_setup_roles__keeps_a_workflow_an_administrator_chose(self):
        authorities = AuthoritiesFactory()
        own = Workflow.objects.create(name="Eigener Ablauf")
        WorkflowPage.objects.filter(page=authorities.portal.knowledge).update(
            workflow=own
        )
        setup_roles()
        self.assertEqual(authorities.portal.knowledge.get_workflow(), own)
