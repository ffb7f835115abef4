"""Translating a large page tree in the background: progress, failure, resume."""

from __future__ import annotations

import re
from http import HTTPStatus
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from apps.knowledge.models import (
    Term,
    TermGroup,
    TranslationSettings,
    TreeTranslationJob,
)
from apps.knowledge.translation import tree as tree_translation
from tests.factories import UserFactory, UserProfileFactory
from tests.knowledge import factories
from tests.knowledge.factories import PortalFactory
from tests.knowledge.search.recording_server import RecordingServer

AREAS = 4
SOLUTIONS_PER_AREA = 30
NO_ENV = {
    "ENGINE": "",
    "DEEPL_API_KEY": "",
    "DEEPL_API_URL": "",
    "LIBRETRANSLATE_URL": "",
    "LIBRETRANSLATE_API_KEY": "",
    "TIMEOUT": 5,
}


def term_group(name: str, **terms_by_language: list[str]) -> None:
    group = TermGroup.objects.create(name=name)
    for language, texts in terms_by_language.items():
        for text in texts:
            Term.objects.create(group=group, language=language, text=text)


def danish_versions(pages) -> dict[int, Page]:
    """German page id -> its Danish version, for the pages that have one."""
    danish = Locale.objects.get(language_code="da")
    keys = {page.translation_key: page.pk for page in pages}
    return {
        keys[page.translation_key]: page
        for page in Page.objects.filter(locale=danish, translation_key__in=keys)
    }


