"""The portal search on the database backends is computed in SQL.

Facet counts, the total and the results page come from the database as ``GROUP BY``,
``COUNT(DISTINCT translation_key)`` and a window over the matching versions: a
search is a handful of short statements, never a list of ids read into Python and
sent back. Runs on SQLite and, with ``DATABASE_URL``, on PostgreSQL.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from http import HTTPStatus
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from apps.knowledge.choices import Phase
from apps.knowledge.models import SolutionPage
from apps.knowledge.search import database_query, engine
from apps.knowledge.search.database_rank import (
    best_scored,
    best_scored_sql,
    ranked,
    ranked_and_scored,
    scores_apart,
)
from apps.knowledge.search.service import RESULTS_PER_PAGE, SearchParams
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)

SOLUTIONS = 120
MAX_QUERIES = 10
#: A statement longer than this carries data, not a query.
MAX_SQL_LENGTH = 12_000
#: Twenty numbers or quoted values in a row: an id list built in Python.
ID_LIST = re.compile(r"(?:(?:\d+|'[^']*'), ){20,}")
PHASES = [Phase.IDEA, Phase.PILOT, Phase.OPERATION]
MUNICIPALITIES = ["Flensburg", "Tønder", "Aabenraa", "Sønderborg"]


def run(params: SearchParams, language: str = "de") -> database_query.Matches:
    return database_query.run(
        params,
        params.q,
        [],
        engine.database_backend(),
        language,
        per_page=RESULTS_PER_PAGE,
    )


@pytest.mark.django_db
class ManySolutionsTests:
    """Hundreds of solutions: the statements must not grow with them."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        organisations = [factories.OrganisationFactory() for _ in range(3)]
        for number in range(SOLUTIONS):
            SolutionPageFactory(
                portal=cls.portal,
                title=f"Sensor {number}",
                teaser="Sensoren messen den Wasserstand.",
                phase=PHASES[number % len(PHASES)],
                municipality=MUNICIPALITIES[number % len(MUNICIPALITIES)],
                lead_organisation=organisations[number % len(organisations)],
            )

    def assert_few_short_statements(self, params: SearchParams) -> None:
        with CaptureQueriesContext(connection) as queries:
            found = run(params)
        statements = [query["sql"] for query in queries.captured_queries]
        assert len(statements) <= MAX_QUERIES, statements
        for sql in statements:
            assert len(sql) <= MAX_SQL_LENGTH, sql[:500]
            assert not ID_LIST.search(sql), sql[:500]
        return found

    def test_text_and_two_facets__few_short_statements(self):
        params = SearchParams(
            q="Sensor",
            filters={"phase": ("pilot",), "municipality": ("Tønder", "Aabenraa")},
        )
        found = self.assert_few_short_statements(params)
        # Pilot is every third, Tønder and Aabenraa every second of four: 1 in 6.
        assert found.total == SOLUTIONS // 6
        assert len(found.ids) == RESULTS_PER_PAGE
        # Each facet under the other's filter only.
        third_of_half = SOLUTIONS // 2 // 3
        assert found.facet_counts["phase"] == {
            "idea": third_of_half,
            "pilot": third_of_half,
            "operation": third_of_half,
        }
        assert found.facet_counts["municipality"] == dict.fromkeys(
            MUNICIPALITIES, SOLUTIONS // 3 // 4
        )

    def test_browse_by_one_facet__few_short_statements(self):
        found = self.assert_few_short_statements(
            SearchParams(filters={"phase": ("idea",)})
        )
        assert found.total == SOLUTIONS // 3
        assert found.facet_counts["phase"] == {
            phase.value: SOLUTIONS // 3 for phase in PHASES
        }
        assert sum(found.facet_counts["organisation"].values()) == SOLUTIONS // 3

    @pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the GIN index is PostgreSQL's; run with DATABASE_URL=postgres://...",
    )
    def test_text_match__index_scan_among_thousands_of_entries(self):
        # As at 10,000 solutions: thousands of index entries (of no live page
        # here), so that reading them all costs more than the index. Without an
        # index on the very expression the match uses, every entry is read.
        # 30,000 entries (three languages of 10,000 solutions): with fewer, the
        # planner may find a sequential scan cheaper when statistics left by
        # earlier tests make the tables look small.
        filler = ContentType.objects.get_for_model(SolutionPage).pk
        backend = engine.database_backend()
        query = engine.build_query("17", [], backend, "and")  # one solution
        matched = ranked(backend, query, database_query.live_pages())
        sql, params = matched.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id,"  # noqa: S608
                " object_id, title_norm, autocomplete, title, body, title_text,"
                " body_text) SELECT %s, 'filler' || n, 1.0, '', '',"
                " to_tsvector('simple', 'filler ' || n), '', ''"
                " FROM generate_series(1, 30000) AS n",
                [filler],
            )
            cursor.execute("ANALYZE")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "knowledge_search_match_gin" in plan, plan

    @pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the FTS5 scores are SQLite's"
    )
    @pytest.mark.parametrize("sort", ["relevance", "date"])
    def test_results_page__fts5_match_scored_once_same_order(self, sort):
        # modelsearch scores each matching page with a subquery that runs the
        # full-text match again: seconds at 10,000 solutions. The page's statement
        # reads the scores from one scan, in the order the ranked queryset gives.
        backend = engine.database_backend()
        query = engine.build_query("Sensoren", [], backend, "and")
        matched, scores = ranked_and_scored(backend, query, database_query.live_pages())
        assert scores is not None
        best = database_query._BestVersions(matched, scores, sort, "Sensoren")
        sql, params = best.raw
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = cursor.fetchall()
        correlated = {node for node, _parent, _x, step in plan if "CORRELATED" in step}
        scans_per_row = [
            step
            for _node, parent, _x, step in plan
            if parent in correlated and "VIRTUAL TABLE" in step
        ]
        assert not scans_per_row, plan
        assert not correlated, plan
        ranked_order = database_query._BestVersions(matched, None, sort, "Sensoren")
        for start in (0, 12, 108):
            assert best.window(start, 12) == ranked_order.window(start, 12)
        assert len(best.window(0, SOLUTIONS)) == SOLUTIONS

    @pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the FTS5 scores are SQLite's"
    )
    def test_suggestions__fts5_match_scored_once_same_order(self):
        backend = engine.database_backend()
        matches = database_query.live_pages()
        results = backend.autocomplete("Sens", matches)
        expected = [(page.pk, page.translation_key) for page in results[:40]]
        scores = scores_apart(results, backend)
        found = best_scored(matches, scores, 40)
        assert len(expected) == 40
        assert [(pk, uuid.UUID(key)) for pk, key in found] == expected
        # The pages are looked up by key from the scores, not scanned (no index
        # serves a join on the pages' ids as text).
        sql, params = best_scored_sql(matches, scores, 40)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            steps = [row[3] for row in cursor.fetchall()]
        assert any(
            step.startswith("SEARCH wagtailcore_page USING INTEGER PRIMARY KEY")
            for step in steps
        ), steps

    def test_pages__split_the_matches_without_overlap(self):
        params = SearchParams(q="Sensoren", filters={"phase": ("idea",)})
        seen = []
        for page in range(1, 11):
            found = run(SearchParams(params.q, params.filters, params.sort, page=page))
            seen.extend(found.ids)
        assert len(seen) == len(set(seen)) == SOLUTIONS // 3


