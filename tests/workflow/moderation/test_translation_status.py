"""Translation drift: a changed original marks its translations outdated, in the
portal (a notice linking to the original) and in the admin's translation status
dashboard, until the translation is synced, translated, reviewed and published."""

from __future__ import annotations

import json
from http import HTTPStatus
from urllib.parse import urlencode

from bs4 import BeautifulSoup
from django.contrib.admin.utils import quote
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationSource,
)

from apps.knowledge.models import Organisation
from apps.knowledge.portal.page_cache import HIT_HEADER
from apps.knowledge.roles import AREA_ROLES
from apps.workflow.groups import setup_roles
from apps.workflow.moderation.translation_status import (
    LanguageVersionState,
    page_groups,
    status_of,
)
from tests.factories import UserFactory
from tests.knowledge import factories as knowledge_factories
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.workflow.admin_actions import act, client_for, submit
from tests.workflow.factories import AuthoritiesFactory
from tests.workflow.moderation.test_translation_review import record_machine_translation

FLENSBURG = AREA_ROLES[0]
DASHBOARD = "workflow_admin:translation_status"
NOTICE = "data-outdated-translation"


def snippet_url(obj, view: str, *args) -> str:
    return reverse(obj.snippet_viewset.get_url_name(view), args=[quote(obj.pk), *args])


def act_on_snippet(client, obj, action: str):
    """Approve or request changes from the snippet's workflow modal."""
    task_state = type(obj).objects.get(pk=obj.pk).current_workflow_task_state
    return client.post(
        snippet_url(obj, "workflow_action", action, task_state.pk),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def localize_translation(source, language_code: str, user) -> Translation:
    """What wagtail-localize's "Translate" does: extract the source, start a draft."""
    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    translation = Translation.objects.create(
        source=translation_source,
        target_locale=Locale.objects.get(language_code=language_code),
    )
    translation.save_target(user=user, publish=False)
    return translation


def type_string(client, translation: Translation, path: str, value: str):
    """What wagtail-localize's editor sends when the translator types one string."""
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    return client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment.pk],
        ),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def sync(client, translation: Translation):
    """Press "Sync translated pages" and confirm, without publishing."""
    return client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id])
    )


def dashboard_cell(client, language: str, **filters) -> dict[str, str]:
    """Status of every row's ``language`` cell: {row title: status value}."""
    response = client.get(reverse(DASHBOARD), {"language": language, **filters})
    assert response.status_code == HTTPStatus.OK
    cells = {}
    for group, row in response.context["rows"]:
        for version in row:
            if version.language_code == language:
                cells[group.title] = str(version.status)
    return cells


class PageDriftTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.portal = cls.authorities.portal
        cls.editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.moderator = UserFactory(moderator=True, area_role=FLENSBURG)
        cls.translator = UserFactory(translator=True)
        cls.danish_reviewer = UserFactory(reviewer=True, language="da")
        cls.english_reviewer = UserFactory(reviewer=True, language="en")
        cls.agency = UserFactory(digitalagentur=True)
        cls.source = SolutionPageFactory(
            draft=True,
            parent=cls.authorities.area(FLENSBURG),
            author=cls.editor,
            portal=cls.portal,
            title="Digitale Dorfkiste",
            teaser="Ein Abholschrank für Einkäufe im Dorf.",
        )
        cls.source.save_revision(user=cls.editor).publish()
        TranslationFactory(page=cls.authorities.area(FLENSBURG), language_code="da")
        TranslationFactory(page=cls.authorities.area(FLENSBURG), language_code="en")
        setup_roles()

    def translate_and_review(self, translation: Translation, title: str) -> Page:
        """The translator types the title and submits; both reviews approve."""
        translator = client_for(self.translator)
        response = type_string(translator, translation, "title", title)
        self.assertIn(response.status_code, {HTTPStatus.CREATED, HTTPStatus.OK})
        page = translation.get_target_instance()
        translator.post(reverse("workflow_admin:submit_translation", args=[page.pk]))
        act(client_for(self.moderator), page, "approve")
        language = translation.target_locale.language_code
        reviewer = self.danish_reviewer if language == "da" else self.english_reviewer
        act(client_for(reviewer), page, "approve")
        page = Page.objects.get(pk=page.pk)
        self.assertTrue(page.live)
        return page

    def change_german_page(self, **changes) -> None:
        """The editor submits a change, the authority's moderator approves it."""
        submit(client_for(self.editor), self.source, **changes)
        act(client_for(self.moderator), self.source, "approve")
        self.source.refresh_from_db()
        self.assertEqual(self.source.teaser, changes["teaser"])

    def test_changed_german_page__danish_outdated_until_updated_and_reviewed(self):
        translation = localize_translation(self.source, "da", self.translator)
        danish = self.translate_and_review(translation, "Digital landsbykasse")
        visitor = client_for(None)
        staff = client_for(self.agency)

        self.assertNotContains(visitor.get(danish.url), NOTICE)
        self.assertEqual(
            dashboard_cell(staff, "da")["Digitale Dorfkiste"],
            LanguageVersionState.REVIEWED,
        )

        self.change_german_page(teaser="Ein Abholschrank mit Kühlfach im Dorf.")

        portal = visitor.get(danish.url)
        self.assertContains(portal, NOTICE)
        self.assertContains(portal, 'role="note"')
        self.assertContains(
            portal, f'href="{self.source.url}" hreflang="de"', html=False
        )
        self.assertContains(portal, "Digital landsbykasse")
        self.assertEqual(
            dashboard_cell(staff, "da", status="outdated"),
            {"Digitale Dorfkiste": LanguageVersionState.OUTDATED},
        )
        # The German original itself carries no notice.
        self.assertNotContains(visitor.get(self.source.url), NOTICE)

        # Synced but not yet translated and reviewed: still outdated.
        translator = client_for(self.translator)
        self.assertEqual(sync(translator, translation).status_code, HTTPStatus.FOUND)
        self.assertContains(visitor.get(danish.url), NOTICE)
        self.assertEqual(status_of(danish).status, LanguageVersionState.OUTDATED)

        type_string(
            translator, translation, "teaser", "Et afhentningsskab med køl i landsbyen."
        )
        self.translate_and_review(translation, "Digital landsbykasse")

        portal = visitor.get(danish.url)
        self.assertNotContains(portal, NOTICE)
        self.assertContains(portal, "Et afhentningsskab med køl i landsbyen.")
        self.assertEqual(
            dashboard_cell(staff, "da")["Digitale Dorfkiste"],
            LanguageVersionState.REVIEWED,
        )
        self.assertEqual(dashboard_cell(staff, "da", status="outdated"), {})

    def test_translator__sets_the_danish_slug_in_the_translation_editor(self):
        """wagtail-localize offers the slug as a string to translate (Promote
        tab); what the translator types becomes the Danish address."""
        translation = localize_translation(self.source, "da", self.translator)
        translator = client_for(self.translator)
        danish = translation.get_target_instance()
        editor = translator.get(reverse("wagtailadmin_pages:edit", args=[danish.pk]))
        self.assertEqual(editor.status_code, HTTPStatus.OK)
        props = json.loads(
            BeautifulSoup(editor.content, "html.parser").select_one(
                ".js-translation-editor"
            )["data-props"]
        )
        slug = next(s for s in props["segments"] if s.get("contentPath") == "slug")
        self.assertEqual(slug["source"], "digitale-dorfkiste")
        self.assertEqual(slug["location"]["tab"], "promote")

        response = type_string(translator, translation, "slug", "digital-landsbykasse")
        self.assertIn(response.status_code, {HTTPStatus.CREATED, HTTPStatus.OK})
        danish = self.translate_and_review(translation, "Digital landsbykasse")

        self.assertEqual(danish.slug, "digital-landsbykasse")
        self.assertTrue(danish.url.endswith("/digital-landsbykasse/"), danish.url)
        self.assertContains(client_for(None).get(danish.url), "Digital landsbykasse")

    def test_synced_danish_translation_in_review__outdated_not_reviewed(self):
        """The Danish version was reviewed, the German one changed, the translator
        synced, wrote the new strings and submitted them: until the Danish reviewer
        approves, the version is outdated, not reviewed."""
        translation = localize_translation(self.source, "da", self.translator)
        danish = self.translate_and_review(translation, "Digital landsbykasse")
        self.change_german_page(teaser="Ein Abholschrank mit Kühlfach im Dorf.")
        translator = client_for(self.translator)
        self.assertEqual(sync(translator, translation).status_code, HTTPStatus.FOUND)
        type_string(
            translator, translation, "teaser", "Et afhentningsskab med køl i landsbyen."
        )
        translator.post(reverse("workflow_admin:submit_translation", args=[danish.pk]))
        # The authority approved; the Danish reviewer has not decided yet.
        act(client_for(self.moderator), danish, "approve")
        danish = Page.objects.get(pk=danish.pk)
        self.assertTrue(danish.has_unpublished_changes)
        staff = client_for(self.agency)

        self.assertEqual(
            dashboard_cell(staff, "da")["Digitale Dorfkiste"],
            LanguageVersionState.OUTDATED,
        )
        self.assertEqual(status_of(danish).status, LanguageVersionState.OUTDATED)
        self.assertContains(client_for(None).get(danish.url), NOTICE)

    def test_outdated_notice__in_the_visitors_language_with_the_original_linked(self):
        translation = localize_translation(self.source, "en", self.translator)
        english = self.translate_and_review(translation, "Digital village box")
        self.change_german_page(teaser="Ein Abholschrank mit Kühlfach im Dorf.")

        portal = client_for(None).get(english.url)

        self.assertContains(
            portal, "This version is older than the original (German) version."
        )
        self.assertContains(portal, 'hreflang="de"')
        self.assertContains(portal, '<span lang="de">Deutsch</span>', html=True)

    def test_dashboard__missing_draft_machine_and_reviewed_states(self):
        staff = client_for(self.agency)
        self.assertEqual(dashboard_cell(staff, "da")["Digitale Dorfkiste"], "missing")
        translate_url = reverse(
            "wagtail_localize:submit_page_translation", args=[self.source.pk]
        )
        dashboard = reverse(DASHBOARD) + "?language=da"
        self.assertContains(client_for(self.translator).get(dashboard), translate_url)
        # Editors see the gap but cannot start wagtail-localize's translation.
        self.assertNotContains(client_for(self.editor).get(dashboard), translate_url)

        translation = localize_translation(self.source, "da", self.translator)
        self.assertEqual(dashboard_cell(staff, "da")["Digitale Dorfkiste"], "draft")

        danish = translation.get_target_instance()
        record_machine_translation(self.source, danish.locale)
        # An administrator publishes the machine translation without review.
        with self.captureOnCommitCallbacks(execute=True):
            translation.save_target(user=self.translator, publish=True)
        self.assertEqual(dashboard_cell(staff, "da")["Digitale Dorfkiste"], "machine")
        self.assertEqual(
            dashboard_cell(staff, "da", status="machine"),
            {"Digitale Dorfkiste": "machine"},
        )

        self.translate_and_review(translation, "Digital landsbykasse")
        self.assertEqual(dashboard_cell(staff, "da")["Digitale Dorfkiste"], "reviewed")
        # English was never translated.
        self.assertEqual(dashboard_cell(staff, "en")["Digitale Dorfkiste"], "missing")

    def test_dashboard__counts_per_language_and_status(self):
        localize_translation(self.source, "da", self.translator)

        response = client_for(self.agency).get(reverse(DASHBOARD))

        self.assertContains(
            response,
            '<a href="?language=da&amp;status=draft" '
            'data-status-count="da-draft">1</a>',
            html=True,
        )
        self.assertContains(response, "Number of translations per language and status")
        self.assertContains(response, "pages and snippets</caption>")
        self.assertContains(response, 'scope="col"')
        self.assertContains(response, 'scope="row"')

    def test_hand_made_translation__outdated_when_original_published_later(self):
        danish = TranslationFactory(page=self.source, language_code="da")
        self.assertEqual(status_of(danish).status, LanguageVersionState.UNREVIEWED)

        self.change_german_page(teaser="Ein Abholschrank mit Kühlfach im Dorf.")

        self.assertEqual(status_of(danish).status, LanguageVersionState.OUTDATED)
        self.assertContains(client_for(None).get(danish.url), NOTICE)

    def test_outdated_notice__not_hidden_by_the_anonymous_page_cache(self):
        danish = TranslationFactory(page=self.source, language_code="da")
        visitor = client_for(None)
        with self.settings(PORTAL_CACHE_SECONDS=600):
            cache.clear()
            visitor.get(danish.url)
            cached = visitor.get(danish.url)
            self.assertEqual(cached.headers.get(HIT_HEADER), "hit")
            self.assertNotContains(cached, NOTICE)

            with self.captureOnCommitCallbacks(execute=True):
                self.change_german_page(teaser="Ein Abholschrank mit Kühlfach.")

            self.assertContains(visitor.get(danish.url), NOTICE)
        cache.clear()

    def test_dashboard__open_to_editorial_roles_only(self):
        url = reverse(DASHBOARD)
        for user in (self.editor, self.translator, self.danish_reviewer, self.agency):
            with self.subTest(user=user.username):
                response = client_for(user).get(url)
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertContains(response, url)  # the menu entry
        outsider = UserFactory(username="no-role")
        response = client_for(outsider).get(url)
        self.assertNotEqual(response.status_code, HTTPStatus.OK)
        self.assertNotEqual(
            client_for(self.editor).get(reverse("wagtailadmin_home")).status_code,
            HTTPStatus.FORBIDDEN,
        )

    def test_status__computed_in_fixed_number_of_queries(self):
        TranslationFactory(page=self.source, language_code="da")
        with CaptureQueriesContext(connection) as few:
            page_groups()
        for number in range(5):
            page = SolutionPageFactory(
                draft=True,
                parent=self.authorities.area(FLENSBURG),
                author=self.editor,
                portal=self.portal,
                title=f"Lösung {number}",
                slug=f"loesung-{number}",
            )
            page.save_revision(user=self.editor).publish()
            TranslationFactory(page=page, language_code="da")

        with self.assertNumQueries(len(few.captured_queries)):
            groups = page_groups()
        unreviewed = {
            group.title
            for group in groups
            if group.versions["da"].status == LanguageVersionState.UNREVIEWED
        }
        self.assertLessEqual({f"Lösung {n}" for n in range(5)}, unreviewed)


