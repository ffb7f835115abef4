"""GDPR from the admin: export a contact's data (art. 15) and erase it (art. 17)
without leaving a broken page behind."""

from __future__ import annotations

import json
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import Locale, ModelLogEntry, Revision
from wagtail.search.models import IndexEntry
from wagtail.test.utils import WagtailTestUtils
from wagtail_localize.models import String, TranslationSource
from wagtail_localize.operations import TranslationCreator

from apps.knowledge.models import Contact, SolutionContact, SolutionPage
from apps.knowledge.roles import AREA_ROLES, DIGITALAGENTUR_GROUP
from apps.workflow.groups import setup_roles
from tests.factories import UserProfileFactory
from tests.knowledge.factories import (
    OpenDataPortalFactory,
    TranslationFactory,
    published,
)

NAMESPACE = "wagtailsnippets_knowledge_contact"


def admin_url(name: str, contact: Contact) -> str:
    return reverse(f"{NAMESPACE}:{name}", args=[contact.pk])


class GDPRTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()
        cls.hanna = cls.data.full
        # English versions of the page and of the contact through wagtail-localize.
        cls.english = Locale.objects.get(language_code="en")
        TranslationFactory(page=cls.data.portal.area, language_code="en")
        TranslationFactory(page=cls.data.portal.directory, language_code="en")
        creator = TranslationCreator(user=None, target_locales=[cls.english])
        with cls.captureOnCommitCallbacks(execute=True):
            creator.create_translations(cls.data.mobility)
            creator.create_translations(cls.hanna)
        cls.hanna_en = cls.hanna.get_translation(cls.english)
        # The English page lists her English version.
        mobility_en = cls.data.mobility.get_translation(cls.english)
        SolutionContact.objects.filter(page=mobility_en, contact=cls.hanna).update(
            contact=cls.hanna_en
        )
        cls.mobility_en = published(mobility_en)
        # A draft of another solution that lists her but is not published yet.
        care = SolutionPage.objects.get(pk=cls.data.care.pk)
        care.contacts = [SolutionContact(contact=cls.hanna)]
        care.save_revision()
        log(cls.hanna, "wagtail.edit")
        cls.admin = cls.create_superuser("admin")
        UserProfileFactory(user=cls.admin)

    def setUp(self):
        self.client.force_login(self.admin)

    def pages_listing_hanna(self) -> list[str]:
        return [
            self.data.mobility.url,
            self.data.mobility_da.url,
            self.mobility_en.url,
            self.data.portal.directory.url,
            self.data.portal.directory.specific.organisation_url(self.data.flensburg),
        ]

    def test_listing_and_edit_view__offer_export_and_erase(self):
        listing = self.client.get(reverse(f"{NAMESPACE}:list"))
        edit = self.client.get(admin_url("edit", self.hanna))

        for response in (listing, edit):
            self.assertContains(response, admin_url("gdpr_export", self.hanna))
            self.assertContains(response, admin_url("gdpr_erase", self.hanna))
        self.assertContains(edit, "Export personal data")

    def test_export__every_field_of_every_language_and_where_used(self):
        response = self.client.get(admin_url("gdpr_export", self.hanna))

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertIn("attachment", response["Content-Disposition"])
        data = json.loads(response.content)
        versions = {v["language"]: v for v in data["language_versions"]}
        self.assertEqual(set(versions), {"de", "en"})
        self.assertEqual(versions["de"]["email"], "hanna.petersen@example.org")
        self.assertEqual(versions["de"]["phone"], "+49 461 000 1101")
        self.assertEqual(versions["de"]["consent"], "full")
        self.assertEqual(versions["de"]["languages"], ["de", "da"])
        used_on = {(page["title"], page["language"]) for page in data["used_on"]}
        self.assertEqual(
            used_on,
            {
                ("Mobilitätsstationen", "de"),
                ("Mobilitetsstationer", "da"),
                (self.mobility_en.title, "en"),
                ("Pflege digital", "de"),  # only in a draft
            },
        )
        self.assertIn("wagtail.edit", [entry["action"] for entry in data["history"]])
        self.assertTrue(
            ModelLogEntry.objects.filter(
                action="knowledge.contact_exported", object_id=str(self.hanna.pk)
            ).exists()
        )

    def test_erase__confirmation_lists_the_pages(self):
        response = self.client.get(admin_url("gdpr_erase", self.hanna))

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "Mobilitätsstationen")
        self.assertContains(response, "Pflege digital")
        self.assertTrue(Contact.objects.filter(pk=self.hanna.pk).exists())

    def test_erase__confirmation_names_the_person_in_the_browser_title(self):
        response = self.client.get(admin_url("gdpr_erase", self.hanna))

        title = parse_html_title(response.content.decode())
        self.assertTrue(title.startswith("Erase personal data: "), title)
        self.assertIn(self.hanna.name, title)

    def test_erase__pages_still_render_without_the_person(self):
        urls = self.pages_listing_hanna()
        for url in urls:
            self.assertContains(self.client.get(url), "Hanna Petersen")

        response = self.client.post(admin_url("gdpr_erase", self.hanna))

        self.assertRedirects(response, reverse(f"{NAMESPACE}:list"))
        self.assertFalse(
            Contact.objects.filter(translation_key=self.hanna.translation_key).exists()
        )
        self.client.logout()
        for url in urls:
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertEqual(page.status_code, HTTPStatus.OK)
                self.assertNotContains(page, "Hanna Petersen")
                self.assertNotContains(page, "hanna.petersen@example.org")
                # The other contacts stay.
                self.assertContains(page, "Sachbearbeitung")

    def test_erase__no_copy_left_in_drafts_history_or_translation_records(self):
        erased = {self.hanna.pk, self.hanna_en.pk}
        search_entries = IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Contact),
            object_id__in=[str(pk) for pk in erased],
        )
        self.assertTrue(search_entries.exists())

        self.client.post(admin_url("gdpr_erase", self.hanna))

        for revision in Revision.objects.all():
            contacts = revision.content.get("contacts", [])
            self.assertFalse({item["contact"] for item in contacts} & erased)
        for source in TranslationSource.objects.all():
            self.assertNotIn("Hanna Petersen", source.content_json)
            contacts = json.loads(source.content_json).get("contacts", [])
            self.assertFalse({item["contact"] for item in contacts} & erased)
        self.assertFalse(String.objects.filter(data__contains="Hanna").exists())
        self.assertFalse(ModelLogEntry.objects.filter(label__contains="Hanna").exists())
        self.assertTrue(
            ModelLogEntry.objects.filter(action="knowledge.contact_erased").exists()
        )
        self.assertFalse(search_entries.exists())

    def test_erase__draft_can_still_be_published(self):
        self.client.post(admin_url("gdpr_erase", self.hanna))

        care = SolutionPage.objects.get(pk=self.data.care.pk)
        care.get_latest_revision().publish()

        response = self.client.get(care.url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertNotContains(response, "Hanna Petersen")

    def test_erase__the_api_and_downloads_no_longer_know_the_person(self):
        self.client.post(admin_url("gdpr_erase", self.hanna))

        api = self.client.get("/api/v2/contacts/")
        csv = self.client.get("/opendata/de/solutions.csv")

        self.assertNotIn("Hanna", api.content.decode())
        self.assertNotIn("Hanna", csv.content.decode("utf-8-sig"))


class GDPRPermissionTests(WagtailTestUtils, TestCase):
    """Exporting a person's data needs its own permission, not just editing."""

    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()
        editing = [
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_contact"),
            Permission.objects.get(codename="change_contact"),
        ]
        editors = Group.objects.create(name="Contact editors")
        editors.permissions.add(*editing)
        cls.editor = get_user_model().objects.create_user("editor", password="pw")
        cls.editor.groups.add(editors)
        officers = Group.objects.create(name="Data protection")
        officers.permissions.add(
            *editing,
            Permission.objects.get(
                content_type__app_label="knowledge", codename="export_contact"
            ),
        )
        cls.officer = get_user_model().objects.create_user("officer", password="pw")
        cls.officer.groups.add(officers)
        # The contacts belong to the first authority, whose editors these people
        # are: the export permission is the only difference between them.
        Contact.objects.update(owner=AREA_ROLES[0].area_slug)
        authority, _created = Group.objects.get_or_create(name=AREA_ROLES[0].editors)
        for user in (cls.editor, cls.officer):
            user.groups.add(authority)

    def export_and_screens(self, user, contact: Contact):
        self.client.force_login(user)
        return (
            self.client.get(admin_url("gdpr_export", contact)),
            self.client.get(admin_url("edit", contact)),
            self.client.get(reverse(f"{NAMESPACE}:list")),
        )

    def test_editor_without_export_permission__is_refused_and_sees_no_button(self):
        contact = self.data.full

        export, edit, listing = self.export_and_screens(self.editor, contact)

        # Wagtail answers a refused admin action with a redirect to the dashboard.
        self.assertRedirects(
            export, reverse("wagtailadmin_home"), fetch_redirect_response=False
        )
        self.assertNotIn("Content-Disposition", export)
        self.assertFalse(
            ModelLogEntry.objects.filter(action="knowledge.contact_exported").exists()
        )
        self.assertEqual(edit.status_code, HTTPStatus.OK)
        for screen in (edit, listing):
            self.assertNotContains(screen, admin_url("gdpr_export", contact))
            self.assertNotContains(screen, "Export personal data")

    def test_user_with_export_permission__downloads_and_sees_button(self):
        contact = self.data.full

        export, edit, listing = self.export_and_screens(self.officer, contact)

        self.assertEqual(export.status_code, HTTPStatus.OK)
        self.assertIn("attachment", export["Content-Disposition"])
        self.assertEqual(
            json.loads(export.content)["language_versions"][0]["name"], contact.name
        )
        for screen in (edit, listing):
            self.assertContains(screen, admin_url("gdpr_export", contact))

    def test_user_with_export_permission_but_no_delete__cannot_erase(self):
        contact = self.data.full
        self.client.force_login(self.officer)

        erase = self.client.post(admin_url("gdpr_erase", contact))
        edit = self.client.get(admin_url("edit", contact))

        self.assertRedirects(
            erase, reverse("wagtailadmin_home"), fetch_redirect_response=False
        )
        self.assertTrue(Contact.objects.filter(pk=contact.pk).exists())
        self.assertNotContains(edit, admin_url("gdpr_erase", contact))

    def test_setup_roles__only_the_digitalagentur_may_export(self):
        setup_roles()
        digitalagentur = get_user_model().objects.create_user("agency")
        digitalagentur.groups.add(Group.objects.get(name=DIGITALAGENTUR_GROUP))
        area_editor = get_user_model().objects.create_user("area-editor")
        area_editor.groups.add(Group.objects.get(name=AREA_ROLES[0].editors))
        contact = self.data.full

        agency_export, _edit, _listing = self.export_and_screens(
            digitalagentur, contact
        )
        editor_export, editor_edit, _listing = self.export_and_screens(
            area_editor, contact
        )

        self.assertEqual(agency_export.status_code, HTTPStatus.OK)
        self.assertEqual(editor_edit.status_code, HTTPStatus.OK)  # may edit
        self.assertNotContains(editor_edit, admin_url("gdpr_export", contact))
        self.assertRedirects(
            editor_export, reverse("wagtailadmin_home"), fetch_redirect_response=False
        )

    def test_anonymous__cannot_export(self):
        response = self.client.get(admin_url("gdpr_export", self.data.full))

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])


def parse_html_title(html: str) -> str:
    """The text of the page's <title>, whitespace folded."""
    start = html.index("<title>") + len("<title>")
    return " ".join(html[start : html.index("</title>")].split())
