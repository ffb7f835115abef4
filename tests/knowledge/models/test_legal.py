"""The legal pages: created by editors under a home page only, translated into
de, da and en, and rendered with what the law asks them to say."""

from __future__ import annotations

from http import HTTPStatus

from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from apps.knowledge.models import (
    AccessibilityStatementPage,
    LegalNoticePage,
    PrivacyNoticePage,
)
from tests.factories import UserProfileFactory
from tests.knowledge.factories import (
    AccessibilityStatementPageFactory,
    LegalNoticePageFactory,
    PortalFactory,
    PrivacyNoticePageFactory,
    TranslationFactory,
)

LANGUAGES = ("de", "da", "en")


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


class LegalPagesAdminTests(WagtailPageTestCase):
    """An editor creates each legal page under the home page in the admin."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()

    def setUp(self):
        UserProfileFactory(user=self.login())

    def test_legal_notice__created_in_the_admin(self):
        self.assertCanCreate(
            self.portal.home,
            LegalNoticePage,
            nested_form_data(
                {
                    "title": "Impressum",
                    "slug": "impressum",
                    "intro": rich_text(""),
                    "provider": "Digitalagentur\nMusterstraße 1\n24937 Flensburg",
                    "represented_by": "",
                    "email": "kontakt@digitalagentur.example",
                    "phone": "",
                    "supervisory_authority": "",
                    "register_entry": "",
                    "vat_id": "",
                    "responsible_for_content": "Redaktion",
                    "body": rich_text(""),
                }
            ),
        )

    def test_privacy_notice__created_in_the_admin(self):
        self.assertCanCreate(
            self.portal.home,
            PrivacyNoticePage,
            nested_form_data(
                {
                    "title": "Datenschutz",
                    "slug": "datenschutz",
                    "intro": rich_text(""),
                    "controller": "Digitalagentur, Flensburg",
                    "controller_email": "kontakt@digitalagentur.example",
                    "data_protection_officer": "datenschutz@digitalagentur.example",
                    "processing": streamfield(
                        [
                            (
                                "processing",
                                {
                                    "purpose": "Feedback",
                                    "data": "",
                                    "legal_basis": "Art. 6 Abs. 1 lit. c DSGVO",
                                    "recipients": "",
                                    "storage_period": "Ein Jahr",
                                },
                            )
                        ]
                    ),
                    "rights": rich_text("<p>Auskunft, Berichtigung, Löschung</p>"),
                    "supervisory_authority": "ULD, Kiel",
                    "supervisory_authority_url": "",
                    "body": rich_text(""),
                }
            ),
        )

    def test_accessibility_statement__created_in_the_admin(self):
        self.assertCanCreate(
            self.portal.home,
            AccessibilityStatementPage,
            nested_form_data(
                {
                    "title": "Barrierefreiheit",
                    "slug": "barrierefreiheit",
                    "intro": rich_text(""),
                    "compliance_status": "partial",
                    "non_accessible_content": streamfield(
                        [
                            (
                                "barrier",
                                {
                                    "content": "PDF",
                                    "reason": "Ohne Tags",
                                    "alternative": "",
                                },
                            )
                        ]
                    ),
                    "statement_date": "2026-11-30",
                    "reviewed_at": "",
                    "assessment_method": "self",
                    "contact": "barrierefreiheit@digitalagentur.example",
                    "enforcement_body": "Schlichtungsstelle, Kiel",
                    "enforcement_url": "",
                    "enforcement_text": rich_text(""),
                    "danish_statement_url": "",
                    "danish_enforcement_body": "",
                    "danish_enforcement_url": "",
                    "body": rich_text(""),
                }
            ),
        )

    def test_legal_notice__without_an_address_for_email_is_refused(self):
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=["knowledge", "legalnoticepage", self.portal.home.pk],
        )
        response = self.client.post(
            add_url,
            nested_form_data(
                {
                    "title": "Impressum",
                    "slug": "impressum",
                    "intro": rich_text(""),
                    "provider": "Digitalagentur",
                    "email": "",
                    "responsible_for_content": "",
                    "body": rich_text(""),
                    # Publishing checks every required field (a draft may lack some).
                    "action-publish": "action-publish",
                }
            ),
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(
            set(response.context["form"].errors),
            {"email", "responsible_for_content"},
        )
        self.assertFalse(LegalNoticePage.objects.exists())


class LegalPagesRenderTests(TestCase):
    """Each legal page in German, Danish and English says what the law asks."""

    @classmethod
    def setUpTestData(cls):
        portal = PortalFactory()
        cls.pages = {
            LegalNoticePage: LegalNoticePageFactory(parent=portal.home),
            PrivacyNoticePage: PrivacyNoticePageFactory(parent=portal.home),
            AccessibilityStatementPage: AccessibilityStatementPageFactory(
                parent=portal.home
            ),
        }
        cls.versions = {}
        for model, page in cls.pages.items():
            cls.versions[model, "de"] = page
            for language in LANGUAGES[1:]:
                version = TranslationFactory(page=page, language_code=language)
                version.title = f"{page.title} ({language})"
                version.save_revision().publish()
                cls.versions[model, language] = version

    def render(self, model, language: str) -> str:
        page = self.versions[model, language]
        self.assertTrue(page.url.startswith(f"/{language}/"))
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return response.content.decode()

    def test_legal_notice__names_provider_contact_and_responsible_person(self):
        for language in LANGUAGES:
            html = self.render(LegalNoticePage, language)
            with self.subTest(language=language):
                self.assertIn(f'<html lang="{language}">', html)
                self.assertIn("Musterstraße 1", html)
                self.assertIn('href="mailto:kontakt@digitalagentur.example"', html)
                self.assertIn(_in(language, "Service provider"), html)
                self.assertIn(_in(language, "Responsible for the content"), html)
                self.assertIn("Leitung der Redaktion", html)

    def test_privacy_notice__names_everything_art_13_asks_for(self):
        for language in LANGUAGES:
            html = self.render(PrivacyNoticePage, language)
            with self.subTest(language=language):
                for heading in (
                    "Controller",
                    "Data protection officer",
                    "What we process, why, and for how long",
                    "Legal basis",
                    "Recipients",
                    "Storage period",
                    "Your rights",
                    "Right to lodge a complaint with a supervisory authority",
                ):
                    self.assertIn(_in(language, heading), html)
                self.assertIn("Art. 6 Abs. 1 lit. c DSGVO", html)
                self.assertIn("Ein Jahr nach der Antwort", html)
                self.assertIn("Unabhängiges Landeszentrum für Datenschutz", html)
                self.assertIn('href="https://www.datenschutzzentrum.de/"', html)

    def test_accessibility_statement__status_barriers_feedback_and_enforcement(self):
        for language in LANGUAGES:
            page = self.versions[AccessibilityStatementPage, language]
            html = self.render(AccessibilityStatementPage, language)
            with self.subTest(language=language):
                self.assertIn(
                    _in(
                        language,
                        "This website is partially compliant with the requirements "
                        "of BITV 2.0 and the Landesbehindertengleichstellungsgesetz "
                        "Schleswig-Holstein (LBGG SH), due to the non-compliances "
                        "listed below.",
                    ),
                    html,
                )
                self.assertIn("PDF-Dokumente von Partnern", html)
                self.assertIn('datetime="2026-11-30"', html)
                with translation.override(language):
                    feedback = reverse("feedback")
                self.assertIn(f'href="{feedback}?page={page.url}"', html)
                self.assertIn("Schlichtungsstelle bei der Landesbeauftragten", html)
                self.assertIn('href="https://www.was.digst.dk/"', html)
                self.assertIn("Digitaliseringsstyrelsen", html)

    def test_accessibility_statement__without_danish_part_leaves_it_out(self):
        page = self.pages[AccessibilityStatementPage]
        page.danish_statement_url = ""
        page.danish_enforcement_body = ""
        page.save_revision().publish()

        html = self.client.get(page.url).content.decode()

        self.assertNotIn("was.digst.dk", html)
        self.assertNotIn(_in("de", "Visitors from Denmark"), html)
