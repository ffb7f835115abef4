"""The reuse-readiness indicator as visitors see it: on the solution page and cards."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from apps.knowledge.choices import Licence, TransferPhase
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory

pytestmark = pytest.mark.django_db

#: Six of the nine criteria documented, in the minimum-viable-product phase.
PROFILE = {
    "transfer_phase": TransferPhase.MVP,
    "licence": Licence.EUPL,
    "source_repository": "https://git.example.org/dorfkiste",
    "documentation_url": "https://docs.example.org/dorfkiste",
    "operating_model": "The village association runs the locker.",
    "running_costs": "800 EUR a year, shared by the three villages.",
    "exit_plan": "The locker is taken down, its data deleted.",
}


def english(page):
    """The English translation of ``page`` (English text whatever the catalogues)."""
    return TranslationFactory(page=page, language_code="en")


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text(element) -> str:
    return element.get_text(" ", strip=True)


def test_solution_page__says_phase_and_documented_criteria_in_words(client, portal):
    solution = english(SolutionPageFactory(portal=portal, **PROFILE))

    doc = parse(client.get(solution.url))

    readiness = doc.select_one(".reuse .readiness")
    assert text(readiness.select_one(".readiness__phase")) == (
        "Transfer phase: Minimum viable product"
    )
    # The current phase among the four, marked in words and for screen readers.
    [current] = readiness.select('.readiness__phases [aria-current="step"]')
    assert text(current) == "Minimum viable product (current phase)"
    assert [
        text(li).split(" (")[0] for li in readiness.select(".readiness__phases li")
    ] == [
        "Idea",
        "Proof of concept",
        "Minimum viable product",
        "Scaling",
    ]
    summary = readiness.select_one(".readiness__summary")
    assert text(summary) == "6 of 9 criteria documented"
    meter = readiness.select_one("meter")
    assert (meter["value"], meter["max"]) == ("6", "9")
    assert meter["aria-labelledby"] == summary["id"]
    states = {
        li["data-criterion"]: text(li.select_one(".readiness__state"))
        for li in readiness.select(".readiness__criterion")
    }
    assert states == {
        "documentation": "documented",
        "licence": "documented",
        "source_code": "documented",
        "operating_model": "documented",
        "running_costs": "documented",
        "data_interfaces": "missing",
        "adoption_requirements": "missing",
        "impact_evidence": "missing",
        "exit_plan": "documented",
    }
    # The mark beside each state repeats it; screen readers read the word only.
    assert all(
        icon["aria-hidden"] == "true" for icon in readiness.select(".readiness__icon")
    )


def test_solution_page__shows_the_profile_texts(client, portal):
    solution = english(SolutionPageFactory(portal=portal, **PROFILE))

    doc = parse(client.get(solution.url))

    reuse = doc.select_one(".reuse")
    headings = [text(h3) for h3 in reuse.select("h3")]
    assert "Operating model and responsibility" in headings
    assert "Running costs and how they are shared" in headings
    assert "Exit plan" in headings
    assert "800 EUR a year, shared by the three villages." in text(reuse)
    assert reuse.select_one('a[href="https://docs.example.org/dorfkiste"]')


def test_solution_page__empty_profile_says_not_assessed_and_nothing_documented(
    client, portal
):
    solution = english(SolutionPageFactory(portal=portal))

    doc = parse(client.get(solution.url))

    readiness = doc.select_one(".readiness")
    assert text(readiness.select_one(".readiness__phase")) == (
        "Transfer phase: Not assessed"
    )
    assert not readiness.select('[aria-current="step"]')
    assert text(readiness.select_one(".readiness__summary")) == (
        "0 of 9 criteria documented"
    )


def test_card__shows_phase_and_criteria_count(client, portal):
    solution = SolutionPageFactory(portal=portal, title="Dorfkiste", **PROFILE)
    english(solution)
    index = english(portal.knowledge)

    doc = parse(client.get(index.url))

    [card] = doc.select(".card")
    badge = card.select_one(".card__facts .readiness-badge")
    assert text(badge.dt) == "Transfer readiness"
    assert text(badge.dd) == "Minimum viable product, 6 of 9 criteria documented"
    assert badge["data-phase"] == "mvp"
    # The small meter only repeats the text.
    assert badge.select_one("meter")["aria-hidden"] == "true"