@pytest.mark.django_db
class SolutionSemanticsTests:
    """What the counts mean, the same on every engine."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.german = SolutionPageFactory(
            portal=cls.portal, title="Wasserstand Hafen", phase=Phase.PILOT
        )
        cls.danish = TranslationFactory(page=cls.german, language_code="da")
        cls.danish.title = "Vandstand havn Wasserstand"
        cls.danish.save_revision().publish()
        cls.other = SolutionPageFactory(
            portal=cls.portal, title="Wasserstand Deich", phase=Phase.IDEA
        )

    def test_solution_counts_once__whichever_versions_match(self):
        found = run(SearchParams(q="Wasserstand"))
        assert found.total == 2
        assert found.facet_counts["phase"] == {"pilot": 1, "idea": 1}
        # The language facet counts the solutions with a matching version in it.
        assert found.facet_counts["language"] == {"de": 2, "da": 1}

    def test_each_facet__counted_under_the_others_filters(self):
        found = run(SearchParams(q="Wasserstand", filters={"phase": ("idea",)}), "da")
        assert found.total == 1
        assert found.ids == [self.other.pk]
        assert found.facet_counts["phase"] == {"pilot": 1, "idea": 1}
        assert found.facet_counts["language"] == {"de": 1}

    def test_language_facet__keeps_the_selected_language(self):
        params = SearchParams(q="Wasserstand", filters={"language": ("de",)})
        found = run(params, "da")
        assert set(found.ids) == {self.german.pk, self.other.pk}
        found = run(SearchParams(q="Wasserstand"), "da")
        assert self.danish.pk in found.ids

    def test_unknown_field_slug__matches_nothing(self):
        found = run(SearchParams(q="Wasserstand", filters={"field": ("nope",)}))
        assert found.total == 0
        assert found.ids == []

    def test_sort_by_date__pages_never_published_through_the_admin_last(self):
        now = timezone.now()
        Page.objects.filter(pk=self.german.pk).update(last_published_at=None)
        Page.objects.filter(pk=self.other.pk).update(last_published_at=now)
        Page.objects.filter(pk=self.danish.pk).update(
            last_published_at=now - timedelta(days=1)
        )
        for params in (
            SearchParams(q="Wasserstand", sort="date"),
            SearchParams(filters={"phase": ("pilot", "idea")}),
        ):
            found = run(params, "en")
            # The solution's newest version decides its place.
            assert found.ids == [self.other.pk, self.danish.pk], params


@pytest.mark.django_db
class BadInputTests:
    """Whatever a visitor types, the search answers: results or none."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None, client: Any) -> None:
        self.client = client

    QUERIES = [
        "\x00\x01\x1f Wasserstand \x7f",
        "Wasserstand " * 900,
        " ".join(f"wort{number}" for number in range(500)),
        'AND ( "',
        "*",
        "~",
        "field:x",
        "\\",
        'Wasser" OR "1"="1',
        "NEAR(a b) ^title -x +y",
        "'; DROP TABLE x; --",
        "ø æ å ß",
    ]

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        SolutionPageFactory(portal=cls.portal, title="Wasserstand Hafen")

    def test_any_query__results_or_none(self):
        for query in self.QUERIES:
            for operator in ("and", "or"):
                found = database_query.run(
                    SearchParams(q=query, filters={"phase": ("pilot",)}),
                    query,
                    [],
                    engine.database_backend(),
                    "de",
                    operator=operator,
                    per_page=RESULTS_PER_PAGE,
                )
                assert found.total >= 0, query

    def test_any_query__portal_answers(self):
        for query in self.QUERIES:
            # Control characters may be refused as a bad request, never a 500.
            response = self.client.get("/de/search/", {"q": query})
            assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)
            response = self.client.get("/api/search/", {"q": query})
            assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)

    def test_control_characters__are_ignored(self):
        found = run(SearchParams(q="\x00Wasserstand\x1f"))
        assert found.total == 1
