"""The portfolio in figures on the admin dashboard (issue 16), in the admin
user's language."""

from __future__ import annotations

from http import HTTPStatus

from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse

from apps.knowledge.choices import Phase
from tests.factories import UserFactory
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    StatisticsPageFactory,
    TranslationFactory,
)


class FiguresPanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        portal = PortalFactory()
        for phase in (Phase.PILOT, Phase.PILOT, Phase.IDEA):
            SolutionPageFactory(portal=portal, phase=phase)
        # Translated into Danish: counted once, in the German portfolio.
        danish = SolutionPageFactory(portal=portal, phase=Phase.CONCEPT)
        TranslationFactory(page=danish, language_code="da")
        cls.statistics = StatisticsPageFactory(parent=portal.home)
        cls.statistics.save_revision().publish()
        cls.statistics_da = TranslationFactory(page=cls.statistics, language_code="da")

    def dashboard(self, language: str) -> BeautifulSoup:
        user = UserFactory(
            username=f"admin-{language}", is_superuser=True, admin_language=language
        )
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return BeautifulSoup(response.content, "html.parser")

    def phase_rows(self, doc) -> dict[str, str]:
        panel = doc.select_one("section.portfolio-figures")
        table = panel.select("table.figure-table")[1]  # fields, then phases
        return {tr.th.get_text(): tr.td.get_text() for tr in table.select("tbody tr")}

    def test_panel__shows_the_figures_in_the_users_language(self):
        doc = self.dashboard("en")

        panel = doc.select_one("section.portfolio-figures")
        self.assertIn("4 published solutions in German", panel.get_text())
        self.assertEqual(
            self.phase_rows(doc),
            {
                "Idea": "1",
                "Concept": "1",
                "Prototype": "0",
                "Pilot": "2",
                "Regular operation": "0",
                "Completed": "0",
            },
        )
        self.assertTrue(panel.select("svg[role=img] title"))
        links = {a["hreflang"]: a["href"] for a in panel.select("a[hreflang]")}
        self.assertEqual(
            links, {"de": self.statistics.url, "da": self.statistics_da.url}
        )

    def test_panel__named_in_danish_for_a_danish_admin(self):
        doc = self.dashboard("da")

        rows = self.phase_rows(doc)
        self.assertEqual(rows["Pilotprojekt"], "2")
        self.assertEqual(rows["Koncept"], "1")
