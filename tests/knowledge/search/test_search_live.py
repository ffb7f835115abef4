"""Live tests against a real search engine: the OpenSearch node, and Elasticsearch 9.

Each test runs on every engine that is set (see tests/knowledge/search/live_search.py):
OpenSearch at ``OPENSEARCH_URL`` (``.ci/run`` starts a node; locally
``make test-search``), Elasticsearch at ``ELASTICSEARCH_URL``. The request bodies
themselves are asserted in test_search_elasticsearch.py; here the engine answers.
Indexes get a prefix of their own per test and are deleted afterwards.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http import HTTPStatus
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from modelsearch.backends import get_search_backend
from wagtail.models import Locale

from apps.knowledge.models import PendingIndexUpdate, SolutionPage
from apps.knowledge.search import engine as search_engine
from apps.knowledge.search import engine_query
from apps.knowledge.search import service as search_service
from apps.knowledge.search.engine import build_query
from apps.knowledge.search.localised import MAX_RESULT_WINDOW
from apps.knowledge.search.rebuild import update_synonyms
from apps.knowledge.search.service import SearchParams, search
from apps.knowledge.search.synonyms import synonym_groups
from tests.factories import UserProfileFactory
from tests.knowledge import factories
from tests.knowledge.factories import (
    Portal,
    PortalFactory,
    SolutionPageFactory,
    TermGroupFactory,
    TranslationFactory,
)
from tests.knowledge.search.live_search import (
    OPENSEARCH,
    LiveEngine,
    engine_params,
    require,
    search_node,
)

pytestmark = [pytest.mark.live_search, pytest.mark.django_db]


@dataclass
class Live:
    """A portal with German and Danish solutions, indexed in a live engine."""

    engine: LiveEngine
    backend: object
    portal: Portal
    german: SolutionPage
    danish: SolutionPage
    german_shared: SolutionPage
    danish_shared: SolutionPage

    @property
    def index(self):
        return self.backend.get_index_for_model(SolutionPage)

    def reindex(self) -> None:
        index = self.index
        index.delete()
        index.put()
        index.add_model(SolutionPage)
        index.add_items(SolutionPage, list(SolutionPage.objects.all()))
        index.refresh()

    def search(self, text: str, language: str = "de", operator: str = "and"):
        with translation.override(language):
            query = build_query(text, synonym_groups(), self.backend, operator)
            return list(self.backend.search(query, SolutionPage.objects.live()))

    def tokens(self, analyzer: str, text: str) -> list[str]:
        response = self.backend.es.indices.analyze(
            index=self.index.name, body={"analyzer": analyzer, "text": text}
        )
        return [token["token"] for token in response["tokens"]]


@pytest.fixture(params=engine_params())
def live(request, settings) -> Live:
    engine: LiveEngine = request.param
    require(engine)
    portal = PortalFactory()
    german = SolutionPageFactory(
        portal=portal,
        title="Ladesäule am Hafen",
        teaser="Eine Ladesäule für Elektromobilität in der Innenstadt.",
        municipality="Flensburg",
    )
    danish_area = TranslationFactory(page=portal.area, language_code="da")
    danish_locale = Locale.objects.get(language_code="da")
    danish = factories.SolutionPageFactory(
        parent=danish_area,
        locale=danish_locale,
        title="Ladestandere ved havnen",
        teaser="Nye ladestandere og LoRaWAN-sensorer måler vandstanden i Tønder.",
        municipality="Tønder",
    )
    # The same words in both languages: only the visitor's language differs.
    shared = {"title": "Sønderborg", "teaser": "Sønderborg", "municipality": "-"}
    german_shared = SolutionPageFactory(portal=portal, **shared)
    danish_shared = factories.SolutionPageFactory(
        parent=danish_area, locale=danish_locale, **shared
    )
    backend = engine.make_backend(ATOMIC_REBUILD=False)
    setup = Live(engine, backend, portal, german, danish, german_shared, danish_shared)
    setup.reindex()
    yield setup
    delete_indexes(backend)


def delete_indexes(backend) -> None:
    """Every index under the backend's prefix, aliased or not."""
    found = backend.es.indices.get(index=backend.index_prefix + "*")
    for name in found:
        backend.es.indices.delete(index=name)


# Index settings and analysis -------------------------------------------------------


