"""The pagination of long lists links a few pages around the current one."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation


def rendered(count: int, number: int) -> BeautifulSoup:
    page_obj = Paginator(range(count), 12).get_page(number)
    request = RequestFactory().get("/de/search/", {"q": "Daten", "page": number})
    with translation.override("en"):
        html = render_to_string(
            "knowledge/includes/pagination.html",
            {"page_obj": page_obj},
            request=request,
        )
    return BeautifulSoup(html, "html.parser")


def test_search_of_10000_results__links_the_ends_and_two_pages_either_side():
    doc = rendered(10_000, 400)  # 834 pages

    numbers = [
        a.get_text(strip=True).removeprefix("Page").strip()
        for a in doc.select(".pagination li a:not([rel])")
    ]
    assert numbers == ["1", "398", "399", "400", "401", "402", "834"]
    gaps = doc.select(".pagination__gap")
    assert len(gaps) == 2
    assert all(gap["aria-hidden"] == "true" for gap in gaps)
    current = doc.select_one('a[aria-current="page"]')
    assert current["href"] == "?q=Daten&page=400"
    assert doc.select_one('a[rel="next"]')["href"] == "?q=Daten&page=401"
    assert "Page 400 of 834" in doc.get_text()


def test_a_few_pages__every_page_linked_without_gaps():
    doc = rendered(50, 2)  # 5 pages

    assert len(doc.select(".pagination li a:not([rel])")) == 5
    assert not doc.select(".pagination__gap")
