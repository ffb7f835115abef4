"""The shape of the one request a portal search sends to OpenSearch/Elasticsearch.

The live tests (``test_search_live.py``) check what the engine answers; these check
what is asked, without a node.
"""

from __future__ import annotations

import pytest
from wagtail.models import Page

from apps.knowledge.search import engine_query, first_versions
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


def test_browse__counts_first_versions_documents_not_distinct_keys():
    """Browsing without words, each solution's first live version stands for it:
    a plain document count, no counter per bucket."""
    aggs = body(counting=engine_query.FIRST_VERSIONS)["aggs"]

    first = engine_query.FIRST_VERSION_CLAUSE
    assert first in aggs["total"]["filter"]["bool"]["filter"]
    assert "aggs" not in aggs["total"]
    for name in ("field", "phase", "tag", "organisation"):
        facet = aggs[f"facet_{name}"]
        assert first in facet["filter"]["bool"]["filter"], name
        assert "aggs" not in facet["aggs"]["values"], name
    # The language facet counts the versions in each language, every one of them.
    assert first not in aggs["facet_language"]["filter"]["bool"]["filter"]


def test_one_language_selected__counts_documents():
    request = engine_query.request_body(
        {"match_all": {}},
        {"language": ("da",)},
        sort=[],
        offset=0,
        size=12,
        language="de",
        counting=engine_query.DOCUMENTS,
    )
    aggs = request["aggs"]

    assert "aggs" not in aggs["total"]
    assert "aggs" not in aggs["facet_phase"]["aggs"]["values"]
    assert {"terms": {"_facet_language": ["da"]}} in aggs["facet_phase"]["filter"][
        "bool"
    ]["filter"]


@pytest.mark.django_db
def test_first_version__the_live_version_with_the_lowest_id():
    portal = PortalFactory()
    solution = SolutionPageFactory(portal=portal)
    danish = TranslationFactory(page=solution, language_code="da")
    danish.refresh_from_db()
    key = str(solution.translation_key)

    assert first_versions.first_live_versions([key]) == {key: solution.pk}
    assert first_versions.is_first_version(solution)
    assert not first_versions.is_first_version(danish)

    solution.unpublish()
    solution.refresh_from_db()

    assert first_versions.first_live_versions([key]) == {key: danish.pk}
    assert not first_versions.is_first_version(solution)
    assert first_versions.is_first_version(danish)


def test_distinct_counts__a_facet_of_small_values_gets_a_smaller_counter():
    """Each bucket's counter costs in proportion to its threshold: a facet whose
    largest value has 300 documents needs no counter for 40,000."""
    aggs = body(precision=16384, facet_precision={"tag": 512, "phase": 65536})["aggs"]

    def threshold(name: str) -> int:
        values = aggs[f"facet_{name}"]["aggs"]["values"]
        return values["aggs"]["solutions"]["cardinality"]["precision_threshold"]

    assert threshold("tag") == 512
    # Never above what the whole site can count.
    assert threshold("phase") == 16384
    assert threshold("field") == 16384
    assert aggs["total"]["aggs"]["solutions"]["cardinality"]["precision_threshold"] == (
        16384
    )