def test_engine__accepts_the_index_settings_and_mapping(live):
    name = live.index.name
    mapping = live.backend.es.indices.get_mapping(index=name)
    properties = mapping[name]["mappings"]["properties"]
    assert properties["_all_text_de"]["analyzer"] == "kb_german"
    assert properties["_all_text_de"]["search_analyzer"] == "kb_german_search"
    assert properties["_all_text_da"]["analyzer"] == "kb_danish"
    assert properties["_all_text_en"]["analyzer"] == "kb_english"
    assert properties["_language"] == {"type": "keyword"}
    analysis = live.backend.es.indices.get_settings(index=name)[name]["settings"][
        "index"
    ]["analysis"]
    assert set(analysis["analyzer"]) >= {"kb_german", "kb_danish", "kb_english"}


def test_german_analysis__folds_inflection_umlauts_and_eszett(live):
    assert live.tokens("kb_german_search", "Ladesäulen") == live.tokens(
        "kb_german_search", "Ladesäule"
    )
    assert live.tokens("kb_german_search", "Straße") == live.tokens(
        "kb_german_search", "Strasse"
    )
    assert live.tokens("kb_german_search", "Müller") == live.tokens(
        "kb_german_search", "Mueller"
    )


def test_german_analysis__splits_compounds_when_indexing_only(live):
    indexed = live.tokens("kb_german", "Elektromobilität")
    part = live.tokens("kb_german_search", "Mobilität")
    assert set(part) <= set(indexed)
    assert len(indexed) > 1
    # The query keeps the compound whole: "Elektromobilität" is not widened to
    # every text that mentions "Elektro".
    assert len(live.tokens("kb_german_search", "Elektromobilität")) == 1


def test_danish_analysis__definite_and_plural_forms_meet(live):
    assert live.tokens("kb_danish", "ladestanderne") == live.tokens(
        "kb_danish", "ladestandere"
    )
    assert live.tokens("kb_danish", "kommunen") == live.tokens("kb_danish", "kommune")
    # Danish stop words are dropped.
    assert live.tokens("kb_danish", "og") == []


def test_english_analysis__stems_plurals_and_possessives(live):
    assert live.tokens("kb_english", "stations") == live.tokens("kb_english", "station")
    assert live.tokens("kb_english", "region's") == live.tokens("kb_english", "region")


# Documents indexed and found -------------------------------------------------------


def test_search__german_inflection_finds_the_german_page(live):
    assert live.search("Ladesäulen") == [live.german]


def test_search__a_compound_part_finds_the_compound(live):
    assert live.search("Mobilität") == [live.german]


def test_search__danish_definite_form_finds_the_danish_page(live):
    assert live.search("ladestanderne", "da") == [live.danish]


def test_search__german_visitor_finds_a_danish_only_page(live):
    assert live.search("Sensoren") == [live.danish]


def test_search__visitor_language_ranks_first(live):
    assert live.search("Sønderborg", "da") == [live.danish_shared, live.german_shared]
    assert live.search("Sønderborg", "de") == [live.german_shared, live.danish_shared]


def test_search__a_typo_is_tolerated(live):
    assert live.search("Ladesäulw") == [live.german]
    assert live.search("ladestandre", "da") == [live.danish]


def test_search__a_page_saved_later_is_found_after_its_update(live):
    live.german.teaser = "Jetzt auch mit Fahrradreparaturstation."
    live.german.save_revision().publish()
    live.backend.add(live.german)
    live.index.refresh()
    assert live.search("Fahrradreparaturstation") == [live.german]


# Synonyms --------------------------------------------------------------------------


def test_synonyms__the_term_list_expands_queries(live):
    TermGroupFactory(
        name="charging",
        terms={"de": "Ladesäule", "da": "ladestander", "en": "charging point"},
    )
    live.reindex()
    assert set(live.search("charging point", "en")) == {live.german, live.danish}


