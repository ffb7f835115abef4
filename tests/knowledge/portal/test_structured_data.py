"""schema.org JSON-LD on solution, organisation and contact-directory pages, with
contacts only as far as consented."""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from typing import Any

import pytest

from tests.knowledge.factories import OpenDataPortalFactory

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.mark.django_db
class StructuredDataTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None, client: Any) -> None:
        self.client = client

    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def json_ld(self, url: str) -> tuple[dict, str]:
        response = self.client.get(url)
        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        scripts = SCRIPT.findall(html)
        assert len(scripts) == 1
        data = json.loads(scripts[0])
        assert data["@context"] == "https://schema.org"
        return data, scripts[0]

    def test_solution__creative_work_about_a_project(self):
        data, _raw = self.json_ld(self.data.mobility.url)

        assert data["@type"] == "CreativeWork"
        assert data["name"] == "Mobilitätsstationen"
        assert data["inLanguage"] == "de"
        assert data["url"] == f"http://testserver{self.data.mobility.url}"
        assert data["description"] == self.data.mobility.teaser
        assert "Grüne Energie" in data["keywords"]
        assert "Mobilität" in data["keywords"]
        project = data["about"]
        assert project["@type"] == "Project"
        assert project["parentOrganization"]["name"] == "Stadt Flensburg"
        assert project["member"][0]["address"]["addressCountry"] == "DK"

    def test_solution__contacts_only_as_far_as_consented(self):
        data, raw = self.json_ld(self.data.mobility.url)

        contacts = data["about"]["contactPoint"]
        people = {c.get("name"): c for c in contacts if c["@type"] == "Person"}
        assert people["Hanna Petersen"]["email"] == "hanna.petersen@example.org"
        assert "email" not in people["Jens Madsen"]
        assert "telephone" not in people["Jens Madsen"]
        anonymous = [c for c in contacts if c["@type"] == "ContactPoint"]
        assert anonymous[0]["contactType"] == "Sachbearbeitung"
        assert "Verena" not in raw
        assert "+45 7412 0000" not in raw

    def test_danish_solution__in_danish(self):
        data, _raw = self.json_ld(self.data.mobility_da.url)

        assert data["inLanguage"] == "da"
        assert data["name"] == "Mobilitetsstationer"

    def test_organisation_page__government_organisation_with_country(self):
        url = self.data.portal.directory.specific.organisation_url(
            self.data.soenderborg
        )

        data, raw = self.json_ld(url)

        assert data["@type"] == "GovernmentOrganization"
        assert data["name"] == "Sønderborg Kommune"
        assert data["address"]["addressCountry"] == "DK"
        assert data["url"] == f"http://testserver{url}"
        assert [p["name"] for p in data["employee"]] == ["Jens Madsen"]
        assert "jens.madsen@example.dk" not in raw

    def test_contact_directory__collection_of_organisations_and_contacts(self):
        data, raw = self.json_ld(self.data.portal.directory.url)

        assert data["@type"] == "CollectionPage"
        items = [item["item"] for item in data["mainEntity"]["itemListElement"]]
        types = {item["@type"] for item in items}
        assert {"GovernmentOrganization", "Person", "ContactPoint"} <= types
        names = {item.get("name") for item in items}
        assert {"Stadt Flensburg", "Sønderborg Kommune", "Hanna Petersen"} <= names
        assert "Verena" not in raw
        assert "verena.geheim@example.org" not in raw

    def test_script__cannot_be_closed_by_content(self):
        self.data.mobility.teaser = "Ende </script><script>alert(1)</script>"
        self.data.mobility.save_revision().publish()

        response = self.client.get(self.data.mobility.url)

        assert "<script>alert(1)" not in response.content.decode()
        data, _raw = self.json_ld(self.data.mobility.url)
        assert data["description"] == self.data.mobility.teaser
