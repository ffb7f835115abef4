"""Translations go through moderation: a reviewer of the language signs them off."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from apps.knowledge.roles import AREA_ROLES, TRANSLATORS_GROUP
from apps.workflow.groups import setup_roles
from apps.workflow.models import (
    AuthorityReviewTask,
    TranslationReviewTask,
    TranslationSignOff,
    translation_status,
)
from tests.factories import UserFactory
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.workflow.admin_actions import (
    act,
    client_for,
    current_task_state,
    edit_url,
    submit,
)
from tests.workflow.factories import AuthoritiesFactory

FLENSBURG = AREA_ROLES[0]


def live(page: Page) -> bool:
    return Page.objects.get(pk=page.pk).live


class TranslationReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.portal = cls.authorities.portal
        cls.editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.moderator = UserFactory(moderator=True, area_role=FLENSBURG)
        cls.translator = UserFactory(translator=True)
        cls.danish_reviewer = UserFactory(reviewer=True, language="da")
        cls.english_reviewer = UserFactory(reviewer=True, language="en")
        cls.source = SolutionPageFactory(
            draft=True,
            parent=cls.authorities.area(FLENSBURG),
            author=cls.editor,
            portal=cls.portal,
            title="Digitale Dorfkiste",
        )
        cls.source.save_revision(user=cls.editor).publish()
        TranslationFactory(page=cls.authorities.area(FLENSBURG), language_code="da")
        setup_roles()  # grants the groups their pages in the new Danish tree
        cls.danish_locale = Locale.objects.get(language_code="da")

    def danish_translation(self, machine: bool = False):
        """The translator's Danish version, submitted for moderation in the admin."""
        danish = self.source.copy_for_translation(self.danish_locale)
        if machine:
            record_machine_translation(self.source, self.danish_locale)
        response = submit(
            client_for(self.translator), danish, title="Digital landsbykasse"
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        return danish

    def test_translation__not_live_until_reviewer_of_its_language_approves(self):
        danish = self.danish_translation()
        self.assertIsInstance(
            current_task_state(danish).task.specific, AuthorityReviewTask
        )
        act(client_for(self.moderator), danish, "approve")
        self.assertFalse(live(danish))
        self.assertIsInstance(
            current_task_state(danish).task.specific, TranslationReviewTask
        )

        refused = act(client_for(self.english_reviewer), danish, "approve")
        self.assertEqual(refused.status_code, HTTPStatus.FORBIDDEN)
        self.assertFalse(live(danish))

        act(client_for(self.danish_reviewer), danish, "approve", comment="Fint.")

        self.assertTrue(live(danish))
        self.assertEqual(Page.objects.get(pk=danish.pk).title, "Digital landsbykasse")

    def test_sign_off__records_who_and_when_and_shows_in_admin_report(self):
        danish = self.danish_translation()
        act(client_for(self.moderator), danish, "approve")
        act(client_for(self.danish_reviewer), danish, "approve")

        sign_off = TranslationSignOff.objects.get(page=danish)
        self.assertEqual(sign_off.signed_off_by, self.danish_reviewer)
        self.assertIsNotNone(sign_off.signed_off_at)
        self.assertFalse(sign_off.machine_translated)
        status = translation_status(danish)
        self.assertEqual(status.signed_off_by, "reviewer-da")
        self.assertFalse(status.needs_review)

        report = client_for(self.moderator).get(
            reverse("workflow_admin:translation_sign_offs")
        )
        self.assertEqual(report.status_code, HTTPStatus.OK)
        self.assertContains(report, "Digital landsbykasse")
        self.assertContains(report, "reviewer-da")

    def test_machine_translation__flagged_until_signed_off(self):
        danish = self.danish_translation(machine=True)

        status = translation_status(danish)
        self.assertTrue(status.machine_translated)
        self.assertTrue(status.needs_review)
        self.assertIsNone(status.signed_off_by)

        act(client_for(self.moderator), danish, "approve")
        act(client_for(self.danish_reviewer), danish, "approve")

        status = translation_status(danish)
        self.assertTrue(status.machine_translated)
        self.assertFalse(status.needs_review)

    def test_reviewer_queue__shows_translation_only_to_its_language(self):
        danish = self.danish_translation()
        act(client_for(self.moderator), danish, "approve")
        home = reverse("wagtailadmin_home")

        self.assertContains(
            client_for(self.danish_reviewer).get(home), "Digital landsbykasse"
        )
        self.assertNotContains(
            client_for(self.english_reviewer).get(home), "Digital landsbykasse"
        )

    def test_reviewer__cannot_sign_off_own_translation(self):
        translating_reviewer = UserFactory(
            username="da-translator",
            group_names=[TRANSLATORS_GROUP, "Translation reviewers – Danish"],
            admin_language="en",
        )
        danish = self.source.copy_for_translation(self.danish_locale)
        submit(client_for(translating_reviewer), danish, title="Landsbykasse")
        act(client_for(self.moderator), danish, "approve")

        response = act(client_for(translating_reviewer), danish, "approve")

        self.assertEqual(response.status_code, HTTPStatus.FORBIDDEN)
        self.assertFalse(live(danish))
        act(client_for(self.danish_reviewer), danish, "approve")
        self.assertTrue(live(danish))

    def test_german_page__skips_translation_review(self):
        page = SolutionPageFactory(
            draft=True,
            parent=self.authorities.area(FLENSBURG),
            author=self.editor,
            portal=self.portal,
        )
        submit(client_for(self.editor), page)
        act(client_for(self.moderator), page, "approve")

        self.assertTrue(live(page))
        skipped = TaskState.objects.get(
            workflow_state__object_id=str(page.pk),
            task__in=TranslationReviewTask.objects.all(),
        )
        self.assertEqual(skipped.status, TaskState.STATUS_SKIPPED)
        self.assertFalse(TranslationSignOff.objects.filter(page=page).exists())


def record_machine_translation(source: Page, locale: Locale) -> None:
    """What wagtail-localize stores when a translator presses "Machine translate"."""
    translatable, _ = TranslatableObject.objects.get_or_create_from_instance(source)
    string = String.from_value(source.locale, StringValue.from_plaintext(source.title))
    context, _ = TranslationContext.objects.get_or_create(
        object=translatable, path="title", defaults={"field_path": "title"}
    )
    StringTranslation.objects.create(
        translation_of=string,
        locale=locale,
        context=context,
        data="Digital landsbykasse",
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        tool_name="DeepL",
    )


class LocalizeTranslationSubmitTests(TestCase):
    """A translation kept in sync by wagtail-localize, edited in its own editor."""

    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.moderator = UserFactory(moderator=True, area_role=FLENSBURG)
        cls.translator = UserFactory(translator=True)
        cls.danish_reviewer = UserFactory(reviewer=True, language="da")
        source = SolutionPageFactory(
            draft=True,
            parent=cls.authorities.area(FLENSBURG),
            author=cls.editor,
            portal=cls.authorities.portal,
        )
        source.save_revision(user=cls.editor).publish()
        TranslationFactory(page=cls.authorities.area(FLENSBURG), language_code="da")
        setup_roles()
        translation_source, _ = TranslationSource.get_or_create_from_instance(source)
        translation = Translation.objects.create(
            source=translation_source,
            target_locale=Locale.objects.get(language_code="da"),
        )
        translation.save_target(user=cls.translator, publish=False)
        cls.danish = source.get_translation(translation.target_locale)

    def test_translator__submits_from_page_header_and_reviewers_approve(self):
        client = client_for(self.translator)
        submit_url = reverse("workflow_admin:submit_translation", args=[self.danish.pk])
        # wagtail-localize's editor has no header buttons: the entry is in the
        # page's "More" menu of the page explorer.
        explorer = reverse("wagtailadmin_explore", args=[self.danish.get_parent().pk])
        self.assertContains(client.get(explorer), submit_url)
        self.assertEqual(client.get(submit_url).status_code, HTTPStatus.OK)

        response = client.post(submit_url)

        self.assertRedirects(
            response, edit_url(self.danish), fetch_redirect_response=False
        )
        self.assertTrue(Page.objects.get(pk=self.danish.pk).workflow_in_progress)
        self.assertFalse(live(self.danish))
        act(client_for(self.moderator), self.danish, "approve")
        act(client_for(self.danish_reviewer), self.danish, "approve")
        self.assertTrue(live(self.danish))

    def test_strings_typed_in_localize__are_what_goes_live(self):
        client = client_for(self.translator)
        translation = Translation.objects.get(target_locale__language_code="da")
        title = StringSegment.objects.get(
            source=translation.source, context__path="title"
        )
        # What the localize editor sends when the translator types the title.
        response = client.put(
            reverse(
                "wagtail_localize:edit_string_translation",
                args=[translation.pk, title.pk],
            ),
            urlencode({"value": "Digital landsbykasse"}),
            content_type="application/x-www-form-urlencoded",
        )
        self.assertEqual(response.status_code, HTTPStatus.CREATED)

        client.post(reverse("workflow_admin:submit_translation", args=[self.danish.pk]))
        act(client_for(self.moderator), self.danish, "approve")
        act(client_for(self.danish_reviewer), self.danish, "approve")

        published = Page.objects.get(pk=self.danish.pk)
        self.assertTrue(published.live)
        self.assertEqual(published.title, "Digital landsbykasse")

    def test_submit_translation__refused_without_edit_permission(self):
        reviewer = UserFactory(
            username="reviewer-only",
            group_names=["Translation reviewers – Danish"],
            admin_language="en",
        )
        submit_url = reverse("workflow_admin:submit_translation", args=[self.danish.pk])

        response = client_for(reviewer).post(submit_url)

        # Wagtail's admin answers a refusal with a redirect and an error message.
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertFalse(Page.objects.get(pk=self.danish.pk).workflow_in_progress)


class SyncPublishImmediatelyTests(TestCase):
    """wagtail-localize's "Sync translated pages" with "Publish immediately"."""

    @classmethod
    def setUpTestData(cls):
        LocalizeTranslationSubmitTests.setUpTestData.__func__(cls)

    def test_sync_with_publish_immediately__submits_page_translation_for_review(self):
        client_for(self.translator).post(
            reverse("workflow_admin:submit_translation", args=[self.danish.pk])
        )
        act(client_for(self.moderator), self.danish, "approve")
        act(client_for(self.danish_reviewer), self.danish, "approve")
        reviewed_title = Page.objects.get(pk=self.danish.pk).title
        self.assertTrue(live(self.danish))
        source = self.danish.get_translation(Locale.get_default()).specific
        source.title = "Digitale Dorfkiste Nord"
        source.save_revision(user=self.editor).publish()
        translation = Translation.objects.get(
            source__object_id=source.translation_key,
            target_locale=self.danish.locale,
        )

        response = client_for(self.translator).post(
            reverse(
                "wagtail_localize:update_translations", args=[translation.source_id]
            ),
            {"publish_translations": "on"},
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        page = Page.objects.get(pk=self.danish.pk)
        # The reviewed Danish version stays live until the update is approved.
        self.assertTrue(page.live)
        self.assertEqual(page.title, reviewed_title)
        self.assertTrue(page.workflow_in_progress)
        act(client_for(self.moderator), page, "approve")
        act(client_for(self.danish_reviewer), page, "approve")
        self.assertEqual(Page.objects.get(pk=page.pk).title, "Digitale Dorfkiste Nord")


class SyncedTranslationReviewTests(TestCase):
    """Issue 14 item 3: a synced translation opens in wagtail-localize's editor,
    which has no workflow actions; its reviewers get them there, and from the
    moderation dashboard, as from the admin home panel."""

    @classmethod
    def setUpTestData(cls):
        LocalizeTranslationSubmitTests.setUpTestData.__func__(cls)

    def setUp(self):
        response = client_for(self.translator).post(
            reverse("workflow_admin:submit_translation", args=[self.danish.pk])
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)

    def review_links(self, response) -> dict[str, str]:
        """The review actions the translation editor offers: label → address."""
        soup = BeautifulSoup(response.content, "html.parser")
        return {
            " ".join(link.get_text().split()): link["href"]
            for link in soup.select(".messages a")
            if "/admin/workflow/review/" in link["href"]
        }

    def test_translation_editor__offers_each_step_its_actions__page_goes_live(self):
        for reviewer in (self.moderator, self.danish_reviewer):
            with self.subTest(step=str(current_task_state(self.danish).task)):
                client = client_for(reviewer)
                editor = client.get(edit_url(self.danish))
                # wagtail-localize's editor, not Wagtail's (which has a footer menu).
                self.assertContains(editor, "js-translation-editor")
                self.assertContains(editor, "This translation awaits your review")
                links = self.review_links(editor)
                self.assertEqual(set(links), {"Request changes", "Approve"})
                form = client.get(links["Approve"])
                self.assertContains(form, 'name="comment"')

                response = client.post(links["Approve"], {"comment": "Fint."})

                self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertTrue(live(self.danish))

    def test_translation_editor__request_changes_with_comment(self):
        editor = client_for(self.moderator).get(edit_url(self.danish))
        url = self.review_links(editor)["Request changes"]

        client_for(self.moderator).post(url, {"comment": "Titel passt nicht."})

        state = Page.objects.get(pk=self.danish.pk).current_workflow_state
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        history = client_for(self.translator).get(
            reverse(
                "wagtailadmin_pages:workflow_history_detail",
                args=[self.danish.pk, state.pk],
            )
        )
        self.assertContains(history, "Titel passt nicht.")

    def test_translator__no_actions_in_translation_editor(self):
        editor = client_for(self.translator).get(edit_url(self.danish))
        self.assertEqual(self.review_links(editor), {})

    def test_dashboard__links_to_the_editor_and_offers_the_same_actions(self):
        client = client_for(self.moderator)
        dashboard = client.get(reverse("workflow_dashboard"))
        soup = BeautifulSoup(dashboard.content, "html.parser")
        mine = soup.select_one("[data-waiting-for-you]")
        self.assertIn(edit_url(self.danish), str(mine))
        approve = mine.select_one('[data-review-action="approve"]')["href"]
        self.assertEqual(
            set(self.review_links(client.get(edit_url(self.danish))).values()),
            {a["href"] for a in mine.select("[data-review-action]")},
        )

        client.post(approve)

        self.assertIsInstance(
            current_task_state(self.danish).task.specific, TranslationReviewTask
        )
