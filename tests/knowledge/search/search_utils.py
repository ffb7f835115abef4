"""Helpers for the search tests: a portal with German, Danish and English content."""

from __future__ import annotations

from bs4 import BeautifulSoup
from wagtail.models import Locale

from apps.knowledge.models import SolutionFieldOfAction, SolutionPage, Term, TermGroup
from tests.knowledge import factories
from tests.knowledge.utils import Portal, translate_tree


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def add_danish_solution(portal: Portal, **kwargs) -> SolutionPage:
    """A solution written in Danish only, in the Danish copy of the partner area."""
    area = translate_tree(portal.area, "da")
    solution = factories.SolutionPageFactory(
        parent=area, locale=Locale.objects.get(language_code="da"), **kwargs
    )
    SolutionFieldOfAction.objects.create(page=solution, field_of_action=portal.field)
    return solution


def add_term_group(name: str, **terms: str) -> TermGroup:
    """A term group with one term per language, e.g. ``de="ÖPNV"``."""
    group = TermGroup.objects.create(name=name)
    for language, text in terms.items():
        Term.objects.create(group=group, language=language, text=text)
    return group


def result_links(doc: BeautifulSoup) -> list[str]:
    return [a["href"] for a in doc.select(".result h3 a")]


def facet_counts(doc: BeautifulSoup, name: str) -> dict[str, int]:
    """{value: count} of a facet on the search page."""
    counts = {}
    for link in doc.select(f'.facet[data-facet="{name}"] a'):
        count = link.select_one(".facet__count").get_text(strip=True).strip("()")
        counts[link["data-value"]] = int(count)
    return counts
