"""The public API (Wagtail API v2): solutions, organisations, contacts and fields of
action, filtered by language, field of action, phase and organisation."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.test import TestCase

from tests.knowledge.factories import OpenDataPortalFactory

SOLUTIONS = "/api/v2/solutions/"


class SolutionsAPITests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def titles(self, url: str) -> set[str]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK, response.content)
        return {item["title"] for item in response.json()["items"]}

    def test_listing__shows_only_live_public_solutions(self):
        titles = self.titles(SOLUTIONS)

        self.assertEqual(
            titles,
            {"Mobilitätsstationen", "Pflege digital", "Mobilitetsstationer"},
        )

    def test_listing__hides_private_solution_from_logged_in_users_too(self):
        user = get_user_model().objects.create_user("reader", password="pw")
        self.client.force_login(user)

        self.assertNotIn("Interne Lösung", self.titles(SOLUTIONS))

    def test_language_filter__locale_and_language_both_work(self):
        self.assertEqual(self.titles(f"{SOLUTIONS}?locale=da"), {"Mobilitetsstationer"})
        self.assertEqual(
            self.titles(f"{SOLUTIONS}?language=de"),
            {"Mobilitätsstationen", "Pflege digital"},
        )

    def test_language_filter__unknown_language_is_a_bad_request(self):
        response = self.client.get(
            f"{SOLUTIONS}?language=xx", headers={"accept-language": "en"}
        )

        self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
        self.assertEqual(response.json()["message"], "Unknown language: xx.")

    def test_field_of_action_filter__by_slug(self):
        self.assertEqual(
            self.titles(f"{SOLUTIONS}?field_of_action=health"), {"Pflege digital"}
        )
        self.assertEqual(
            self.titles(f"{SOLUTIONS}?field_of_action=energy&language=de"),
            {"Mobilitätsstationen"},
        )

    def test_phase_filter(self):
        self.assertEqual(
            self.titles(f"{SOLUTIONS}?phase=idea&language=de"), {"Pflege digital"}
        )
        response = self.client.get(f"{SOLUTIONS}?phase=dreaming")
        self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)

    def test_organisation_filter__lead_or_partner(self):
        self.assertEqual(
            self.titles(f"{SOLUTIONS}?organisation=soenderborg-kommune&language=de"),
            {"Mobilitätsstationen", "Pflege digital"},
        )
        self.assertEqual(
            self.titles(f"{SOLUTIONS}?organisation=stadt-flensburg&language=de"),
            {"Mobilitätsstationen"},
        )

    def test_detail__contacts_only_as_far_as_consented(self):
        response = self.client.get(f"{SOLUTIONS}{self.data.mobility.pk}/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        solution = response.json()
        contacts = {contact["role"]: contact for contact in solution["contacts"]}
        full = contacts["Projektleitung Mobilität"]
        self.assertEqual(full["name"], "Hanna Petersen")
        self.assertEqual(full["email"], "hanna.petersen@example.org")
        name_only = contacts["Digitaliseringskonsulent"]
        self.assertEqual(name_only["name"], "Jens Madsen")
        self.assertEqual((name_only["email"], name_only["phone"]), ("", ""))
        anonymous = contacts["Sachbearbeitung"]
        self.assertEqual(anonymous["name"], "")
        self.assertNotIn("Verena", response.content.decode())
        self.assertEqual(solution["lead_organisation"]["slug"], "stadt-flensburg")
        self.assertEqual(solution["fields_of_action"][0]["slug"], "energy")
        self.assertEqual(solution["phase"], "pilot")

    def test_detail__draft_is_not_found(self):
        response = self.client.get(
            f"{SOLUTIONS}{self.data.draft.pk}/", headers={"accept-language": "en"}
        )

        # A JSON 404, not LocaleMiddleware's redirect to a portal page.
        self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)
        self.assertEqual(response.json(), {"message": "Not found."})


class SnippetAPITests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def get(self, url: str) -> list[dict]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK, response.content)
        return response.json()["items"]

    def test_contacts__never_reveal_what_was_not_consented(self):
        items = self.get("/api/v2/contacts/?language=de")

        by_role = {item["role"]: item for item in items}
        self.assertEqual(by_role["Sachbearbeitung"]["name"], "")
        self.assertEqual(by_role["Sachbearbeitung"]["email"], "")
        self.assertEqual(by_role["Digitaliseringskonsulent"]["phone"], "")
        self.assertEqual(
            by_role["Projektleitung Mobilität"]["phone"], "+49 461 000 1101"
        )

    def test_contacts__cannot_be_probed_by_email(self):
        response = self.client.get("/api/v2/contacts/?email=verena.geheim@example.org")

        self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)

    def test_contacts__organisation_filter(self):
        items = self.get("/api/v2/contacts/?organisation=soenderborg-kommune")

        self.assertEqual([item["name"] for item in items], ["Jens Madsen"])

    def test_organisations__language_filter(self):
        names = {item["name"] for item in self.get("/api/v2/organisations/?locale=de")}

        self.assertLessEqual({"Stadt Flensburg", "Sønderborg Kommune"}, names)
        self.assertEqual(self.get("/api/v2/organisations/?language=da"), [])

    def test_fields_of_action__by_language(self):
        items = self.get("/api/v2/fields-of-action/?language=de")

        self.assertEqual({item["slug"] for item in items}, {"energy", "health"})
        self.assertTrue(all(item["meta"]["locale"] == "de" for item in items))
