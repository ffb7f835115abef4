"""Snippet translations go through moderation: a reviewer of the language approves.

A translator translates an organisation into Danish with wagtail-localize and
presses its "Publish"; the Danish version stays a draft (the portal shows the
German one) until a Danish translation reviewer approves it in the admin.
"""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, TaskState
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
)

from apps.knowledge.choices import Country, OrganisationKind
from apps.knowledge.models import Organisation, SolutionContact
from apps.knowledge.roles import AREA_ROLES
from apps.workflow.groups import setup_roles
from apps.workflow.models import TranslationReviewTask, TranslationSignOff
from tests.factories import UserFactory
from tests.knowledge import factories
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.workflow.admin_actions import client_for
from tests.workflow.factories import AuthoritiesFactory

FLENSBURG = AREA_ROLES[0]
GERMAN_NAME = "Stadtwerke Flensburg"
DANISH_NAME = "Flensborg Forsyning"


def snippet_url(obj, view: str, *args) -> str:
    return reverse(obj.snippet_viewset.get_url_name(view), args=[quote(obj.pk), *args])


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def act_on_snippet(client, obj, action: str, comment: str = ""):
    """Approve or request changes from the action's modal, as the admin does."""
    task_state = fresh(obj).current_workflow_task_state
    return client.post(
        snippet_url(obj, "workflow_action", action, task_state.pk),
        {"comment": comment},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


class SnippetTranslationReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.portal = cls.authorities.portal
        cls.translator = UserFactory(translator=True)
        cls.danish_reviewer = UserFactory(reviewer=True, language="da")
        cls.english_reviewer = UserFactory(reviewer=True, language="en")
        cls.editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.source = factories.OrganisationFactory(
            name=GERMAN_NAME,
            slug="stadtwerke-flensburg",
            kind=OrganisationKind.COMPANY,
            country=Country.GERMANY,
        )
        cls.source.save_revision(user=cls.editor).publish()
        cls.danish_directory = TranslationFactory(
            page=cls.portal.directory, language_code="da"
        )
        setup_roles()
        cls.danish = Locale.objects.get(language_code="da")

    # What the translator does in wagtail-localize ----------------------------

    def translate_with_localize(self, name: str = DANISH_NAME, machine: bool = False):
        """Press "Translate" for Danish and type the name in the localize editor."""
        client = client_for(self.translator)
        response = client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["knowledge", "organisation", self.source.pk],
            ),
            {"locales": [self.danish.pk]},
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.type_name(name, machine=machine)
        return self.source.get_translation(self.danish)

    def type_name(self, name: str, machine: bool = False) -> None:
        """Type the Danish name into wagtail-localize's editor."""
        client = client_for(self.translator)
        translation = Translation.objects.get(
            source__object_id=self.source.translation_key,
            target_locale=self.danish,
        )
        segment = StringSegment.objects.get(
            source=translation.source, context__path="name"
        )
        response = client.put(
            reverse(
                "wagtail_localize:edit_string_translation",
                args=[translation.pk, segment.pk],
            ),
            urlencode({"value": name}),
            content_type="application/x-www-form-urlencoded",
        )
        # Created the first time, changed afterwards.
        self.assertIn(response.status_code, {HTTPStatus.CREATED, HTTPStatus.OK})
        if machine:
            StringTranslation.objects.filter(
                translation_of=segment.string, locale=self.danish
            ).update(
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                tool_name="DeepL",
            )

    def publish_in_localize(self, danish: Organisation):
        """Press "Publish in Dansk" in wagtail-localize's translation editor."""
        return client_for(self.translator).post(
            snippet_url(danish, "edit"), {"action": "publish"}
        )

    def danish_directory_page(self):
        return self.client.get(
            self.danish_directory.url, headers={"accept-language": "da"}
        )

    # Scenarios ---------------------------------------------------------------

    def test_translation__not_live_until_reviewer_of_its_language_approves(self):
        danish = self.translate_with_localize()
        response = self.publish_in_localize(danish)

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        danish = fresh(danish)
        self.assertFalse(danish.live)
        self.assertTrue(danish.workflow_in_progress)
        self.assertIsInstance(
            danish.current_workflow_task.specific, TranslationReviewTask
        )
        # The Danish portal shows the German version meanwhile.
        directory = self.danish_directory_page()
        self.assertContains(directory, GERMAN_NAME)
        self.assertNotContains(directory, DANISH_NAME)

        refused = act_on_snippet(client_for(self.english_reviewer), danish, "approve")
        self.assertEqual(refused.status_code, HTTPStatus.FORBIDDEN)
        self.assertFalse(fresh(danish).live)

        act_on_snippet(client_for(self.danish_reviewer), danish, "approve", "Fint.")

        danish = fresh(danish)
        self.assertTrue(danish.live)
        self.assertEqual(danish.name, DANISH_NAME)
        directory = self.danish_directory_page()
        self.assertContains(directory, DANISH_NAME)
        self.assertNotContains(directory, GERMAN_NAME)

    def test_draft_translation__not_in_open_data_api_or_organisation_page(self):
        danish = self.translate_with_localize()
        self.publish_in_localize(danish)

        api = self.client.get(
            reverse("knowledge_api:organisations:listing"), {"locale": "da"}
        )
        self.assertEqual(api.status_code, HTTPStatus.OK)
        self.assertNotContains(api, DANISH_NAME)
        page = self.client.get(
            self.danish_directory.specific.organisation_url(fresh(danish))
        )
        self.assertNotContains(page, DANISH_NAME, status_code=page.status_code)

        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")

        api = self.client.get(
            reverse("knowledge_api:organisations:listing"), {"locale": "da"}
        )
        self.assertContains(api, DANISH_NAME)

    def test_reviewer_queue__shows_snippet_translation_only_to_its_language(self):
        danish = self.translate_with_localize()
        self.publish_in_localize(danish)
        home = reverse("wagtailadmin_home")

        self.assertContains(client_for(self.danish_reviewer).get(home), DANISH_NAME)
        self.assertNotContains(client_for(self.english_reviewer).get(home), DANISH_NAME)

    def test_sign_off__shows_who_and_when_in_the_snippet_editor(self):
        danish = self.translate_with_localize()
        self.publish_in_localize(danish)
        edit = client_for(self.danish_reviewer).get(snippet_url(danish, "edit"))
        self.assertContains(edit, "Not yet signed off by a reviewer of Danish")

        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")

        sign_off = TranslationSignOff.objects.for_object(danish).get()
        self.assertEqual(sign_off.signed_off_by, self.danish_reviewer)
        self.assertIsNotNone(sign_off.signed_off_at)
        self.assertEqual(sign_off.locale, self.danish)
        self.assertIsNone(sign_off.page)
        # The localize editor replaces the form; the snippet listing shows it too.
        edit = client_for(self.danish_reviewer).get(snippet_url(danish, "edit"))
        self.assertEqual(edit.status_code, HTTPStatus.OK)
        report = client_for(self.danish_reviewer).get(
            reverse("workflow_admin:translation_sign_offs")
        )
        self.assertContains(report, DANISH_NAME)
        self.assertContains(report, "reviewer-da")

    def test_machine_translation__flagged_until_signed_off(self):
        danish = self.translate_with_localize(machine=True)
        self.publish_in_localize(danish)
        listing = reverse(danish.snippet_viewset.get_url_name("list"))

        self.assertContains(
            client_for(self.danish_reviewer).get(listing, {"locale": "da"}),
            "Machine-translated, not yet reviewed",
        )

        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")

        response = client_for(self.danish_reviewer).get(listing, {"locale": "da"})
        self.assertNotContains(response, "Machine-translated, not yet reviewed")
        self.assertContains(response, "Signed off by reviewer-da")
        self.assertContains(response, "(machine-translated)")

    def test_live_translation__stays_live_with_reviewed_text_while_update_is_reviewed(
        self,
    ):
        danish = self.translate_with_localize()
        self.publish_in_localize(danish)
        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")

        self.type_name("Flensborg Forsyning A/S")
        self.publish_in_localize(danish)

        danish = fresh(danish)
        self.assertTrue(danish.live)
        self.assertEqual(danish.name, DANISH_NAME)
        self.assertTrue(danish.workflow_in_progress)
        self.assertContains(self.danish_directory_page(), DANISH_NAME)
        self.assertNotContains(self.danish_directory_page(), "A/S")

        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")

        self.assertEqual(fresh(danish).name, "Flensborg Forsyning A/S")

    def test_translator_in_snippet_editor__submits_a_translation_for_review(self):
        # Translators no longer have "Publish" (apps.knowledge.roles): they submit.
        danish = self.source.copy_for_translation(self.danish)
        danish.live = False
        danish.save()
        client = client_for(self.translator)

        response = client.post(
            snippet_url(danish, "edit"),
            {
                "name": DANISH_NAME,
                "slug": "flensborg-forsyning",
                "kind": OrganisationKind.COMPANY,
                "country": Country.GERMANY,
                "description": "",
                "website": "",
                "action-submit": "action-submit",
            },
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        danish = fresh(danish)
        self.assertFalse(danish.live)
        self.assertTrue(danish.workflow_in_progress)
        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")
        self.assertTrue(fresh(danish).live)
        self.assertEqual(fresh(danish).name, DANISH_NAME)
        # Not kept in sync by wagtail-localize: Wagtail's editor, with the panel.
        edit = client.get(snippet_url(danish, "edit"))
        self.assertContains(edit, "Signed off by reviewer-da")

    def test_german_organisation__moderator_publishes_directly(self):
        # German records need no translation review; the authority's moderators
        # publish them (editors submit to the owner review, see test_owner_review).
        client = client_for(UserFactory(moderator=True, area_role=FLENSBURG))

        response = client.post(
            reverse(Organisation.snippet_viewset.get_url_name("add")),
            {
                "name": "Kreis Nordfriesland",
                "slug": "",
                "kind": OrganisationKind.DISTRICT,
                "country": Country.GERMANY,
                "description": "",
                "website": "",
                "action-publish": "action-publish",
            },
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        created = Organisation.objects.get(name="Kreis Nordfriesland")
        self.assertTrue(created.live)
        self.assertFalse(created.workflow_in_progress)
        self.assertFalse(
            TaskState.objects.filter(
                workflow_state__object_id=str(created.pk),
                workflow_state__base_content_type__model="organisation",
            ).exists()
        )

    def test_solution_page__names_german_organisation_while_danish_is_reviewed(self):
        danish = self.translate_with_localize()
        self.publish_in_localize(danish)
        german_solution = SolutionPageFactory(
            portal=self.portal,
            title="Digitale Dorfkiste",
            lead_organisation=self.source,
        )
        danish_solution = TranslationFactory(page=german_solution, language_code="da")
        danish_solution.lead_organisation = fresh(danish)
        danish_solution.save_revision().publish()

        response = self.client.get(danish_solution.url)

        self.assertContains(response, GERMAN_NAME)
        self.assertNotContains(response, DANISH_NAME)
        api = self.client.get(
            reverse("knowledge_api:solutions:detail", args=[danish_solution.pk])
        )
        self.assertEqual(api.json()["lead_organisation"]["name"], GERMAN_NAME)
        # Search knows the solution by the name visitors see, not the draft's.
        found = self.client.get("/da/search/", {"q": "Stadtwerke"})
        self.assertContains(found, danish_solution.url)
        hidden = self.client.get("/da/search/", {"q": "Forsyning"})
        self.assertNotContains(hidden, danish_solution.url)

    def test_never_published_organisation__not_shown_on_a_live_solution(self):
        draft = factories.OrganisationFactory(name="Geheimprojekt GmbH", live=False)
        contact = factories.ContactFactory(name="Erika Entwurf", live=False)
        solution = SolutionPageFactory(portal=self.portal, lead_organisation=draft)
        SolutionContact.objects.create(page=solution, contact=contact)

        response = self.client.get(solution.url)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertNotContains(response, "Geheimprojekt")
        self.assertNotContains(response, "Erika Entwurf")

    def test_sync_with_publish_immediately__submits_translation_for_review(self):
        danish = self.translate_with_localize()
        self.publish_in_localize(danish)
        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")
        self.source.description = "Strom, Wärme und Wasser für Flensburg."
        self.source.save_revision(user=self.editor).publish()
        translation = Translation.objects.get(
            source__object_id=self.source.translation_key, target_locale=self.danish
        )

        response = client_for(self.translator).post(
            reverse(
                "wagtail_localize:update_translations", args=[translation.source_id]
            ),
            {"publish_translations": "on"},
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        danish = fresh(danish)
        self.assertTrue(danish.live)
        self.assertEqual(danish.description, "")
        self.assertTrue(danish.workflow_in_progress)
        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")
        self.assertIn("Flensburg", fresh(danish).description)

    def test_deleted_translation__leaves_no_sign_off_in_the_report(self):
        danish = self.translate_with_localize()
        self.publish_in_localize(danish)
        act_on_snippet(client_for(self.danish_reviewer), danish, "approve")
        self.assertTrue(TranslationSignOff.objects.for_object(danish).exists())

        Organisation.objects.filter(pk=danish.pk).delete()

        self.assertFalse(TranslationSignOff.objects.for_object(danish).exists())
        report = client_for(self.danish_reviewer).get(
            reverse("workflow_admin:translation_sign_offs")
        )
        self.assertEqual(report.status_code, HTTPStatus.OK)
