"""Budgets, numbers and dates on the solution page in the visitor's language: the
budget in its own currency with the other currency (EUR/DKK) as an estimate at the
configured rate, marked as approximate for screen readers too."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import override_settings

from apps.knowledge.choices import Currency
from apps.knowledge.portal.money import round_estimate
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.knowledge.search.result_page import parse

NBSP = "\u00a0"


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def visible_text(element) -> str:
    """What a sighted visitor reads: without the text only screen readers get."""
    for hidden in element.select(".visually-hidden"):
        hidden.decompose()
    return element.get_text()


@pytest.mark.django_db
class BudgetTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None, client: Any, subtests: Any) -> None:
        self.client = client
        self.subtests = subtests

    @classmethod
    def setUpTestData(cls):
        portal = PortalFactory()
        german = SolutionPageFactory(
            portal=portal,
            title="Grenzpendler-Portal",
            slug="grenzpendler",
            budget=Decimal("1200000"),
            currency=Currency.EUR,
            start_date=datetime.date(2023, 3, 1),
            end_date=datetime.date(2026, 6, 30),
            latitude=Decimal("54.793743"),
            longitude=Decimal("9.446996"),
        )
        cls.pages = {"de": publish(german)}
        for code in ("da", "en"):
            cls.pages[code] = publish(
                TranslationFactory(page=german, language_code=code)
            )

    @pytest.fixture(autouse=True)
    def _set_up(self, _django_fixtures: None, _test_data_copies: None) -> None:
        cache.clear()  # no page rendered by an earlier test at another rate

    def budget(self, code: str, **changes):
        page = self.pages[code]
        if changes:
            page = publish(page, **changes)
        doc = parse(self.client.get(page.url))
        return doc.select_one(".budget")

    def test_euro_budget__german_visitor_sees_euros_and_approximate_kroner(self):
        budget = self.budget("de")

        assert visible_text(budget) == f"1.200.000{NBSP}€ (ca.{NBSP}8.950.000{NBSP}DKK)"

    def test_euro_budget__english_visitor_sees_english_number_format(self):
        budget = self.budget("en")

        assert visible_text(budget) == f"€1,200,000 (approx.{NBSP}DKK{NBSP}8,950,000)"

    def test_krone_budget__danish_visitor_sees_kroner_and_approximate_euros(self):
        budget = self.budget("da", budget=Decimal("8950000"), currency=Currency.DKK)

        assert visible_text(budget) == f"8.950.000{NBSP}kr. (ca.{NBSP}1.200.000{NBSP}€)"

    def test_estimate__marked_approximate_for_screen_readers_in_each_language(self):
        words = {"de": "ungefähr", "da": "cirka", "en": "approximately"}
        for code, word in words.items():
            with self.subtests.test(language=code):
                estimate = self.budget(code).select_one(".budget__estimate")

                abbreviation = estimate.abbr
                assert abbreviation["aria-hidden"] == "true"
                assert abbreviation["title"] == word
                assert estimate.select_one(".visually-hidden").get_text() == word

    @override_settings(EUR_DKK_RATE=Decimal("7.5"))
    def test_estimate__follows_the_configured_rate(self):
        budget = self.budget("de")

        assert f"9.000.000{NBSP}DKK" in visible_text(budget)

    def test_budget_in_cents__keeps_the_cents(self):
        budget = self.budget("de", budget=Decimal("1234.5"))

        assert budget.select_one(".budget__amount").get_text() == f"1.234,50{NBSP}€"

    def test_period_and_coordinates__in_the_visitors_language(self):
        expected = {
            "de": ("März 2023", "Juni 2026", "54,7937"),
            "da": ("marts 2023", "juni 2026", "54,7937"),
            "en": ("March 2023", "June 2026", "54.7937"),
        }
        for code, (start, end, latitude) in expected.items():
            with self.subtests.test(language=code):
                doc = parse(self.client.get(self.pages[code].url))

                times = [
                    time.get_text() for time in doc.select(".solution__facts time")
                ]
                assert times == [start, end]
                assert latitude in doc.select_one(".coordinates").get_text()


def test_round_estimate__three_significant_digits_from_a_thousand_on():
    assert round_estimate(Decimal("8952000")) == Decimal("8950000")
    assert round_estimate(Decimal("321715.8")) == Decimal("322000")
    assert round_estimate(Decimal("1234.5")) == Decimal("1230")
    assert round_estimate(Decimal("746.4")) == Decimal("746")
