"""Bulk downloads of the knowledge base per language: CSV and JSON with the
licence stated, only live public content, contacts as far as consented."""

from __future__ import annotations

import csv
import io
import json
from http import HTTPStatus

from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import Locale

from apps.knowledge.open_data.downloads import TABLES
from apps.knowledge.open_data.licences import OPEN_DATA_LICENCES
from tests.knowledge.factories import FieldOfActionFactory, OpenDataPortalFactory

CC_BY = "http://dcat-ap.de/def/licenses/cc-by/4.0"


def csv_url(language: str, table: str) -> str:
    return reverse("open_data_csv", kwargs={"language": language, "table": table})


class CSVDownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def rows(self, language: str, table: str) -> tuple[list[str], list[dict]]:
        response = self.client.get(csv_url(language, table))
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response.content.startswith(b"\xef\xbb\xbf"), "BOM for Excel")
        reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
        return reader.fieldnames, list(reader)

    def test_solutions_csv__stable_columns_and_live_public_rows_per_language(self):
        columns, german = self.rows("de", "solutions")
        _columns, danish = self.rows("da", "solutions")

        self.assertEqual(columns, list(TABLES["solutions"].columns))
        self.assertEqual(
            sorted(row["title"] for row in german),
            ["Mobilitätsstationen", "Pflege digital"],
        )
        self.assertEqual([row["title"] for row in danish], ["Mobilitetsstationer"])
        self.assertEqual({row["language"] for row in german}, {"de"})
        mobility = next(row for row in german if row["title"] == "Mobilitätsstationen")
        self.assertEqual(mobility["phase"], "pilot")
        self.assertEqual(mobility["fields_of_action"], "energy")
        self.assertEqual(mobility["lead_organisation"], "Stadt Flensburg")
        self.assertEqual(mobility["partner_organisations"], "Sønderborg Kommune")
        self.assertEqual(mobility["tags"], "Mobilität")
        self.assertEqual(mobility["data_licence"], CC_BY)
        self.assertEqual(mobility["url"], self.data.mobility.get_full_url())

    def test_solutions_csv__contacts_only_as_far_as_consented(self):
        _columns, rows = self.rows("de", "solutions")

        contacts = next(r for r in rows if r["title"] == "Mobilitätsstationen")[
            "contacts"
        ]
        self.assertIn("Hanna Petersen", contacts)
        self.assertIn("Jens Madsen", contacts)
        self.assertIn("Sachbearbeitung", contacts)
        self.assertNotIn("Verena", contacts)

    def test_contacts_csv__no_details_without_consent(self):
        columns, rows = self.rows("de", "contacts")

        self.assertEqual(columns, list(TABLES["contacts"].columns))
        by_role = {row["role"]: row for row in rows}
        self.assertEqual(
            by_role["Projektleitung Mobilität"]["email"], "hanna.petersen@example.org"
        )
        self.assertEqual(by_role["Digitaliseringskonsulent"]["name"], "Jens Madsen")
        self.assertEqual(by_role["Digitaliseringskonsulent"]["email"], "")
        self.assertEqual(by_role["Sachbearbeitung"]["name"], "")
        self.assertEqual(by_role["Sachbearbeitung"]["phone"], "")

    def test_contacts_csv__phone_only_with_full_consent(self):
        _columns, rows = self.rows("de", "contacts")

        phones = {row["role"]: row["phone"] for row in rows}
        self.assertEqual(
            phones,
            {
                # Consented to name, role, organisation, e-mail and phone (the
                # apostrophe keeps a spreadsheet from reading "+49 ..." as a formula).
                "Projektleitung Mobilität": "'+49 461 000 1101",
                # Consented to the name only: no phone.
                "Digitaliseringskonsulent": "",
                # Consented to nothing personal: no phone.
                "Sachbearbeitung": "",
            },
        )
        download = self.client.get(csv_url("de", "contacts")).content
        self.assertNotIn(b"7412 0000", download)
        self.assertNotIn(b"999 9999", download)

    def test_every_table__downloads_in_every_language(self):
        for language in ("de", "da", "en"):
            for table in TABLES:
                with self.subTest(language=language, table=table):
                    columns, _rows = self.rows(language, table)
                    self.assertEqual(columns, list(TABLES[table].columns))

    def test_csv__licence_in_link_header_and_file_name(self):
        response = self.client.get(csv_url("da", "organisations"))

        self.assertIn(f'<{CC_BY}>; rel="license"', response["Link"])
        self.assertIn('rel="describedby"', response["Link"])
        self.assertIn(
            "smart-region-organisations-da.csv", response["Content-Disposition"]
        )
        self.assertEqual(response["Content-Language"], "da")

    def test_unknown_language_or_table__not_found(self):
        for url in (csv_url("fr", "solutions"), csv_url("de", "secrets")):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)


class JSONDownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def document(self, language: str) -> dict:
        response = self.client.get(
            reverse("open_data_json", kwargs={"language": language})
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        return json.loads(response.content)

    def test_json__whole_knowledge_base_with_licence(self):
        document = self.document("de")

        self.assertEqual(document["licence"]["uri"], CC_BY)
        self.assertEqual(
            sorted(s["title"] for s in document["solutions"]),
            ["Mobilitätsstationen", "Pflege digital"],
        )
        self.assertEqual(
            {f["slug"] for f in document["fields_of_action"]}, {"energy", "health"}
        )
        self.assertIn(
            "Sønderborg Kommune", {o["name"] for o in document["organisations"]}
        )
        self.assertNotIn("verena.geheim@example.org", json.dumps(document))
        self.assertNotIn("Geheimer Entwurf", json.dumps(document))
        self.assertNotIn("Interne Lösung", json.dumps(document))

    def test_json__danish_document_has_only_danish_content(self):
        document = self.document("da")

        self.assertEqual(
            [s["title"] for s in document["solutions"]], ["Mobilitetsstationer"]
        )
        self.assertEqual(document["language"], "da")

    @override_settings(OPEN_DATA_LICENCE="dl-by-de/2.0")
    def test_licence__is_a_setting(self):
        document = self.document("de")

        licence = OPEN_DATA_LICENCES["dl-by-de/2.0"]
        self.assertEqual(document["licence"]["uri"], licence.uri)
        self.assertEqual(document["solutions"][0]["data_licence"], licence.uri)


class OpenDataPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def test_page__in_every_language_linked_from_the_footer(self):
        for language in ("de", "da", "en"):
            with self.subTest(language=language):
                page_url = f"/{language}/open-data/"
                response = self.client.get(page_url)
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertContains(response, f'<html lang="{language}">')
                self.assertContains(response, csv_url("da", "solutions"))
                self.assertContains(response, "/opendata/catalog.ttl")
                self.assertContains(
                    response, 'href="https://creativecommons.org/licenses/by/4.0/"'
                )

                home = self.client.get(f"/{language}/")
                self.assertContains(home, f'href="{page_url}"')

    def test_page__lists_only_published_fields_of_action_and_their_feeds(self):
        """Found on the demo: a draft field of action and a Danish translation
        awaiting review were named, with feed links, on the open-data page."""
        draft = FieldOfActionFactory(
            name="Geheimes Handlungsfeld", slug="geheim", live=False
        )
        live = FieldOfActionFactory(name="Wasser", slug="wasser")
        danish = live.copy_for_translation(Locale.objects.get(language_code="da"))
        danish.name = "Hemmeligt vand"
        danish.slug = "hemmeligt-vand"
        danish.live = False
        danish.save()

        for language in ("de", "da"):
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/open-data/")
                self.assertNotContains(response, draft.name)
                self.assertNotContains(response, "/geheim/rss/")
                self.assertNotContains(response, danish.name)
                self.assertNotContains(response, "/hemmeligt-vand/rss/")
        # The translation awaiting review shows the published German version.
        self.assertContains(self.client.get("/da/open-data/"), "Wasser")
