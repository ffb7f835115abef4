"""The shape of the one request a portal search sends to OpenSearch/Elasticsearch.

The live tests (``test_search_live.py``) check what the engine answers; these check
what is asked, without a node.
"""

from __future__ import annotations

import pytest
from wagtail.models import Page

from apps.knowledge.search import engine_query
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)

FUZZY = {
    "bool": {
        "must": {
            "multi_match": {"query": "Kartofel", "fuzziness": "AUTO", "fields": ["a"]}
        },
        "filter": [{"term": {"live_filter": True}}],
    }
}


def body(**options) -> dict:
    return engine_query.request_body(
        FUZZY,
        {"phase": ("pilot",)},
        sort=[],
        offset=0,
        size=12,
        language="de",
        **options,
    )


def test_language_facet__counts_documents_the_others_distinct_solutions():
    """A solution has one version per language at most: its documents in a
    language are its count there, without a distinct count."""
    aggs = body()["aggs"]

    assert "aggs" not in aggs["facet_language"]["aggs"]["values"]
    for name in ("field", "phase", "tag", "organisation"):
        values = aggs[f"facet_{name}"]["aggs"]["values"]
        assert values["aggs"]["solutions"]["cardinality"]["field"] == (
            engine_query.TRANSLATION_KEY_FIELD
        )


def test_excerpts__mark_the_words_as_typed_not_their_typo_neighbours():
    request = body(
        highlight_query=engine_query.without_fuzziness(FUZZY), precision=1024
    )

    marked = request["highlight"]["highlight_query"]["bool"]["must"]["multi_match"]
    assert "fuzziness" not in marked and marked["query"] == "Kartofel"
    assert request["query"]["bool"]["must"]["multi_match"]["fuzziness"] == "AUTO"
    assert request["aggs"]["total"]["aggs"]["solutions"]["cardinality"] == {
        "field": engine_query.TRANSLATION_KEY_FIELD,
        "precision_threshold": 1024,
    }


@pytest.mark.django_db
def test_distinct_counts__sized_to_the_pages_there_are(monkeypatch, settings):
    settings.CONTENT_CACHE_SECONDS = 0
    portal = PortalFactory()
    solution = SolutionPageFactory(portal=portal)
    SolutionPageFactory(portal=portal)
    TranslationFactory(page=solution, language_code="da")
    pages = Page.objects.live().values("translation_key").distinct().count()

    precision = engine_query.cardinality_precision()

    # Above every count there can be (exact), below twice that (cheap).
    assert pages < precision <= 2 * pages
    monkeypatch.setattr(engine_query, "CARDINALITY_PRECISION", 4)
    assert engine_query.cardinality_precision() == 4
