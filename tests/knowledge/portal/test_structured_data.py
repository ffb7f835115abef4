"""schema.org JSON-LD on solution, organisation and contact-directory pages, with
contacts only as far as consented."""

from __future__ import annotations

import json
import re
from http import HTTPStatus

from django.test import TestCase

from tests.knowledge.factories import OpenDataPortalFactory

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


class StructuredDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def json_ld(self, url: str) -> tuple[dict, str]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        html = response.content.decode()
        scripts = SCRIPT.findall(html)
        self.assertEqual(len(scripts), 1)
        data = json.loads(scripts[0])
        self.assertEqual(data["@context"], "https://schema.org")
        return data, scripts[0]

    def test_solution__creative_work_about_a_project(self):
        data, _raw = self.json_ld(self.data.mobility.url)

        self.assertEqual(data["@type"], "CreativeWork")
        self.assertEqual(data["name"], "Mobilitätsstationen")
        self.assertEqual(data["inLanguage"], "de")
        self.assertEqual(data["url"], f"http://testserver{self.data.mobility.url}")
        self.assertEqual(data["description"], self.data.mobility.teaser)
        self.assertIn("Grüne Energie", data["keywords"])
        self.assertIn("Mobilität", data["keywords"])
        project = data["about"]
        self.assertEqual(project["@type"], "Project")
        self.assertEqual(project["parentOrganization"]["name"], "Stadt Flensburg")
        self.assertEqual(project["member"][0]["address"]["addressCountry"], "DK")

    def test_solution__contacts_only_as_far_as_consented(self):
        data, raw = self.json_ld(self.data.mobility.url)

        contacts = data["about"]["contactPoint"]
        people = {c.get("name"): c for c in contacts if c["@type"] == "Person"}
        self.assertEqual(
            people["Hanna Petersen"]["email"], "hanna.petersen@example.org"
        )
        self.assertNotIn("email", people["Jens Madsen"])
        self.assertNotIn("telephone", people["Jens Madsen"])
        anonymous = [c for c in contacts if c["@type"] == "ContactPoint"]
        self.assertEqual(anonymous[0]["contactType"], "Sachbearbeitung")
        self.assertNotIn("Verena", raw)
        self.assertNotIn("+45 7412 0000", raw)

    def test_danish_solution__in_danish(self):
        data, _raw = self.json_ld(self.data.mobility_da.url)

        self.assertEqual(data["inLanguage"], "da")
        self.assertEqual(data["name"], "Mobilitetsstationer")

    def test_organisation_page__government_organisation_with_country(self):
        url = self.data.portal.directory.specific.organisation_url(
            self.data.soenderborg
        )

        data, raw = self.json_ld(url)

        self.assertEqual(data["@type"], "GovernmentOrganization")
        self.assertEqual(data["name"], "Sønderborg Kommune")
        self.assertEqual(data["address"]["addressCountry"], "DK")
        self.assertEqual(data["url"], f"http://testserver{url}")
        self.assertEqual([p["name"] for p in data["employee"]], ["Jens Madsen"])
        self.assertNotIn("jens.madsen@example.dk", raw)

    def test_contact_directory__collection_of_organisations_and_contacts(self):
        data, raw = self.json_ld(self.data.portal.directory.url)

        self.assertEqual(data["@type"], "CollectionPage")
        items = [item["item"] for item in data["mainEntity"]["itemListElement"]]
        types = {item["@type"] for item in items}
        self.assertLessEqual(
            {"GovernmentOrganization", "Person", "ContactPoint"}, types
        )
        names = {item.get("name") for item in items}
        self.assertLessEqual(
            {"Stadt Flensburg", "Sønderborg Kommune", "Hanna Petersen"}, names
        )
        self.assertNotIn("Verena", raw)
        self.assertNotIn("verena.geheim@example.org", raw)

    def test_script__cannot_be_closed_by_content(self):
        self.data.mobility.teaser = "Ende </script><script>alert(1)</script>"
        self.data.mobility.save_revision().publish()

        response = self.client.get(self.data.mobility.url)

        self.assertNotIn("<script>alert(1)", response.content.decode())
        data, _raw = self.json_ld(self.data.mobility.url)
        self.assertEqual(data["description"], self.data.mobility.teaser)
