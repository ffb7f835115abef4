"""The portfolio in figures (issue 16): the counts of a small portfolio, the
statistics page with its charts and tables in de, da and en, and a publish showing
at once."""

from __future__ import annotations

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import PageViewRestriction

from apps.knowledge.choices import Country, Currency, Phase
from apps.knowledge.models import Reuse, SolutionFieldOfAction, SolutionPartner
from apps.knowledge.portal.figures import portfolio_figures
from apps.knowledge.portal.page_cache import HIT_HEADER
from tests.knowledge.factories import (
    FieldOfActionFactory,
    OrganisationFactory,
    PartnerAreaPageFactory,
    PortalFactory,
    SolutionPageFactory,
    StatisticsPageFactory,
    TranslationFactory,
    locale,
)

pytestmark = pytest.mark.django_db


def values(figures, key: str) -> dict[str, object]:
    """{row key: value} of the figure ``key``."""
    figure = next(figure for figure in figures if figure.key == key)
    return {row.key: row.value for row in figure.rows}


def labels(figures, key: str) -> dict[str, object]:
    figure = next(figure for figure in figures if figure.key == key)
    return {row.label: row.value for row in figure.rows}


class FigureTests:
    """Three published German solutions, one Danish, and some that never count."""

    @classmethod
    def setUpTestData(cls):
        portal = PortalFactory()
        cls.portal = portal
        health = FieldOfActionFactory(name="Gesundheit", slug="health", sort_order=2)
        german = OrganisationFactory(name="Stadt Flensburg", country=Country.GERMANY)
        danish = OrganisationFactory(name="Tønder Kommune", country=Country.DENMARK)
        district = PartnerAreaPageFactory(
            parent=portal.knowledge, title="Kreis Nordfriesland"
        )
        # Energy and health, German lead with a Danish partner: cross-border.
        crossing = SolutionPageFactory(
            portal=portal,
            phase=Phase.PILOT,
            lead_organisation=german,
            start_date=datetime.date(2023, 3, 1),
            budget=Decimal("100000"),
            currency=Currency.EUR,
        )
        SolutionFieldOfAction.objects.create(page=crossing, field_of_action=health)
        SolutionPartner.objects.create(page=crossing, organisation=danish)
        # Danish lead, in the district's area, two years later, in kroner.
        led_in_denmark = SolutionPageFactory(
            parent=district,
            phase=Phase.IDEA,
            lead_organisation=danish,
            start_date=datetime.date(2025, 1, 1),
            budget=Decimal("500000"),
            currency=Currency.DKK,
        )
        SolutionFieldOfAction.objects.create(
            page=led_in_denmark, field_of_action=health
        )
        # No lead organisation: the Danish place key tells the country.
        SolutionPageFactory(
            portal=portal,
            phase=Phase.PILOT,
            lead_organisation=None,
            danish_municipality_code="550",
            budget=Decimal("50000.50"),
            currency=Currency.EUR,
        )
        # Never counted: a draft, an unpublished and a private page, and a page
        # below an unpublished area.
        SolutionPageFactory(
            portal=portal, draft=True, lead_organisation=danish, budget=Decimal(1)
        )
        SolutionPageFactory(portal=portal, budget=Decimal(2)).unpublish()
        private = SolutionPageFactory(portal=portal, budget=Decimal(3))
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.LOGIN
        )
        closed = PartnerAreaPageFactory(parent=portal.knowledge, title="Geschlossen")
        SolutionPageFactory(parent=closed, budget=Decimal(4))
        closed.unpublish()
        # In Danish only: counted on the Danish page, never on the German one.
        SolutionPageFactory(
            portal=portal,
            danish=True,
            phase=Phase.OPERATION,
            budget=Decimal("7000"),
            currency=Currency.DKK,
            start_date=datetime.date(2022, 6, 1),
        )

    def figures(self, code: str = "de", language: str = "en"):
        with translation.override(language):
            return portfolio_figures(locale(code))

    def test_counts__per_field_of_action(self):
        figures = self.figures()
        assert labels(figures, "fields") == {"Grüne Energie": 2, "Gesundheit": 2}

    def test_counts__per_phase__every_phase_listed(self):
        counts = values(self.figures(), "phases")
        assert counts == {
            "idea": 1,
            "concept": 0,
            "prototype": 0,
            "pilot": 2,
            "operation": 0,
            "completed": 0,
        }

    def test_counts__per_country__lead_else_place(self):
        assert values(self.figures(), "countries") == {"DE": 1, "DK": 2}

    def test_counts__per_authority(self):
        assert labels(self.figures(), "authorities") == {
            "Stadt Flensburg": 2,
            "Kreis Nordfriesland": 1,
        }

    def test_counts__per_year_started__gaps_filled(self):
        assert values(self.figures(), "years") == {
            "2023": 1,
            "2024": 0,
            "2025": 1,
            "none": 1,
        }

    def test_cross_border__counted(self):
        assert values(self.figures(), "cross-border") == {
            "cross-border": 1,
            "one-country": 2,
        }

    def test_budgets__summed_per_currency_never_converted(self):
        figures = self.figures()
        budgets = next(figure for figure in figures if figure.key == "budgets")
        assert {row.key: row.value for row in budgets.rows} == {
            "EUR": Decimal("150000.50"),
            "DKK": Decimal("500000"),
        }
        assert {row.key: row.detail for row in budgets.rows} == {"EUR": "2", "DKK": "1"}
        assert {row.key: row.display for row in budgets.rows} == {
            "EUR": "€150,000.50",
            "DKK": "DKK\u00a0500,000",
        }
        assert not budgets.chart
        # The combined amount names its rate.
        assert "7.46 DKK per euro" in budgets.note
        assert "EUR_DKK_RATE" in budgets.note

    def test_drafts_private_and_other_languages__not_counted(self):
        figures = self.figures()
        assert {figure.total for figure in figures} == {3}
        danish = self.figures("da")
        assert {figure.total for figure in danish} == {1}
        assert values(danish, "phases")["operation"] == 1
        assert values(danish, "budgets") == {"EUR": 0, "DKK": Decimal("7000")}

    def test_labels__in_the_active_language(self):
        german = self.figures(language="de")
        assert labels(german, "phases")["Pilotbetrieb"] == 2
        assert labels(german, "countries") == {"Deutschland": 1, "Dänemark": 2}
        budgets = next(f for f in german if f.key == "budgets")
        assert budgets.rows[0].display == "150.000,50\u00a0€"


