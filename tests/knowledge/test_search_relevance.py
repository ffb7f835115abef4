"""The relevance set and the command that measures it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from apps.knowledge.demo import solutions as demo_solutions
from apps.knowledge.search.relevance import Measured, RelevanceQuery, load
from tests.knowledge.utils import add_solution, build_portal


def test_relevance_set__at_least_60_queries_over_languages_and_kinds():
    queries = load()

    assert len(queries) >= 60
    assert {q.language for q in queries} == {"de", "da", "en"}
    assert {q.kind for q in queries} == {
        "plain",
        "stemming",
        "compound",
        "synonym",
        "typo",
        "cross",
    }
    assert all(q.expected for q in queries)


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
    portal = build_portal()
    add_solution(portal, title="Rufbus NF-Shuttle", slug="nf-rufbus")
    out = StringIO()

    call_command("search_relevance", "--misses", stdout=out)

    lines = out.getvalue().splitlines()
    rows = {tuple(line.split()[:2]) for line in lines if line.startswith("database")}
    assert {("database", "de"), ("database", "da"), ("database", "en")} <= rows
    assert ("database", "all") in rows
    assert not any("miss" in line and "'Rufbus'" in line for line in lines)