def test_synonyms__a_changed_term_list_applies_without_downtime(live):
    """The term list changes while visitors search: every search answers.

    The index is rebuilt behind its alias (never closed); the old index goes only
    after the alias points to the new one.
    """
    update_synonyms(live.backend)  # the index is an alias from now on
    old = set(live.backend.es.indices.get_alias(index=live.index.name))
    TermGroupFactory(
        name="charging",
        terms={"de": "Ladesäule", "da": "ladestander", "en": "charging point"},
    )
    # The visitor's request, built here: the thread talks to the engine only (the
    # test database belongs to this thread).
    with translation.override("de"):
        query = build_query("Ladesäulen", [], live.backend)
        body = live.backend.search(query, SolutionPage.objects.live())._get_es_body()
    answers: list[list[int]] = []
    failures: list[Exception] = []
    done = threading.Event()

    def visitor() -> None:
        while not done.is_set():
            try:
                found = live.backend.es.search(index=live.index.name, body=body)
                answers.append(
                    [int(hit["_id"].split(":")[-1]) for hit in found["hits"]["hits"]]
                )
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                failures.append(error)

    thread = threading.Thread(target=visitor)
    thread.start()
    try:
        names = update_synonyms(live.backend)
    finally:
        done.set()
        thread.join(timeout=30)

    assert live.index.name in names
    assert failures == []
    assert answers
    # Before the switch "Ladesäulen" finds the German page; after it, the new
    # group's Danish "ladestandere" too (the synonym rule is read through the
    # stemmer, so the plural meets it). Never anything else, never nothing.
    before, after = (live.german.pk,), (live.german.pk, live.danish.pk)
    assert {tuple(answer) for answer in answers} <= {before, after}
    assert answers[-1] == list(after)
    now = set(live.backend.es.indices.get_alias(index=live.index.name))
    assert now and now.isdisjoint(old)
    assert set(live.search("charging point", "en")) == {live.german, live.danish}


def test_synonyms__a_changed_term_list_applies_to_the_live_index(live):
    assert live.search("charging point", "en") == []
    TermGroupFactory(
        name="charging",
        terms={"de": "Ladesäule", "da": "ladestander", "en": "charging point"},
    )

    names = update_synonyms(live.backend)

    assert live.index.name in names
    assert set(live.search("charging point", "en")) == {live.german, live.danish}


# Autocomplete ----------------------------------------------------------------------


def test_autocomplete__finds_a_title_from_its_first_letters(live):
    with translation.override("de"):
        found = list(live.backend.autocomplete("Ladesä", SolutionPage.objects.live()))
    assert live.german in found
    assert live.danish_shared not in found


# Facets on the engine's matches ----------------------------------------------------


