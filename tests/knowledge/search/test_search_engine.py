"""The database search engine analyses each language as that language.

On PostgreSQL, pages are indexed with the german, danish or english text search
configuration of their locale and queries are parsed in every language. On SQLite
(FTS5) the project's backend indexes Snowball stems of each page's language; the
tests that hold on both are in ``test_search_database_analysis.py``.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from apps.knowledge.models import SolutionPage
from apps.knowledge.search import analysis
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)

only_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="per-language analysis needs PostgreSQL's text search configurations; "
    "run with DATABASE_URL=postgres://... to include these tests",
)


@pytest.mark.django_db
class DecompoundTests:
    """The Python decompounder finds the parts Elasticsearch's decompounder finds
    (every listed part at every position, normalised: see :mod:`.analysis`)."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    def test_decompound__splits_known_parts(self):
        assert {"lade", "saule"} <= set(analysis.decompound("Ladesäule"))
        assert {"elektro", "mobilitat"} <= set(analysis.decompound("Elektromobilität"))

    def test_decompound__parts_at_every_position(self):
        parts = analysis.decompound("Nahverkehrsangebot")
        assert {"nahverkehr", "verkehr", "angebot"} <= set(parts)

    def test_decompound__danish_compounds(self):
        assert "stander" in analysis.decompound("ladestandere", "da")

    def test_decompound__short_words_stay_whole(self):
        assert analysis.decompound("Bus") == []

    def test_decompound_text__all_words(self):
        parts = analysis.decompound_text("Neue Ladesäulen am Bahnhof").split()
        assert {"lade", "saule", "bahn"} <= set(parts)

    def test_german_normalise__folds_like_lucene(self):
        assert analysis.german_normalise("Straße") == "strasse"
        assert analysis.german_normalise("München Muenchen") == "munchen munchen"
        assert analysis.german_normalise("Bürger Buerger") == "burger burger"
        assert analysis.german_normalise("Ladesäule Ladesaeule") == (
            "ladesaule ladesaule"
        )
        # e after a vowel + u, or after q + u, is a real e.
        assert analysis.german_normalise("Mauer Quelle neue") == "mauer quelle neue"

    def test_normalise_language(self):
        assert analysis.normalise_language("de-at") == "de"
        assert analysis.normalise_language("da") == "da"
        assert analysis.normalise_language("fr") == "de"
        assert analysis.normalise_language(None) == "de"