class SnippetDriftTests(TestCase):
    """An organisation translated in wagtail-localize and signed off, then changed."""

    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.portal = cls.authorities.portal
        cls.agency = UserFactory(digitalagentur=True)
        cls.translator = UserFactory(translator=True)
        cls.danish_reviewer = UserFactory(reviewer=True, language="da")
        cls.admin = UserFactory(username="admin", is_superuser=True)
        cls.organisation = knowledge_factories.OrganisationFactory(
            name="Stadtwerke Flensburg",
            slug="stadtwerke-flensburg",
            description="Energie und Wasser für Flensburg.",
        )
        cls.organisation.save_revision(user=cls.admin).publish(user=cls.admin)
        cls.danish_directory = TranslationFactory(
            page=cls.portal.directory, language_code="da"
        )
        setup_roles()

    def translation(self) -> Translation:
        return Translation.objects.get(
            source__object_id=self.organisation.translation_key,
            target_locale__language_code="da",
        )

    def translate_and_review(self, path: str, value: str) -> Organisation:
        """Type a string in wagtail-localize, "Publish" (submits it for review),
        and the Danish reviewer approves."""
        type_string(client_for(self.translator), self.translation(), path, value)
        danish = Organisation.objects.get(
            translation_key=self.organisation.translation_key,
            locale__language_code="da",
        )
        client_for(self.translator).post(
            snippet_url(danish, "edit"), {"action": "publish"}
        )
        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")
        danish.refresh_from_db()
        self.assertTrue(danish.live)
        return danish

    def edit_german_organisation(self, **changes):
        """An administrator edits the German organisation and publishes it."""
        data = {
            "name": self.organisation.name,
            "slug": self.organisation.slug,
            "kind": self.organisation.kind,
            "country": self.organisation.country,
            "owner": self.organisation.owner,
            "description": self.organisation.description,
            "website": "",
            "logo": "",
            "action-publish": "action-publish",
            **changes,
        }
        response = client_for(self.admin).post(
            snippet_url(self.organisation, "edit"), data
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)

    def test_changed_organisation__danish_version_outdated_until_updated(self):
        response = client_for(self.translator).post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["knowledge", "organisation", self.organisation.pk],
            ),
            {"locales": [Locale.objects.get(language_code="da").pk]},
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        staff = client_for(self.agency)
        self.assertEqual(
            dashboard_cell(staff, "da", kind="snippets")["Stadtwerke Flensburg"],
            "draft",
        )
        danish = self.translate_and_review("description", "Energi og vand.")
        danish_url = self.danish_directory.specific.organisation_url(danish)
        self.assertEqual(
            dashboard_cell(staff, "da", kind="snippets")["Stadtwerke Flensburg"],
            "reviewed",
        )

        # Saving without a change does not make the translation outdated.
        self.edit_german_organisation()
        self.assertEqual(status_of(danish).status, LanguageVersionState.REVIEWED)

        self.edit_german_organisation(description="Energie, Wasser und Wärme.")

        self.assertEqual(
            dashboard_cell(staff, "da", kind="snippets", status="outdated"),
            {"Stadtwerke Flensburg": "outdated"},
        )
        portal = client_for(None).get(danish_url)
        self.assertContains(portal, NOTICE)
        german_url = self.portal.directory.specific.organisation_url(self.organisation)
        self.assertContains(portal, f'href="{german_url}" hreflang="de"')

        sync(client_for(self.translator), self.translation())
        self.translate_and_review("description", "Energi, vand og varme.")

        self.assertEqual(status_of(danish).status, LanguageVersionState.REVIEWED)
        portal = client_for(None).get(danish_url)
        self.assertNotContains(portal, NOTICE)
        self.assertContains(portal, "Energi, vand og varme.")
