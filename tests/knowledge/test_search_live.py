"""Live tests against a real search engine: the OpenSearch node, and Elasticsearch 9.

Each test runs on every engine that is set (see tests/knowledge/live_search.py):
OpenSearch at ``OPENSEARCH_URL`` (``.ci/run`` starts a node; locally
``make test-search``), Elasticsearch at ``ELASTICSEARCH_URL``. The request bodies
themselves are asserted in test_search_elasticsearch.py; here the engine answers.
Indexes get a prefix of their own per test and are deleted afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Locale

from apps.knowledge.models import PendingIndexUpdate, SolutionPage
from apps.knowledge.search import engine as search_engine
from apps.knowledge.search.engine import build_query
from apps.knowledge.search.synonyms import synonym_groups
from apps.knowledge.search.tasks import update_synonyms
from tests.knowledge import factories
from tests.knowledge.live_search import (
    OPENSEARCH,
    LiveEngine,
    engine_params,
    require,
    search_node,
)
from tests.knowledge.search_utils import add_term_group
from tests.knowledge.utils import (
    Portal,
    add_solution,
    build_portal,
    solution_form_data,
    translate_tree,
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
    portal = build_portal()
    german = add_solution(
        portal,
        title="Ladesäule am Hafen",
        teaser="Eine Ladesäule für Elektromobilität in der Innenstadt.",
        municipality="Flensburg",
    )
    danish_area = translate_tree(portal.area, "da")
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
    german_shared = add_solution(portal, **shared)
    danish_shared = factories.SolutionPageFactory(
        parent=danish_area, locale=danish_locale, **shared
    )
    backend = engine.make_backend(ATOMIC_REBUILD=False)
    setup = Live(engine, backend, portal, german, danish, german_shared, danish_shared)
    setup.reindex()
    yield setup
    setup.index.delete()


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
    add_term_group("charging", de="Ladesäule", da="ladestander", en="charging point")
    live.reindex()
    assert set(live.search("charging point", "en")) == {live.german, live.danish}


def test_synonyms__a_changed_term_list_applies_to_the_live_index(live):
    assert live.search("charging point", "en") == []
    add_term_group("charging", de="Ladesäule", da="ladestander", en="charging point")

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


def test_portal_search__counts_facets_over_the_engines_matches(live, settings):
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
            "TIMEOUT": 2,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        "database": {"BACKEND": "apps.knowledge.search.database"},
    }
    call_command("update_index", backend_name="database", stdout=None)
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
        data = solution_form_data(
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
    call_command("replay_search_index", stdout=None)
    assert not PendingIndexUpdate.objects.exists()
    live.index.refresh()
    after = visitor.get("/api/search/", {"q": "Windkraftgenossenschaft"}).json()
    assert after["engine"] == "opensearch"
    assert [hit["title"] for hit in after["results"]] == [solution.title]
