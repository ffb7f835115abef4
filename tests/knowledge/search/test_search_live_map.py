"""The search map on a live engine: every result under the facets, from the same
request, answered by the map's data source; the page holds one page of them (see
tests/knowledge/search/live_search.py for the engines)."""

from __future__ import annotations

from decimal import Decimal
from http import HTTPStatus

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.knowledge.search.service import SearchParams, search
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.knowledge.search import test_search_live
from tests.knowledge.search.test_search_live import serve_from_the_engine

pytestmark = [pytest.mark.live_search, pytest.mark.django_db]

#: The live engines' fixture (a portal indexed on each engine that is set).
live = test_search_live.live

PLACE = {"latitude": Decimal("54.79"), "longitude": Decimal("9.44")}


def map_search(live, language: str, query: str):
    """The search page's search on the live engine, with the map's places."""
    params = SearchParams.from_query_dict(QueryDict(query))
    return search(params, language, backend=live.backend, record=False, places=True)


def test_engine_search__map_places_are_every_result_under_the_facets(live):
    pumps = [
        SolutionPageFactory(
            portal=live.portal, title=f"Pumpwerk {n}", teaser="Pumpe", **PLACE
        )
        for n in range(14)
    ]
    SolutionPageFactory(
        portal=live.portal, title="Pumpwerk Idee", teaser="Pumpe", phase="idea", **PLACE
    )
    SolutionPageFactory(portal=live.portal, title="Pumpwerk ohne Ort", teaser="Pumpe")
    danish = TranslationFactory(page=pumps[0], language_code="da")
    live.reindex()

    outcome = map_search(live, "da", "q=Pumpe&phase=pilot")

    assert outcome.total == 15
    assert len(outcome.hits) == 12
    assert {page.pk for page in outcome.places} == {
        danish.pk,
        *(pump.pk for pump in pumps[1:]),
    }


def test_portal_search_map__at_most_ten_sql_queries_on_the_engine(live, settings):
    for n in range(5):
        SolutionPageFactory(portal=live.portal, title=f"Ladesäule {n}", **PLACE)
    live.reindex()
    serve_from_the_engine(live, settings)
    client = Client()
    parameters = "?q=Lades%C3%A4ule&phase=pilot"

    for url in (f"/de/search/{parameters}", f"/de/search/places/json/{parameters}"):
        assert client.get(url).status_code == HTTPStatus.OK
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(url)
        assert answer.status_code == HTTPStatus.OK
        assert answer.content.decode().count('"kind": "solution"') == 5
        assert len(captured) <= 10, [query["sql"][:120] for query in captured]


def test_portal_search_map__source_has_every_result_the_page_one_page(live, settings):
    for n in range(15):
        SolutionPageFactory(portal=live.portal, title=f"Pumpwerk {n}", **PLACE)
    live.reindex()
    serve_from_the_engine(live, settings)
    client = Client()

    page = client.get("/de/search/?q=Pumpwerk")
    source = client.get("/de/search/places/json/?q=Pumpwerk")

    assert page.content.decode().count('"kind": "solution"') == 12
    assert len(source.json()["features"]) == 15