@override_settings(MACHINE_TRANSLATION=NO_ENV)
class TreeTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        organisation = factories.OrganisationFactory(name="Stadt Flensburg")
        for area_number in range(AREAS):
            area = (
                cls.portal.area
                if area_number == 0
                else factories.PartnerAreaPageFactory(
                    parent=cls.portal.knowledge, organisation=organisation
                )
            )
            for _number in range(SOLUTIONS_PER_AREA):
                factories.SolutionPageFactory(
                    parent=area, lead_organisation=organisation
                )
        cls.root = cls.portal.knowledge
        cls.pages = list(tree_translation.subtree(cls.root))
        cls.danish = Locale.objects.get(language_code="da")
        cls.english = Locale.objects.get(language_code="en")
        cls.admin = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "pw"
        )
        UserProfileFactory(user=cls.admin)

    def setUp(self):
        self.client.force_login(self.admin)

    def start(self, *locales: Locale, root: Page | None = None, **extra):
        """The translator's "Translate page tree" form, sent; the job runs at once
        (the immediate task backend) when the request's transaction commits."""
        root = root or self.root
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("knowledge_translate_tree", args=[root.pk]),
                {"locales": [locale.pk for locale in locales], **extra},
            )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        return TreeTranslationJob.objects.latest("pk"), response

    def assert_consistent(self) -> None:
        """Every Danish page hangs below a Danish parent: no orphan in the tree."""
        for page in Page.objects.filter(locale=self.danish):
            parent = page.get_parent()
            if parent.depth > 1:
                self.assertEqual(parent.locale_id, self.danish.pk, page)

    def test_admin__translates_125_pages_in_the_background_and_sees_the_progress(self):
        self.assertEqual(len(self.pages), 1 + AREAS + AREAS * SOLUTIONS_PER_AREA)
        response = self.client.get(
            reverse("knowledge_translate_tree", args=[self.root.pk])
        )
        self.assertContains(response, "(125 pages)")
        self.assertNotContains(response, "machine_translate")  # no engine chosen

        job, response = self.start(self.danish)

        self.assertEqual(
            response.url, reverse("knowledge_tree_translation_job", args=[job.pk])
        )
        self.assertEqual(
            (job.status, job.done, job.total),
            (TreeTranslationJob.Status.DONE, 125, 125),
        )
        versions = danish_versions(self.pages)
        self.assertEqual(len(versions), 125)
        # Drafts until reviewed, below the Danish version of their parent.
        self.assertFalse(any(page.live for page in versions.values()))
        self.assert_consistent()

        page = self.client.get(response.url)
        self.assertContains(page, 'aria-live="polite"')
        self.assertContains(
            page, '<progress id="tree-translation-progress" max="125" value="125"'
        )
        self.assertContains(page, "125 of 125 pages translated (100 %).")
        self.assertContains(page, "Done")
        status = self.client.get(response.url + "?status=1")
        self.assertContains(status, 'data-finished="true"')
        self.assertNotContains(status, "<html")

    def test_failure_halfway__tree_stays_consistent_and_resume_continues(self):
        failing = self.pages[60]
        real_translate_page = tree_translation.translate_page

        def translate_page(page, *args, **kwargs):
            real_translate_page(page, *args, **kwargs)
            if page.pk == failing.pk:  # after the page's translation was written
                raise ConnectionError("Translation service unreachable")

        with mock.patch.object(tree_translation, "translate_page", translate_page):
            job, response = self.start(self.danish)

        self.assertEqual((job.status, job.done), (TreeTranslationJob.Status.FAILED, 60))
        self.assertIn(failing.title, job.error)
        versions = danish_versions(self.pages)
        # The first 60 pages completely, the failing one rolled back, none after.
        self.assertEqual(set(versions), {page.pk for page in self.pages[:60]})
        self.assertFalse(
            Translation.objects.filter(
                source__object_id=failing.translation_key
            ).exists()
        )
        self.assert_consistent()

        page = self.client.get(response.url)
        self.assertContains(page, "60 of 125 pages translated (48 %).")
        self.assertContains(page, "Translation service unreachable")
        self.assertContains(page, "Resume")

        with self.captureOnCommitCallbacks(execute=True):
            resumed = self.client.post(
                reverse("knowledge_tree_translation_resume", args=[job.pk])
            )
        self.assertEqual(resumed.status_code, HTTPStatus.FOUND)
        job.refresh_from_db()
        self.assertEqual(
            (job.status, job.done, job.error), (TreeTranslationJob.Status.DONE, 125, "")
        )
        self.assertEqual(len(danish_versions(self.pages)), 125)
        self.assertEqual(
            Page.objects.filter(locale=self.danish, depth__gt=self.root.depth).count(),
            124,  # nothing twice
        )
        self.assert_consistent()

    def test_rerun__syncs_pages_translated_before_and_leaves_hand_made_versions(self):
        area = self.portal.area
        solutions = list(area.get_children().specific()[:3])
        self.start(self.danish, root=area)
        hand_made = solutions[2].copy_for_translation(self.english, copy_parents=True)
        hand_made.title = "Translated by hand"
        hand_made.save_revision().publish()
        changed = solutions[0]
        changed.title = "Neuer Titel"
        changed.save_revision().publish()

        job, _response = self.start(self.danish, self.english, root=area)

        self.assertEqual(job.status, TreeTranslationJob.Status.DONE)
        self.assertEqual(
            Page.objects.filter(
                locale=self.danish, translation_key=changed.translation_key
            ).count(),
            1,
        )
        danish = changed.get_translation(self.danish)
        self.assertEqual(danish.get_latest_revision_as_object().title, "Neuer Titel")
        hand_made.refresh_from_db()
        self.assertEqual(hand_made.title, "Translated by hand")
        self.assertEqual(
            Page.objects.filter(
                locale=self.english, translation_key=solutions[2].translation_key
            ).count(),
            1,
        )

    def test_machine_translation__fills_the_drafts_with_terms_from_the_term_list(
        self,
    ):
        term_group("solution", de=["Lösung"], da=["løsning"])
        term_group("border region", de=["Grenzregion"], da=["grænseregion"])

        def libretranslate(request):
            # Keeps markup, but loses one placeholder, as engines sometimes do.
            texts = [
                re.sub(
                    r'<span translate="no" data-term="\d+">(Grenzregion)</span>',
                    r"\1",
                    text,
                )
                for text in request.json["q"]
            ]
            return HTTPStatus.OK, {"translatedText": [f"[da] {t}" for t in texts]}

        area = self.portal.area
        with RecordingServer(libretranslate) as server:
            settings = TranslationSettings.load()
            settings.engine = "libretranslate"
            settings.libretranslate_url = server.url
            settings.save()
            form = self.client.get(reverse("knowledge_translate_tree", args=[area.pk]))
            self.assertContains(form, "Machine-translate with LibreTranslate")
            job, response = self.start(self.danish, root=area, machine_translate="on")

        self.assertEqual(job.status, TreeTranslationJob.Status.DONE)
        self.assertEqual(len(server.to("POST", "/translate")), 1 + SOLUTIONS_PER_AREA)
        solution = area.get_children().first()
        danish = solution.get_translation(self.danish)
        self.assertEqual(
            danish.get_latest_revision_as_object().title,
            "[da] " + solution.title.replace("Lösung", "løsning"),
        )
        self.assertTrue(
            StringTranslation.objects.filter(
                locale=self.danish,
                context__object_id=solution.translation_key,
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            ).exists()
        )
        # The teaser's "Grenzregion" came back untranslated: flagged per page.
        self.assertIn(
            f"{solution.title}: Grenzregion → grænseregion",
            job.term_warnings.splitlines(),
        )
        self.assertContains(
            self.client.get(response.url),
            f"{SOLUTIONS_PER_AREA} terms to check",
        )

    def test_database_task_backend__request_returns_at_once_and_a_worker_translates(
        self,
    ):
        area = self.portal.area
        backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        with override_settings(TASKS=backend):
            job, response = self.start(self.danish, root=area)

            self.assertEqual(
                (job.status, job.done), (TreeTranslationJob.Status.QUEUED, 0)
            )
            page = self.client.get(response.url)
            self.assertContains(page, "0 of 31 pages translated (0 %).")
            self.assertContains(page, 'data-finished="false"')
            self.assertContains(page, "data-tree-translation-status=")  # refreshes

            # The worker drops connections between tasks (close_old_connections);
            # inside this test's transaction that would close it for good on
            # PostgreSQL, so the worker keeps the test's connection here.
            with mock.patch(
                "django_tasks_db.management.commands.db_worker.close_old_connections"
            ):
                call_command(
                    "db_worker", batch=True, no_startup_delay=True, verbosity=0
                )

        job.refresh_from_db()
        self.assertEqual((job.status, job.done), (TreeTranslationJob.Status.DONE, 31))
        self.assertEqual(len(danish_versions(tree_translation.subtree(area))), 31)

    def test_user_without_translation_permission__cannot_start_a_tree_translation(
        self,
    ):
        editor = UserFactory(username="plain-editor")
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(editor)
        response = self.client.post(
            reverse("knowledge_translate_tree", args=[self.root.pk]),
            {"locales": [self.danish.pk]},
        )
        # Wagtail turns the refusal into a message on the dashboard.
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertEqual(response.url, reverse("wagtailadmin_home"))
        self.assertFalse(TreeTranslationJob.objects.exists())

    def test_page_menu__offers_translate_page_tree(self):
        response = self.client.get(reverse("wagtailadmin_explore", args=[self.root.pk]))
        self.assertContains(
            response, reverse("knowledge_translate_tree", args=[self.root.pk])
        )
        listing = self.client.get(reverse("knowledge_tree_translation_jobs"))
        self.assertEqual(listing.status_code, HTTPStatus.OK)
        self.assertContains(listing, "No page tree has been translated yet.")