def serve_from_the_engine(live, settings) -> None:
    """The portal's default search backend is the live engine's test index."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": live.engine.backend,
            "URLS": [live.engine.url],
            "INDEX_PREFIX": live.backend.index_prefix,
            "TIMEOUT": 30,
        },
        "database": {"BACKEND": "apps.knowledge.search.database"},
    }
    search_engine.forget_reachability()


def test_portal_search__counts_facets_over_the_engines_matches(live, settings):
    serve_from_the_engine(live, settings)
    answer = Client().get("/api/search/", {"q": "Sønderborg", "lang": "da"})
    assert answer.status_code == HTTPStatus.OK
    data = answer.json()
    assert data["engine"] == live.engine.name
    facets = {facet["name"]: facet for facet in data["facets"]}
    languages = {
        value["value"]: value["count"] for value in facets["language"]["values"]
    }
    # Two separate solutions (not translations of each other), one per language.
    assert languages == {"da": 1, "de": 1}


@pytest.mark.parametrize(
    "url",
    [
        "/de/search/?q=Lades%C3%A4ule&country=DE&language=de",
        "/de/search/?language=de",
        "/api/search/?q=Lades%C3%A4ule&lang=de&country=DE",
    ],
)
def test_portal_search__at_most_ten_sql_queries_per_request(live, settings, url):
    """The engine answers the search; the database only names and loads the hits
    of one page (the content facts every request needs are kept in the cache)."""
    serve_from_the_engine(live, settings)
    client = Client()
    assert client.get(url).status_code == HTTPStatus.OK  # warm-up, as in production
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(url)
    assert answer.status_code == HTTPStatus.OK
    assert "Ladesäule am Hafen" in answer.content.decode()
    assert len(captured) <= 10, [query["sql"][:120] for query in captured]


# One request per portal search: aggregations, collapse, paging, highlights ---------


def engine_search(live, language: str = "de", /, **query):
    """The portal search service on the live engine, as the search page runs it."""
    data = QueryDict(mutable=True)
    for name, value in query.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    params = SearchParams.from_query_dict(data)
    with translation.override(language):
        return search(params, language, backend=live.backend, record=False)


def facet_counts(outcome) -> dict[str, dict[str, int]]:
    return {
        facet.name: {value.value: value.count for value in facet.values if value.count}
        for facet in outcome.facets
    }


def test_engine_search__one_hit_per_solution_in_the_visitors_language(live):
    danish_copy = TranslationFactory(page=live.german, language_code="da")
    live.reindex()

    german_visitor = engine_search(live, "de", q="Ladesäule")
    danish_visitor = engine_search(live, "da", q="Ladesäule")

    assert [hit.page.pk for hit in german_visitor.hits] == [live.german.pk]
    assert [hit.page.pk for hit in danish_visitor.hits] == [danish_copy.pk]
    assert german_visitor.total == danish_visitor.total == 1
    # The solution counts once, in each language it was found in.
    assert facet_counts(danish_visitor)["language"] == {"de": 1, "da": 1}
    assert facet_counts(danish_visitor)["phase"] == {"pilot": 1}


def test_engine_search__pages_with_from_and_size(live):
    for number in range(15):
        SolutionPageFactory(
            portal=live.portal, title=f"Pumpstation {number}", teaser="Pumpe"
        )
    live.reindex()

    first = engine_search(live, q="Pumpe")
    second = engine_search(live, q="Pumpe", page="2")

    assert first.total == second.total == 15
    assert len(first.hits) == 12
    assert len(second.hits) == 3
    assert second.page.number == 2
    assert second.page.paginator.num_pages == 2
    shown = [hit.page.pk for hit in first.hits + second.hits]
    assert len(set(shown)) == 15


def test_engine_search__facets_count_under_the_other_facets_filters(live):
    idea = SolutionPageFactory(
        portal=live.portal, title="Dorfladen digital", phase="idea"
    )
    SolutionPageFactory(portal=live.portal, title="Dorfladen mobil", phase="operation")
    idea.tags.add("nahversorgung")
    idea.save_revision().publish()
    live.reindex()

    outcome = engine_search(live, q="Dorfladen", phase="idea")

    assert [hit.page.pk for hit in outcome.hits] == [idea.pk]
    counts = facet_counts(outcome)
    # The phase facet still offers the other phase (post_filter, not query).
    assert counts["phase"] == {"idea": 1, "operation": 1}
    # The other facets count under the selected phase.
    assert counts["tag"] == {"nahversorgung": 1}
    assert counts["municipality"] == {"Flensburg": 1}


def test_engine_search__typo_neighbours_only_when_the_words_do_not_fill_a_page(
    live, monkeypatch
):
    """The words are searched as typed first; their typo neighbours join only
    when that leaves the first page short (fuzzy matching is most of the work)."""
    for title in ("Kartoffel Nord", "Kartoffel Süd"):
        SolutionPageFactory(portal=live.portal, title=title)
    neighbour = SolutionPageFactory(portal=live.portal, title="Kartofel Ost")
    live.reindex()

    monkeypatch.setattr(search_service, "RESULTS_PER_PAGE", 2)
    full = engine_search(live, q="Kartoffel")
    second_page = engine_search(live, q="Kartoffel", page="2")
    monkeypatch.setattr(search_service, "RESULTS_PER_PAGE", 3)
    short = engine_search(live, q="Kartoffel")
    typo = engine_search(live, q="Kartofel")

    assert full.total == 2 and second_page.total == 2
    assert neighbour.pk not in [hit.page.pk for hit in full.hits + second_page.hits]
    assert short.total == 3
    assert neighbour.pk in [hit.page.pk for hit in short.hits]
    # The neighbour was found by a typo of the word: the engine marks only the
    # words as typed, the others' excerpt is the page's own text.
    [excerpt] = [hit.excerpt for hit in short.hits if hit.page.pk == neighbour.pk]
    assert "<mark>" not in excerpt
    assert typo.total == 3  # the typo finds the word it misses


def test_index__pages_past_ten_thousand_results_are_allowed(live):
    """The engines refuse ``from`` + ``size`` over 10,000 by default: the last
    pages of a search at 10,000 solutions would fall back to the database."""
    name = live.index.name
    settings = live.backend.es.indices.get_settings(index=name)
    [index_settings] = [value["settings"]["index"] for value in settings.values()]

    assert int(index_settings["max_result_window"]) == MAX_RESULT_WINDOW
    assert MAX_RESULT_WINDOW >= search_service.MAX_PAGE * (
        search_service.RESULTS_PER_PAGE
    )


def test_engine_search__highlights_come_from_the_engine(live):
    outcome = engine_search(live, q="Elektromobilität")
    [hit] = outcome.hits
    assert "<mark>" in hit.excerpt
    assert "Elektromobilität" in hit.excerpt


def test_engine_search__same_facet_counts_as_the_database(live):
    """The same content gives the same counts on the engine and the database."""
    TranslationFactory(page=live.german, language_code="da")
    # A word only German texts have: the engine's fuzziness and Danish stems
    # ("havnen") would rightly find more than the database for "Hafen".
    extra = SolutionPageFactory(
        portal=live.portal, title="Innenstadt Sensoren", phase="concept"
    )
    extra.tags.add("innenstadt")
    extra.save_revision().publish()
    live.reindex()
    database = get_search_backend("apps.knowledge.search.database")
    for query in (
        {"q": "Innenstadt"},
        {"phase": "pilot"},
        {"q": "Innenstadt", "phase": "concept"},
        # Counted by first versions, by documents in one language, by keys.
        {"language": "da"},
        {"phase": "pilot", "language": "da"},
        {"phase": "pilot", "language": ["da", "de"]},
    ):
        for language in ("de", "da"):
            on_engine = engine_search(live, language, **query)
            data = QueryDict(mutable=True)
            for name, value in query.items():
                data.setlist(name, value if isinstance(value, list) else [value])
            with translation.override(language):
                on_database = search(
                    SearchParams.from_query_dict(data),
                    language,
                    backend=database,
                    record=False,
                )
            assert on_engine.total == on_database.total, (query, language)
            assert facet_counts(on_engine) == facet_counts(on_database), (
                query,
                language,
            )


def test_engine_browse__a_solution_counts_once_whichever_version_is_live(
    live, settings
):
    """Browsing counts each solution by its first live version's document; when
    that version is unpublished, the next one counts, and once again only one."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": live.engine.backend_settings(live.backend.index_prefix),
    }
    danish_copy = TranslationFactory(page=live.german, language_code="da")
    live.reindex()

    def browse() -> tuple[int, dict]:
        live.index.refresh()
        outcome = engine_search(live, "de", phase="pilot")
        return outcome.total, facet_counts(outcome)["municipality"]

    # Four solutions in the pilot phase, the first in two languages.
    assert browse() == (4, {"Flensburg": 1, "Tønder": 1, "-": 2})

    live.german.refresh_from_db()
    live.german.unpublish()
    assert browse() == (4, {"Flensburg": 1, "Tønder": 1, "-": 2})

    live.german.refresh_from_db()
    live.german.save_revision().publish()
    assert browse() == (4, {"Flensburg": 1, "Tønder": 1, "-": 2})

    danish_copy.refresh_from_db()
    danish_copy.delete()
    live.german.refresh_from_db()
    live.german.unpublish()
    assert browse() == (3, {"Tønder": 1, "-": 2})


