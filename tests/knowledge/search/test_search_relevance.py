"""The relevance set and the command that measures it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from apps.demo import solutions as demo_solutions
from apps.knowledge.management.commands import search_relevance
from apps.knowledge.search import engine, relevance
from apps.knowledge.search.relevance import Measured, RelevanceQuery, load
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.knowledge.search.live_search import OPENSEARCH, require


def test_relevance_set__at_least_300_queries_over_languages_and_kinds():
    queries = load()

    assert len(queries) >= 300
    assert {q.language for q in queries} == {"de", "da", "en"}
    assert all(
        sum(q.language == language for q in queries) >= 90
        for language in ("de", "da", "en")
    )
    kinds = {"plain", "stemming", "compound", "synonym", "typo", "cross"}
    assert {q.kind for q in queries} == kinds
    for language in ("de", "da", "en"):
        assert {q.kind for q in queries if q.language == language} == kinds
    assert all(q.expected and q.text for q in queries)


def test_relevance_set__no_query_twice_in_one_language():
    seen = [(q.language, q.text.lower()) for q in load()]

    assert len(seen) == len(set(seen))


def test_relevance_set__spellings_partners_type():
    texts = " ".join(q.text for q in load())

    assert set("øæå") <= set(texts)  # Danish place names and words
    assert set("äöü") <= set(texts)
    assert any(spelling in texts for spelling in ("ae", "oe", "ue"))


def test_load__rejects_a_line_without_four_fields(tmp_path):
    path = tmp_path / "queries.txt"
    path.write_text("# comment\n\nde | plain | Rufbus\n", encoding="utf-8")

    with pytest.raises(ValueError, match="queries.txt:3"):
        load(path)


def test_relevance_set__expects_only_demo_solutions():
    demo_slugs = {solution["key"] for solution in demo_solutions.SOLUTIONS}

    expected = {slug for q in load() for slug in q.expected}

    assert expected <= demo_slugs


def test_measures__recall_at_5_and_reciprocal_rank():
    query = RelevanceQuery("de", "plain", "Rufbus", ("a", "b"))

    measured = Measured(query, ["x", "b", "y", "z", "w", "a"])

    assert measured.recall == 0.5  # "a" is sixth, outside the top five
    assert measured.reciprocal_rank == 0.5


@pytest.mark.django_db
def test_command__prints_recall_and_mrr_per_language():
    portal = PortalFactory()
    SolutionPageFactory(portal=portal, title="Rufbus NF-Shuttle", slug="nf-rufbus")
    out = StringIO()

    call_command("search_relevance", "--misses", stdout=out)

    lines = out.getvalue().splitlines()
    rows = {tuple(line.split()[:2]) for line in lines if line.startswith("database")}
    assert {("database", "de"), ("database", "da"), ("database", "en")} <= rows
    assert ("database", "all") in rows
    assert not any("miss" in line and "'Rufbus'" in line for line in lines)


@pytest.mark.django_db
def test_run__a_translation_with_its_own_slug_counts_as_its_original():
    """The demo's translations take their slugs from their titles; the set names
    a solution by the slug of its original (the demo key)."""
    portal = PortalFactory()
    original = SolutionPageFactory(
        portal=portal, title="Rufbus NF-Shuttle", slug="nf-rufbus"
    )
    danish = TranslationFactory(page=original, language_code="da")
    danish.title, danish.slug = "Telebussen NF-Shuttle", "telebussen-nf-shuttle"
    danish.save_revision().publish()
    query = RelevanceQuery("da", "plain", "Telebussen", ("nf-rufbus",))

    [measured] = relevance.run([query], engine.database_backend())

    assert measured.found == ["nf-rufbus"]
    assert measured.recall == measured.reciprocal_rank == 1.0


@pytest.mark.django_db
@override_settings(OPENSEARCH_URL="http://127.0.0.1:9", ELASTICSEARCH_URL="")
def test_command__engine_that_does_not_answer_is_reported_not_measured():
    engine.forget_reachability()
    PortalFactory()
    out, err = StringIO(), StringIO()

    call_command("search_relevance", stdout=out, stderr=err)

    assert "opensearch at http://127.0.0.1:9 does not answer" in err.getvalue()
    assert not any(
        line.startswith("opensearch") for line in out.getvalue().splitlines()
    )
    engine.forget_reachability()


def test_engine_backend__indexes_of_its_own():
    first = relevance.engine_backend("opensearch", "http://search.example:9200")
    second = relevance.engine_backend("opensearch", "http://search.example:9200")

    assert first.index_prefix.startswith("kbrelevance_")
    assert first.index_prefix != second.index_prefix


@pytest.mark.django_db
def test_command__measures_opensearch_on_indexes_it_deletes(monkeypatch):
    require(OPENSEARCH)
    engine.forget_reachability()
    portal = PortalFactory()
    SolutionPageFactory(portal=portal, title="Rufbus NF-Shuttle", slug="nf-rufbus")
    SolutionPageFactory(
        portal=portal, title="Digitale Mitfahrbank in Angeln", slug="mitfahrbank"
    )
    queries = [
        RelevanceQuery("de", "plain", "Rufbus", ("nf-rufbus",)),
        RelevanceQuery("de", "compound", "Bank", ("mitfahrbank",)),
    ]
    monkeypatch.setattr(search_relevance, "load", lambda: queries)
    backends = []
    original = relevance.engine_backend

    def remember(name, url):
        backends.append(original(name, url))
        return backends[-1]

    monkeypatch.setattr(search_relevance, "engine_backend", remember)
    out = StringIO()

    with override_settings(OPENSEARCH_URL=OPENSEARCH.url, ELASTICSEARCH_URL=""):
        call_command("search_relevance", "--engine", "opensearch", stdout=out)

    rows = [line.split() for line in out.getvalue().splitlines()]
    assert ["opensearch", "all", "2", "1.00", "1.00"] in rows
    (backend,) = backends
    assert backend.es.indices.get(index=backend.index_prefix + "*") == {}
