"""Documents are downloads: a PDF linked from a solution is served as an
attachment, never shown inline in the browser (the README promises downloads)."""

from __future__ import annotations

from http import HTTPStatus

from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.documents.models import Document

from tests.knowledge.factories import PortalFactory, SolutionPageFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class DocumentServingTests(TestCase):
    # Files are made per test: each test has its own MEDIA_ROOT (tests/conftest.py).
    def setUp(self):
        portal = PortalFactory()
        self.pdf = Document.objects.create(
            title="Machbarkeitscheck", file=ContentFile(PDF, name="check.pdf")
        )
        self.text = Document.objects.create(
            title="Notizen", file=ContentFile(b"Notizen", name="notizen.txt")
        )
        self.solution = SolutionPageFactory(
            portal=portal,
            title="Mitfahrbank Angeln",
            body=[
                ("document", {"document": self.pdf, "title": "Machbarkeitscheck"}),
                ("document", {"document": self.text, "title": "Notizen"}),
            ],
        )

    def download(self, document: Document):
        page = self.client.get(self.solution.url)
        self.assertContains(page, document.url)
        return self.client.get(document.url)

    def test_pdf_from_a_solution__served_as_attachment_not_inline(self):
        response = self.download(self.pdf)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(
            response["Content-Disposition"].startswith("attachment;"),
            response["Content-Disposition"],
        )
        self.assertIn("check.pdf", response["Content-Disposition"])

    def test_other_documents__served_as_attachment_too(self):
        response = self.download(self.text)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