def test_engine_search__facet_counters_sized_to_the_largest_value(live):
    """Below its threshold a distinct count is exact: each facet's is the next
    power of two above its largest value's documents among the visible pages."""
    for number in range(5):
        page = SolutionPageFactory(portal=live.portal, title=f"Bake {number}")
        page.tags.add("kueste")
        page.save_revision().publish()
    live.reindex()

    precisions = engine_query.facet_precisions(live.backend, live.index.name)

    # Five documents carry the tag, nine are in the pilot phase.
    assert precisions["tag"] == 8
    assert precisions["phase"] == 16
    outcome = engine_search(live, q="Bake")
    assert facet_counts(outcome)["tag"] == {"kueste": 5}


@pytest.mark.parametrize("atomic", [True, False], ids=["atomic", "in place"])
def test_update_index__every_page_searchable_when_it_ends(live, settings, atomic):
    """The bulk requests overlap the next batch and the engine does not refresh
    meanwhile: when the rebuild ends, the last batch is in and searchable."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": live.engine.backend_settings(
            live.backend.index_prefix, ATOMIC_REBUILD=atomic
        ),
    }
    for number in range(30):
        SolutionPageFactory(portal=live.portal, title=f"Deichschau {number}")

    call_command(
        "update_index", backend_name="default", chunk_size=7, stdout=StringIO()
    )

    assert engine_search(live, q="Deichschau").total == 30
    name = live.index.name
    answer = live.backend.es.indices.get_settings(index=name)
    for index_settings in answer.values():
        assert "refresh_interval" not in index_settings["settings"]["index"]


# Engine errors other than a refused connection -------------------------------------


def test_missing_index__portal_falls_back_to_the_database(live, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": live.engine.backend_settings(live.backend.index_prefix),
        "database": {"BACKEND": "apps.knowledge.search.database"},
    }
    call_command("update_index", backend_name="database", stdout=StringIO())
    delete_indexes(live.backend)
    search_engine.forget_reachability()

    answer = Client().get("/api/search/", {"q": "Ladesäule", "lang": "de"})

    assert answer.status_code == HTTPStatus.OK
    assert answer.json()["engine"] == "database"
    assert [hit["title"] for hit in answer.json()["results"]] == [live.german.title]
    assert search_engine.last_failure()["error"] == "NotFoundError"
    chief = get_user_model().objects.create_superuser("chief", "c@example.org", "x")
    UserProfileFactory(user=chief)
    editor = Client()
    editor.force_login(chief)
    dashboard = editor.get("/admin/").content.decode()
    assert "A search failed in the search engine (NotFoundError)" in dashboard


@pytest.mark.parametrize(
    "text", ['AND ( "', "*", "~", "field:x", "\\", "a" * 10000, "wort " * 500]
)
def test_engine_syntax_in_a_query__answers_never_a_server_error(live, settings, text):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": live.engine.backend_settings(live.backend.index_prefix),
        "database": {"BACKEND": "apps.knowledge.search.database"},
    }
    search_engine.forget_reachability()
    page = Client().get("/de/search/", {"q": text})
    assert page.status_code == HTTPStatus.OK


# The engine stops during a run -----------------------------------------------------


def test_engine_stopped__portal_falls_back_and_the_index_catches_up(live, settings):
    """The node is stopped mid-run, a page is published, the node comes back.

    While it is down, publishing works, the portal searches the database index and
    says so; afterwards ``replay_search_index`` sends the missed update.
    """
    if live.engine is not OPENSEARCH:
        pytest.skip("only the OpenSearch node is started and stopped by the tests")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": live.engine.backend,
            "URLS": [live.engine.url],
            "INDEX_PREFIX": live.backend.index_prefix,
            # A refused connection fails at once; a slow answer under load is
            # no outage.
            "TIMEOUT": 30,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        "database": {"BACKEND": "apps.knowledge.search.database"},
    }
    call_command("update_index", backend_name="database", stdout=StringIO())
    search_engine.forget_reachability()
    visitor = Client()
    before = visitor.get("/api/search/", {"q": "Ladesäulen", "lang": "de"}).json()
    assert before["engine"] == "opensearch"

    search_node("stop")
    try:
        search_engine.forget_reachability()
        chief = get_user_model().objects.create_superuser("chief", "c@example.org", "x")
        editor = Client()
        editor.force_login(chief)
        data = SolutionPageFactory.form_data(
            title="Windkraftgenossenschaft",
            slug="windkraft",
            fields_of_action=[live.portal.field],
            teaser="Bürgerwind in der Grenzregion.",
        )
        data["action-publish"] = "action-publish"
        published = editor.post(
            f"/admin/pages/add/knowledge/solutionpage/{live.portal.area.pk}/", data
        )
        assert published.status_code == HTTPStatus.FOUND
        solution = SolutionPage.objects.get(slug="windkraft")
        assert PendingIndexUpdate.objects.filter(object_id=str(solution.pk)).exists()
        during = visitor.get("/api/search/", {"q": "Windkraftgenossenschaft"}).json()
        assert during["engine"] == "database"
        assert [hit["title"] for hit in during["results"]] == [solution.title]
        page = visitor.get("/de/search/", {"q": "Windkraftgenossenschaft"})
        assert page.status_code == HTTPStatus.OK
        assert solution.url in page.content.decode()
    finally:
        search_node("start")

    search_engine.forget_reachability()
    call_command("replay_search_index", stdout=StringIO())
    assert not PendingIndexUpdate.objects.exists()
    live.index.refresh()
    after = visitor.get("/api/search/", {"q": "Windkraftgenossenschaft"}).json()
    assert after["engine"] == "opensearch"
    assert [hit["title"] for hit in after["results"]] == [solution.title]
