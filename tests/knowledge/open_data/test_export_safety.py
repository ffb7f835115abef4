"""Every CSV and XLSX export writes data, never a formula, and never fails on a
control character someone typed (:mod:`apps.knowledge.open_data.spreadsheet_safety`).

The attacks are replayed as they happened: a partner's teaser ``=cmd|...`` in the
open-data download, an anonymous search ``abc%01xyz`` that broke the XLSX export of
searches without results.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Locale

from apps.knowledge.models import Contact, FieldOfAction, Organisation, SolutionPage
from apps.knowledge.open_data.spreadsheet_safety import safe_cell
from apps.workflow.models import TranslationSignOff
from tests.knowledge.factories import OpenDataPortalFactory

CALC = "=cmd|' /C calc'!A0"


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def streamed_csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(content)))


def xlsx_rows(response) -> list[tuple]:
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


class SafeCellTests(SimpleTestCase):
    """The rules themselves."""

    def test_formula_triggers__quoted(self):
        for text in (CALC, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-1e5"):
            with self.subTest(text=text):
                self.assertEqual(safe_cell(text), f"'{text}")

    def test_control_characters__removed_before_the_check(self):
        self.assertEqual(safe_cell("abc\x01xyz"), "abcxyz")
        self.assertEqual(safe_cell("\x00\x1b=1"), "'=1")
        self.assertEqual(safe_cell("Zeile 1\nZeile 2\tTab"), "Zeile 1\nZeile 2\tTab")

    def test_ordinary_text_and_numbers__unchanged(self):
        self.assertEqual(safe_cell("Mobilität = Zukunft"), "Mobilität = Zukunft")
        self.assertEqual(safe_cell(Decimal("-1500.00")), Decimal("-1500.00"))
        self.assertEqual(safe_cell(-3), -3)
        self.assertIsNone(safe_cell(None))


class OpenDataCSVTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()
        SolutionPage.objects.filter(pk=cls.data.mobility.pk).update(
            teaser=CALC, budget=Decimal("-1500.00"), municipality="Flens\x01burg"
        )
        Organisation.objects.filter(pk=cls.data.flensburg.pk).update(
            description="@SUM(1+1)*cmd|' /C calc'!A0"
        )
        Contact.objects.filter(pk=cls.data.full.pk).update(
            role="-2+3+cmd|' /C calc'!A0"
        )
        FieldOfAction.objects.filter(pk=cls.data.health.pk).update(
            description="+1+cmd|' /C calc'!A0"
        )

    def rows(self, table: str) -> list[dict]:
        url = reverse("open_data_csv", kwargs={"language": "de", "table": table})
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return csv_rows(response.content)

    def row(self, table: str, pk: int) -> dict:
        return next(row for row in self.rows(table) if row["id"] == str(pk))

    def test_solutions_csv__partner_teaser_formula_is_quoted_text(self):
        row = self.row("solutions", self.data.mobility.pk)

        self.assertEqual(row["teaser"], f"'{CALC}")
        self.assertEqual(row["municipality"], "Flensburg")

    def test_solutions_csv__negative_budget_stays_a_number(self):
        row = self.row("solutions", self.data.mobility.pk)

        self.assertEqual(row["budget"], "-1500.00")

    def test_organisations_contacts_fields_csv__formulas_quoted(self):
        organisation = self.row("organisations", self.data.flensburg.pk)
        contact = self.row("contacts", self.data.full.pk)
        field = self.row("fields-of-action", self.data.health.pk)

        self.assertEqual(organisation["description"], "'@SUM(1+1)*cmd|' /C calc'!A0")
        self.assertEqual(contact["role"], "'-2+3+cmd|' /C calc'!A0")
        self.assertEqual(field["description"], "'+1+cmd|' /C calc'!A0")


class AdminReportExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()
        cls.admin = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "pw"
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def export(self, url_name: str, export_format: str):
        response = self.client.get(reverse(url_name), {"export": export_format})
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return response

    def search_anonymously(self, query: str) -> None:
        self.client.logout()
        response = self.client.get("/de/search/", {"q": query})
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.client.force_login(self.admin)

    def test_searches_without_results_xlsx__control_character_no_longer_breaks_it(
        self,
    ):
        self.search_anonymously("abc\x01xyz")
        self.search_anonymously("=1+2 zeppelin")

        rows = xlsx_rows(self.export("knowledge_zero_result_queries", "xlsx"))

        queries = {row[0] for row in rows[1:]}
        # The search counts a control character as a space.
        self.assertIn("abc xyz", queries)
        self.assertIn("'=1+2 zeppelin", queries)

    def test_searches_without_results_csv__formula_quoted(self):
        self.search_anonymously("@SUM(1+1)*cmd|' /C calc'!A0")

        rows = streamed_csv_rows(self.export("knowledge_zero_result_queries", "csv"))

        self.assertIn("'@sum(1+1)*cmd|' /c calc'!a0", {row[0] for row in rows[1:]})

    def test_translation_sign_offs_csv_and_xlsx__formula_in_a_title_quoted(self):
        page = self.data.mobility_da
        SolutionPage.objects.filter(pk=page.pk).update(title=CALC, draft_title=CALC)
        TranslationSignOff.objects.create(
            page=page, locale=Locale.objects.get(language_code="da")
        )

        csv_titles = {
            row[0]
            for row in streamed_csv_rows(
                self.export("workflow_admin:translation_sign_offs", "csv")
            )[1:]
        }
        xlsx_titles = {
            row[0]
            for row in xlsx_rows(
                self.export("workflow_admin:translation_sign_offs", "xlsx")
            )[1:]
        }

        self.assertEqual(csv_titles, {f"'{CALC}"})
        self.assertEqual(xlsx_titles, {f"'{CALC}"})

    def test_wagtail_aging_pages_and_site_history__formula_in_a_title_quoted(self):
        page = self.data.care
        page.title = CALC
        page.save_revision(user=self.admin, log_action=True).publish(user=self.admin)

        aging = streamed_csv_rows(
            self.export("wagtailadmin_reports:aging_pages", "csv")
        )
        history = xlsx_rows(self.export("wagtailadmin_reports:site_history", "xlsx"))

        self.assertIn(f"'{CALC}", {row[0] for row in aging[1:]})
        self.assertIn(f"'{CALC}", {cell for row in history[1:] for cell in row})
        self.assertNotIn(CALC, {cell for row in history[1:] for cell in row})
