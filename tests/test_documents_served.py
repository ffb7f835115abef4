"""Documents are downloads: a PDF linked from a solution is served as an
attachment, never shown inline in the browser (the README promises downloads)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import pytest
from django.core.files.base import ContentFile
from pytest_django.asserts import assertContains
from wagtail.documents.models import Document

from tests.knowledge.factories import PortalFactory, SolutionPageFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.mark.django_db
class DocumentServingTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None, client: Any) -> None:
        self.client = client

    # Files are made per test: each test has its own MEDIA_ROOT (tests/conftest.py).
    @pytest.fixture(autouse=True)
    def _set_up(self, _django_fixtures: None) -> None:
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
        assertContains(page, document.url)
        return self.client.get(document.url)

    def test_pdf_from_a_solution__served_as_attachment_not_inline(self):
        response = self.download(self.pdf)

        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;"), response[
            "Content-Disposition"
        ]
        assert "check.pdf" in response["Content-Disposition"]

    def test_other_documents__served_as_attachment_too(self):
        response = self.download(self.text)

        assert response.status_code == HTTPStatus.OK
        assert response["Content-Disposition"].startswith("attachment;")
