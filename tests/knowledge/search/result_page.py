"""Reading the portal's search page: its result links and facet counts."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.http import HttpResponse


def parse(response: HttpResponse) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def result_links(doc: BeautifulSoup) -> list[str]:
    return [a["href"] for a in doc.select(".result h3 a")]


def facet_counts(doc: BeautifulSoup, name: str) -> dict[str, int]:
    """{value: count} of a facet on the search page."""
    counts = {}
    for link in doc.select(f'.facet[data-facet="{name}"] a'):
        count = link.select_one(".facet__count").get_text(strip=True).strip("()")
        counts[link["data-value"]] = int(count)
    return counts