def test_publish__shows_at_once(portal):
    SolutionPageFactory(portal=portal, phase=Phase.PILOT).save_revision().publish()
    de = locale("de")
    assert values(portfolio_figures(de), "phases")["pilot"] == 1

    SolutionPageFactory(portal=portal, phase=Phase.PILOT).save_revision().publish()

    assert values(portfolio_figures(de), "phases")["pilot"] == 2


def test_unpublish__shows_at_once(portal):
    page = SolutionPageFactory(portal=portal, budget=Decimal(10))
    page.save_revision().publish()
    de = locale("de")
    assert values(portfolio_figures(de), "budgets")["EUR"] == Decimal(10)

    page.unpublish()

    assert values(portfolio_figures(de), "budgets")["EUR"] == 0


def statistics_pages(portal):
    page = StatisticsPageFactory(parent=portal.home)
    page.save_revision().publish()
    for code in ("da", "en"):
        TranslationFactory(page=page, language_code=code)
    return page


def parse(response):
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("code", ["de", "da", "en"])
def test_statistics_page__charts_with_names_and_tables(client, portal, code):
    for phase in (Phase.PILOT, Phase.PILOT, Phase.IDEA):
        page = SolutionPageFactory(portal=portal, phase=phase)
        TranslationFactory(page=page, language_code=code)
    statistics = statistics_pages(portal).get_translation(locale(code))

    doc = parse(client.get(statistics.url))

    charts = doc.select("svg.bar-chart[role=img]")
    assert len(charts) == 7  # every figure but the budgets
    for chart in charts:
        title = doc.find(id=chart["aria-labelledby"])
        assert title.name == "title" and title.get_text(strip=True)
        assert doc.find(id=chart["aria-describedby"]).name == "desc"
    with translation.override(code):
        heading = str(translation.gettext("Solutions per phase"))
        pilot = str(Phase.PILOT.label)
    table = next(
        t for t in doc.select("table.figure-table") if t.caption.text == heading
    )
    assert [th.get_text() for th in table.select("thead th[scope=col]")]
    rows = {tr.th.get_text(): tr.td.get_text() for tr in table.select("tbody tr")}
    assert rows[pilot] == "2"
    chart = doc.find("title", string=lambda text: heading in text).parent
    assert f"{pilot}: 2" in chart.desc.get_text()
    assert len(doc.select("table.figure-table caption")) == 8