@pytest.mark.django_db
class SearchEngineTestCase:
    """A German and a Danish-only solution, published and indexed."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.german = SolutionPageFactory(
            portal=cls.portal,
            title="Ladesäule am Hafen",
            teaser="Eine Ladesäule für Elektromobilität in der Innenstadt.",
            municipality="Flensburg",
        )
        danish_area = TranslationFactory(page=cls.portal.area, language_code="da")
        cls.danish = factories.SolutionPageFactory(
            parent=danish_area,
            title="Ladestandere ved havnen",
            teaser="Nye ladestandere og LoRaWAN-sensorer måler vandstanden i Tønder.",
            municipality="Tønder",
        )

    def search(self, query: str) -> list[SolutionPage]:
        return list(SolutionPage.objects.live().search(query))


@pytest.mark.django_db
class DatabaseSearchTests(SearchEngineTestCase):
    """Holds on SQLite and PostgreSQL alike."""

    def test_exact_word__finds_german_page_only(self):
        assert self.search("Innenstadt") == [self.german]

    def test_exact_word__finds_danish_page_only(self):
        assert self.search("Tønder") == [self.danish]

    def test_word_in_no_page__finds_nothing(self):
        assert self.search("Windpark") == []

    def test_autocomplete__prefix_in_any_language(self):
        results = SolutionPage.objects.live().autocomplete("Ladest")
        assert list(results) == [self.danish]

    def test_rebuild__finds_the_same_pages(self):
        call_command("wagtail_update_index", stdout=StringIO())
        assert self.search("Innenstadt") == [self.german]
        assert self.search("Tønder") == [self.danish]

    def test_unpublished_page__is_not_found(self):
        self.danish.unpublish()
        assert self.search("Tønder") == []


@only_postgres
@pytest.mark.django_db
class PostgresLanguageAnalysisTests(SearchEngineTestCase):
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    def test_default_backend__is_the_localised_postgres_backend(self):
        from apps.knowledge.search.postgres import LocalisedPostgresSearchBackend

        assert isinstance(get_search_backend(), LocalisedPostgresSearchBackend)

    def test_index_entry__uses_the_config_of_the_page_locale(self):
        german = IndexEntry.objects.get(object_id=str(self.german.pk))
        danish = IndexEntry.objects.get(object_id=str(self.danish.pk))
        # german: umlaut folded and stemmed; danish: plural -ere stemmed away.
        assert "'ladesaul'" in german.title
        assert "'ladestand'" in danish.title
        # German compound parts are indexed; Danish text is not split.
        assert "'saul'" in german.body
        assert "'mobilitat'" in german.body

    def test_german_inflection__finds_german_page(self):
        assert self.search("Ladesäulen") == [self.german]

    def test_german_compound_part__finds_compound(self):
        assert self.search("Säulen") == [self.german]
        assert self.search("Mobilität") == [self.german]

    def test_umlaut_and_sharp_s__are_folded(self):
        # As Elasticsearch's german_normalization: umlaut, its ae spelling, or none.
        assert self.search("Ladesaeulen") == [self.german]
        assert self.search("ladesaule") == [self.german]

    def test_danish_stemmed_form__finds_danish_page(self):
        assert self.search("ladestanderne") == [self.danish]
        assert self.search("ladestander") == [self.danish]

    def test_german_query__finds_danish_only_page(self):
        # "Sensoren" is German; the Danish analysis of the query meets "sensorer".
        assert self.search("Sensoren") == [self.danish]

    def test_visitor_language__ranks_first(self):
        # Same words in both languages, so only the visitor's language differs.
        shared = {"title": "Sønderborg", "teaser": "Sønderborg", "municipality": "-"}
        german = SolutionPageFactory(portal=self.portal, **shared)
        danish_area = TranslationFactory(page=self.portal.area, language_code="da")
        danish = factories.SolutionPageFactory(parent=danish_area, **shared)
        query = "Sønderborg"
        with translation.override("da"):
            assert self.search(query)[:2] == [danish, german]
        with translation.override("de"):
            assert self.search(query)[:2] == [german, danish]
        # The language is the one active when the search is made, even if the
        # lazy results are read later (for example in a template).
        with translation.override("da"):
            results = SolutionPage.objects.live().search(query)
        with translation.override("de"):
            assert list(results)[:2] == [danish, german]

    def test_not_query__excludes_in_every_language(self):
        from modelsearch.query import Not, PlainText

        results = list(
            SolutionPage.objects.live().search(
                PlainText("Ladesäulen") | PlainText("ladestandere")
            )
        )
        assert set(results) == {self.german, self.danish}
        results = list(
            SolutionPage.objects.live().search(
                (PlainText("Ladesäulen") | PlainText("ladestandere"))
                & Not(PlainText("ladestanderne"))
            )
        )
        assert results == [self.german]

    def test_facet__counts_the_language_aware_matches(self):
        results = SolutionPage.objects.live().search("Ladesäulen ladestanderne")
        assert results.facet("phase") == {}  # "and": no page has both words
        results = SolutionPage.objects.live().search(
            "Ladesäulen ladestanderne", operator="or"
        )
        assert results.facet("phase") == {self.german.phase: 2}

    def test_rebuild__keeps_each_language(self):
        IndexEntry.objects.all().delete()
        call_command("wagtail_update_index", stdout=StringIO())
        danish = IndexEntry.objects.get(object_id=str(self.danish.pk))
        assert "'ladestand'" in danish.title
        assert self.search("Ladesäulen") == [self.german]
        assert self.search("ladestanderne") == [self.danish]

    def test_field_search__analyses_the_field_in_every_language(self):
        results = SolutionPage.objects.live().search("ladestanderne", fields=["title"])
        assert list(results) == [self.danish]


def opensearch_backends(url: str, prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "apps.knowledge.search.opensearch",
            "URLS": [url],
            "INDEX_PREFIX": prefix,
        }
    }


def test_portal_searches__share_one_engine_client_until_the_settings_change(settings):
    """A backend made per search opened a new connection to the engine each time
    (with a secured cluster, a TLS handshake per search)."""
    from apps.knowledge.search import engine

    settings.WAGTAILSEARCH_BACKENDS = opensearch_backends("http://127.0.0.1:9", "kb_a_")
    first = engine.default_backend()

    assert engine.default_backend() is first
    assert engine.default_backend().es is first.es

    settings.WAGTAILSEARCH_BACKENDS = opensearch_backends(
        "http://127.0.0.1:19", "kb_b_"
    )
    other = engine.default_backend()

    assert other is not first
    assert other.get_index_for_model(SolutionPage).name.startswith("kb_b_")