def test_statistics_page__in_navigation(client, portal):
    statistics = statistics_pages(portal)

    doc = parse(client.get(portal.home.url))

    assert statistics.url in [a["href"] for a in doc.select(".primary-nav a")]


def test_statistics_page__chart_numbers_never_localised(client, portal):
    """SVG wants 12.5, not the German 12,5."""
    for _ in range(3):
        SolutionPageFactory(portal=portal)
    statistics = statistics_pages(portal)

    doc = parse(client.get(statistics.url))

    for rect in doc.select("svg rect"):
        float(rect["width"])
        float(rect["y"])


def test_statistics_page__publish_shows_at_once_through_the_page_cache(
    client, portal, settings
):
    settings.PORTAL_CACHE_SECONDS = 600
    statistics = statistics_pages(portal)
    SolutionPageFactory(portal=portal, phase=Phase.IDEA).save_revision().publish()

    def ideas() -> str:
        doc = parse(client.get(statistics.url))
        table = doc.select("table.figure-table")[1]  # fields, then phases
        return table.select_one("tbody tr").td.get_text()

    assert ideas() == "1"
    assert client.get(statistics.url)[HIT_HEADER] == "hit"

    SolutionPageFactory(portal=portal, phase=Phase.IDEA).save_revision().publish()

    assert ideas() == "2"


def test_statistics_page__adoptions_across_the_border_counted_apart__at_once(
    client, portal, settings
):
    """Issue 17: a confirmed adoption counts in the figures, one across the border
    apart from one in the same country, as soon as it is confirmed, also through
    the page cache."""
    settings.PORTAL_CACHE_SECONDS = 600
    statistics = statistics_pages(portal).get_translation(locale("da"))
    flensburg = OrganisationFactory(name="Stadt Flensburg", country=Country.GERMANY)
    solution = SolutionPageFactory(portal=portal, lead_organisation=flensburg)
    solution.save_revision().publish()
    TranslationFactory(page=solution, language_code="da")
    proposals = [
        Reuse.objects.create(
            kind=Reuse.Kind.ADOPTION,
            solution_key=solution.translation_key,
            organisation=OrganisationFactory(name=name, country=country),
            status=Reuse.Status.PROPOSED,
            proposed_side=Reuse.Side.REUSER,
        )
        for name, country in (
            ("Tønder Kommune", Country.DENMARK),
            ("Stadt Husum", Country.GERMANY),
        )
    ]

    def reuse_rows() -> dict[str, str]:
        doc = parse(client.get(statistics.url))
        with translation.override("da"):
            caption = translation.gettext("Reuse of solutions")
        table = next(
            t for t in doc.select("table.figure-table") if t.caption.text == caption
        )
        return {tr.th.get_text(): tr.td.get_text() for tr in table.select("tbody tr")}

    with translation.override("da"):
        across = translation.gettext("Adopted across the border")
        same = translation.gettext("Adopted in the same country")
    assert reuse_rows()[across] == "0"
    assert client.get(statistics.url)[HIT_HEADER] == "hit"

    for proposal in proposals:
        proposal.status = Reuse.Status.CONFIRMED
        proposal.save()

    rows = reuse_rows()
    assert (rows[across], rows[same]) == ("1", "1")
