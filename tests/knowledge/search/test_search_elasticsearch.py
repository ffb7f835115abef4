"""What the Elasticsearch backend sends: index settings, mappings, documents, queries.

No Elasticsearch server runs here. These tests build the request bodies through the
backend's own classes and send them through the official client with a recording
node in place of HTTP, then compare them with the shapes Elasticsearch documents:

- create index: ``PUT /<index>`` with ``{"settings": {"analysis": ...}}``
  https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-indices-create
- custom analyzers rebuilt from the language analyzers
  https://www.elastic.co/docs/reference/text-analysis/analysis-lang-analyzer
- put mapping: ``PUT /<index>/_mapping`` with ``{"properties": ...}``
- bulk: ``PUT /<index>/_bulk`` with NDJSON action and document lines
- search: ``POST /<index>/_search`` with ``{"query": ..., "from", "size"}``,
  ``multi_match`` with ``field^boost`` entries

They are not live tests; tests/knowledge/search/test_search_live.py runs against a
server.
"""

from __future__ import annotations

import json
import re

import pytest
from django.utils import translation
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from modelsearch.query import Fuzzy, Phrase, PlainText
from wagtail.models import PageViewRestriction

from apps.knowledge.models import FieldOfAction, SolutionPage
from apps.knowledge.search import analysis, engine_query
from apps.knowledge.search.elasticsearch import (
    LocalisedElasticsearchMapping,
    LocalisedElasticsearchSearchBackend,
)
from apps.knowledge.search.engine import build_query
from apps.knowledge.search.first_versions import FIELD as FIRST_VERSION
from apps.knowledge.search.localised import MAX_RESULT_WINDOW
from apps.knowledge.search.rebuild import update_synonyms
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TermGroupFactory,
    TranslationFactory,
)

INDEX_PREFIX = "kbtest_"
PAGE_INDEX = "kbtest_wagtailcore_page"


class RecordingNode(BaseNode):
    """Stands in for an Elasticsearch node: records requests, answers like one."""

    requests: list[tuple[str, str, bytes | None]] = []
    search_hits: list[dict] = []
    #: The page index's mapping, as ``GET /<index>/_mapping`` answers.
    mapping_properties: dict = {}

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        RecordingNode.requests.append((method, target, body))
        if target.endswith("/_search"):
            hits = RecordingNode.search_hits
            answer = {"hits": {"total": {"value": len(hits)}, "hits": hits}}
        elif method == "GET" and target.endswith("/_mapping"):
            index = target.split("/")[1]
            properties = RecordingNode.mapping_properties
            answer = {f"{index}_a1b2c3d": {"mappings": {"properties": properties}}}
        elif target.endswith("/_bulk"):
            lines = [json.loads(line) for line in body.splitlines() if line]
            items = [
                {"index": {"_id": action["index"]["_id"], "status": 201}}
                for action in lines[::2]
            ]
            answer = {"took": 1, "errors": False, "items": items}
        else:
            answer = {"acknowledged": True}
        headers = HttpHeaders(
            {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
        )
        meta = ApiResponseMeta(
            status=200,
            http_version="1.1",
            headers=headers,
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(answer).encode())


#: The keyword fields the facet aggregations count, on every page type.
FACET_FIELDS = {
    f"_facet_{name}": {"type": "keyword"}
    for name in (
        "field",
        "phase",
        "transfer",
        "organisation",
        "country",
        "municipality",
    )
    + ("tag", "language")
}


def make_backend() -> LocalisedElasticsearchSearchBackend:
    RecordingNode.requests = []
    RecordingNode.search_hits = []
    RecordingNode.mapping_properties = {}
    return LocalisedElasticsearchSearchBackend(
        {
            "URLS": ["http://search.example:9200"],
            "INDEX_PREFIX": INDEX_PREFIX,
            "OPTIONS": {"node_class": RecordingNode},
        }
    )


def sent() -> list[tuple[str, str, object]]:
    """The recorded requests with JSON bodies decoded (NDJSON as a list)."""
    decoded = []
    for method, target, body in RecordingNode.requests:
        if body is None:
            decoded.append((method, target, None))
        elif target.endswith("/_bulk"):
            lines = body.decode().splitlines()
            decoded.append((method, target, [json.loads(line) for line in lines]))
        else:
            decoded.append((method, target, json.loads(body)))
    return decoded


GERMAN_FIELD = {
    "type": "text",
    "analyzer": "kb_german",
    "search_analyzer": "kb_german_search",
}
DANISH_FIELD = {
    "type": "text",
    "analyzer": "kb_danish",
    "search_analyzer": "kb_danish_search",
}
ENGLISH_FIELD = {
    "type": "text",
    "analyzer": "kb_english",
    "search_analyzer": "kb_english_search",
}


# The language chains (decompounders go in before the stemmer, synonyms at the end).
GERMAN_FILTERS = [
    "lowercase",
    "german_stop",
    "german_normalization",
    "german_stemmer",
    "scandinavian_folding",
    "asciifolding",
]
DANISH_FILTERS = ["lowercase", "danish_stop", "danish_stemmer", "scandinavian_folding"]
ENGLISH_FILTERS = [
    "english_possessive_stemmer",
    "lowercase",
    "english_stop",
    "english_stemmer",
    "scandinavian_folding",
    "asciifolding",
]


def expected_settings() -> dict:
    """modelsearch's n-gram analysis plus one analyzer per content language."""
    return {
        "settings": {
            "analysis": {
                "analyzer": {
                    "ngram_analyzer": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["asciifolding", "lowercase", "ngram"],
                    },
                    "edgengram_analyzer": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["asciifolding", "lowercase", "edgengram"],
                    },
                    "kb_autocomplete_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["asciifolding", "lowercase"],
                    },
                    "kb_german": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [*GERMAN_FILTERS[:3], "german_decompounder"]
                        + GERMAN_FILTERS[3:],
                    },
                    "kb_german_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": list(GERMAN_FILTERS),
                    },
                    "kb_danish": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [*DANISH_FILTERS[:2], "danish_decompounder"]
                        + DANISH_FILTERS[2:],
                    },
                    "kb_english": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": list(ENGLISH_FILTERS),
                    },
                    "kb_danish_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": list(DANISH_FILTERS),
                    },
                    "kb_english_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": list(ENGLISH_FILTERS),
                    },
                },
                "tokenizer": {
                    "ngram_tokenizer": {"type": "ngram", "min_gram": 3, "max_gram": 15},
                    "edgengram_tokenizer": {
                        "type": "edge_ngram",
                        "min_gram": 2,
                        "max_gram": 15,
                        "side": "front",
                    },
                },
                "filter": {
                    "ngram": {"type": "ngram", "min_gram": 3, "max_gram": 15},
                    "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
                    "german_stop": {"type": "stop", "stopwords": "_german_"},
                    "german_decompounder": {
                        "type": "dictionary_decompounder",
                        "word_list": sorted(analysis.compound_parts("de")),
                        "min_word_size": 5,
                        "min_subword_size": 3,
                        "max_subword_size": 15,
                        "only_longest_match": False,
                    },
                    "german_stemmer": {"type": "stemmer", "language": "light_german"},
                    "danish_stop": {"type": "stop", "stopwords": "_danish_"},
                    "danish_decompounder": {
                        "type": "dictionary_decompounder",
                        "word_list": sorted(analysis.compound_parts("da")),
                        "min_word_size": 5,
                        "min_subword_size": 3,
                        "max_subword_size": 15,
                        "only_longest_match": False,
                    },
                    "danish_stemmer": {"type": "stemmer", "language": "danish"},
                    "english_stop": {"type": "stop", "stopwords": "_english_"},
                    "english_stemmer": {"type": "stemmer", "language": "english"},
                    "english_possessive_stemmer": {
                        "type": "stemmer",
                        "language": "possessive_english",
                    },
                },
            },
            "index": {"max_ngram_diff": 12, "max_result_window": MAX_RESULT_WINDOW},
        }
    }


class IndexSettingsTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self) -> None:
        pass

    def test_compound_word_list__kept_in_the_repository(self):
        parts = analysis.compound_parts("de")
        # Normalised as german_normalization leaves them: ä -> a, ß -> ss.
        assert {"lade", "saule", "elektro", "mobilitat", "strasse"} <= parts
        assert all(part == part.lower() and len(part) >= 3 for part in parts)
        assert {"bil", "dele", "varme"} <= analysis.compound_parts("da")

    def test_index_settings__exact(self):
        assert make_backend().settings == expected_settings()

    def test_index_settings__overrides_from_settings_file_still_apply(self):
        backend = LocalisedElasticsearchSearchBackend(
            {
                "URLS": ["http://search.example:9200"],
                "INDEX_SETTINGS": {"settings": {"index": {"number_of_shards": 1}}},
            }
        )
        assert backend.settings["settings"]["index"] == {
            "max_ngram_diff": 12,
            "max_result_window": MAX_RESULT_WINDOW,
            "number_of_shards": 1,
        }
        assert "kb_danish" in backend.settings["settings"]["analysis"]["analyzer"]


@pytest.mark.django_db
class CreateIndexTests:
    """The index is created with the editors' synonyms in its search analyzers."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    def test_create_index__sends_the_settings(self):
        backend = make_backend()
        backend.get_index_for_model(SolutionPage).put()
        assert sent() == [("PUT", "/" + PAGE_INDEX, expected_settings())]

    def test_create_index__synonym_graph_in_every_search_analyzer(self):
        TermGroupFactory(
            name="ÖPNV",
            terms={"de": "ÖPNV", "da": "kollektiv trafik", "en": "public transport"},
        )
        TermGroupFactory(
            name="Ladesäule", terms={"de": "Ladesäule", "da": "ladestander"}
        )

        backend = make_backend()
        backend.get_index_for_model(SolutionPage).put()

        expected = expected_settings()
        analysis_settings = expected["settings"]["analysis"]
        analysis_settings["filter"]["kb_synonyms"] = {
            "type": "synonym_graph",
            "synonyms": [
                "öpnv, kollektiv trafik, public transport",
                "ladesäule, ladestander",
            ],
            "lenient": True,
        }
        analyzers = analysis_settings["analyzer"]
        # Last, so the engine reads the rules through the stemmer too.
        analyzers["kb_german_search"]["filter"] = [*GERMAN_FILTERS, "kb_synonyms"]
        analyzers["kb_danish_search"]["filter"] = [*DANISH_FILTERS, "kb_synonyms"]
        analyzers["kb_english_search"]["filter"] = [*ENGLISH_FILTERS, "kb_synonyms"]
        # Index analyzers stay without synonyms: they apply at search time only.
        assert "kb_synonyms" not in analyzers["kb_danish"]["filter"]
        assert sent() == [("PUT", "/" + PAGE_INDEX, expected)]

    def test_term_list_change__new_index_with_synonyms_never_closes_the_live_one(
        self,
    ):
        TermGroupFactory(name="ÖPNV", terms={"de": "ÖPNV", "en": "public transport"})
        backend = make_backend()

        names = update_synonyms(backend)

        assert PAGE_INDEX in names
        created = [
            (target, body)
            for method, target, body in sent()
            if method == "PUT" and re.fullmatch(f"/{PAGE_INDEX}_[a-z0-9]{{7}}", target)
        ]
        assert len(created) == 1
        filters = created[0][1]["settings"]["analysis"]["filter"]
        assert filters["kb_synonyms"]["synonyms"] == ["öpnv, public transport"]
        assert not [target for _m, target, _b in sent() if target.endswith("/_close")]

    def test_portal_query__fuzziness_auto_synonyms_left_to_the_analyzer(self):
        backend = make_backend()
        query = build_query("Ladesaeule", [["öpnv", "nahverkehr"]], backend)
        with translation.override("da"):
            body = backend.search(query, SolutionPage.objects.all())._get_es_body()

        # Synonyms are the analyzer's job on Elasticsearch, not the query's.
        assert body["query"]["bool"]["must"] == {
            "multi_match": {
                "query": "Ladesaeule",
                "fuzziness": "AUTO",
                "operator": "and",
                "fields": language_fields("da"),
            }
        }


class MappingTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self) -> None:
        pass

    def test_mapping__snippet_exact(self):
        assert LocalisedElasticsearchMapping(FieldOfAction).get_mapping() == {
            "properties": {
                "pk": {"type": "keyword", "store": True},
                "_django_content_type": {"type": "keyword"},
                "_edgengrams": {
                    "type": "text",
                    "analyzer": "edgengram_analyzer",
                    "search_analyzer": "kb_autocomplete_search",
                },
                "name": {"type": "text", "copy_to": "_all_text"},
                "name_edgengrams": {
                    "type": "text",
                    "analyzer": "edgengram_analyzer",
                    "search_analyzer": "kb_autocomplete_search",
                },
                "locale_id_filter": {"type": "integer"},
                # Snippets have drafts: searches of the public filter on live.
                "live_filter": {"type": "boolean"},
                "_all_text": {"type": "text"},
                "_language": {"type": "keyword"},
                "_translation_key": {"type": "keyword"},
                **FACET_FIELDS,
                "_all_text_de": GERMAN_FIELD,
                "_all_text_da": DANISH_FIELD,
                "_all_text_en": ENGLISH_FIELD,
            }
        }

    def test_mapping__solution_page_language_fields(self):
        properties = LocalisedElasticsearchMapping(SolutionPage).get_mapping()[
            "properties"
        ]
        language_fields = {
            name: value
            for name, value in properties.items()
            if name.startswith("_all_text_") or name == "_language"
        }
        # The page title has boost 2 (Page.search_fields), so each language also
        # gets a boosted catch-all field, like modelsearch's _all_text_boost_2_0.
        assert language_fields == {
            "_all_text_boost_2_0": {"type": "text"},
            "_language": {"type": "keyword"},
            "_all_text_de": GERMAN_FIELD,
            "_all_text_de_boost_2_0": GERMAN_FIELD,
            "_all_text_da": DANISH_FIELD,
            "_all_text_da_boost_2_0": DANISH_FIELD,
            "_all_text_en": ENGLISH_FIELD,
            "_all_text_en_boost_2_0": ENGLISH_FIELD,
        }
        # modelsearch's own columns are unchanged.
        assert properties["title"] == {
            "type": "text",
            "copy_to": ["_all_text", "_all_text_boost_2_0"],
        }

    def test_put_mapping__sends_the_mapping(self):
        backend = make_backend()
        backend.get_index_for_model(FieldOfAction).add_model(FieldOfAction)
        [(method, target, body)] = sent()
        assert (method, target) == ("PUT", "/kbtest_knowledge_fieldofaction/_mapping")
        assert body == LocalisedElasticsearchMapping(FieldOfAction).get_mapping()


@pytest.mark.django_db
class DocumentTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        organisation = factories.OrganisationFactory(name="Stadtwerke Flensburg")
        cls.german = SolutionPageFactory(
            portal=cls.portal,
            title="Ladesäule am Hafen",
            teaser="Eine Ladesäule für Elektromobilität.",
            municipality="Flensburg",
            lead_organisation=organisation,
        )
        cls.german.tags.add("Energie")
        cls.german.save()
        danish_area = TranslationFactory(page=cls.portal.area, language_code="da")
        cls.danish = factories.SolutionPageFactory(
            parent=danish_area,
            title="Ladestandere ved havnen",
            teaser="Nye ladestandere i Tønder.",
            municipality="Tønder",
            lead_organisation=organisation,
        )

    def document(self, page) -> dict:
        page = SolutionPage.objects.get(pk=page.pk)
        return LocalisedElasticsearchMapping(SolutionPage).get_document(page)

    def test_german_page__text_in_german_fields_only(self):
        document = self.document(self.german)
        language_keys = {key for key in document if key.startswith("_all_text_")}
        assert language_keys == {"_all_text_de", "_all_text_de_boost_2_0"}
        assert document["_language"] == "de"
        assert document["_all_text_de"] == [
            "Ladesäule am Hafen",
            "Eine Ladesäule für Elektromobilität.",
            "Flensburg",
            "Energie",
            "Stadtwerke Flensburg",
        ]
        assert document["_all_text_de_boost_2_0"] == ["Ladesäule am Hafen"]

    def test_danish_page__text_in_danish_fields_only(self):
        document = self.document(self.danish)
        language_keys = {key for key in document if key.startswith("_all_text_")}
        assert language_keys == {"_all_text_da", "_all_text_da_boost_2_0"}
        assert document["_language"] == "da"
        assert document["_all_text_da"] == [
            "Ladestandere ved havnen",
            "Nye ladestandere i Tønder.",
            "Tønder",
            "Stadtwerke Flensburg",
        ]
        # The facet values the aggregations count, and the key collapse uses.
        assert document["_translation_key"] == str(self.danish.translation_key)
        assert document["_facet_language"] == ["da"]
        assert document["_facet_municipality"] == ["Tønder"]
        assert document["_facet_organisation"] == [
            str(self.danish.lead_organisation.translation_key)
        ]
        # modelsearch's fields are still there, for filters and named fields.
        assert document["title"] == "Ladestandere ved havnen"
        assert document["live_filter"] is True

    def test_bulk__sends_each_page_in_its_language(self):
        backend = make_backend()
        pages = list(
            SolutionPage.objects.filter(pk__in=[self.german.pk, self.danish.pk])
        )
        backend.get_index_for_model(SolutionPage).add_items(SolutionPage, pages)
        [(method, target, lines)] = sent()
        assert (method, target) == ("PUT", f"/{PAGE_INDEX}/_bulk")
        actions, documents = lines[::2], lines[1::2]
        assert actions == [{"index": {"_id": str(page.pk)}} for page in pages]
        by_id = {document["pk"]: document for document in documents}
        assert by_id[str(self.german.pk)]["_all_text_de_boost_2_0"] == [
            "Ladesäule am Hafen"
        ]
        assert by_id[str(self.danish.pk)]["_all_text_da_boost_2_0"] == [
            "Ladestandere ved havnen"
        ]


def language_fields(visitor: str) -> list[str]:
    """The multi_match fields: modelsearch's, then each language's, visitor x1.5."""

    def boosted(name: str, boost: float) -> str:
        return name if boost == 1.0 else f"{name}^{boost}"

    fields = ["_all_text", "_all_text_boost_2_0^2.0"]
    for language in ("de", "da", "en"):
        factor = 1.5 if language == visitor else 1.0
        fields.append(boosted(f"_all_text_{language}", factor))
        fields.append(f"_all_text_{language}_boost_2_0^{2.0 * factor}")
    return fields


SOLUTION_FILTER = [
    {"match": {"_django_content_type": "knowledge.SolutionPage"}},
    {"term": {"live_filter": True}},
]


@pytest.mark.django_db
class QueryTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    def body(self, query, **kwargs) -> dict:
        backend = make_backend()
        results = backend.search(query, SolutionPage.objects.live(), **kwargs)
        return results._get_es_body()

    def test_plain_text__searches_all_languages_german_visitor(self):
        with translation.override("de"):
            body = self.body("Ladesäulen")
        assert body == {
            "query": {
                "bool": {
                    "must": {
                        "multi_match": {
                            "query": "Ladesäulen",
                            "fields": language_fields("de"),
                        }
                    },
                    "filter": SOLUTION_FILTER,
                }
            }
        }
        assert body["query"]["bool"]["must"]["multi_match"]["fields"] == [
            "_all_text",
            "_all_text_boost_2_0^2.0",
            "_all_text_de^1.5",
            "_all_text_de_boost_2_0^3.0",
            "_all_text_da",
            "_all_text_da_boost_2_0^2.0",
            "_all_text_en",
            "_all_text_en_boost_2_0^2.0",
        ]

    def test_plain_text__danish_visitor_boosts_danish(self):
        with translation.override("da"):
            body = self.body(PlainText("ladestandere", operator="and"))
        assert body["query"]["bool"]["must"] == {
            "multi_match": {
                "query": "ladestandere",
                "operator": "and",
                "fields": language_fields("da"),
            }
        }

    def test_visitor_language__taken_when_the_search_is_made(self):
        backend = make_backend()
        with translation.override("da"):
            results = backend.search("ladestandere", SolutionPage.objects.live())
        with translation.override("de"):
            body = results._get_es_body()
        fields = body["query"]["bool"]["must"]["multi_match"]["fields"]
        assert fields == language_fields("da")

    def test_phrase__searches_all_languages(self):
        with translation.override("en"):
            body = self.body(Phrase("charging station"))
        assert body["query"]["bool"]["must"] == {
            "multi_match": {
                "query": "charging station",
                "fields": language_fields("en"),
                "type": "phrase",
            }
        }

    def test_fuzzy__searches_all_languages(self):
        with translation.override("de"):
            body = self.body(Fuzzy("Ladesaeule"))
        assert body["query"]["bool"]["must"] == {
            "multi_match": {
                "query": "Ladesaeule",
                "fuzziness": "AUTO",
                "fields": language_fields("de"),
            }
        }

    def test_named_field__stays_modelsearch_column(self):
        body = self.body("Hafen", fields=["title"])
        assert body["query"]["bool"]["must"] == {
            "match": {"title": {"query": "Hafen", "boost": 2.0}}
        }

    def test_order_by_date__sends_sort(self):
        backend = make_backend()
        queryset = SolutionPage.objects.live().order_by("-first_published_at")
        results = backend.search("Hafen", queryset, order_by_relevance=False)
        assert results._get_es_body()["sort"] == [{"first_published_at_filter": "desc"}]

    def test_autocomplete__uses_edge_ngrams(self):
        backend = make_backend()
        results = backend.autocomplete("Lade", SolutionPage.objects.live())
        assert results._get_es_body()["query"]["bool"]["must"] == {
            "match": {"_edgengrams": {"query": "Lade"}}
        }


@pytest.mark.django_db
class SearchRequestTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.german = SolutionPageFactory(portal=cls.portal, title="Ladesäule am Hafen")

    def test_search__posts_query_to_page_index_and_loads_hits(self):
        backend = make_backend()
        RecordingNode.search_hits = [
            {
                "_id": str(self.german.pk),
                "_score": 3.2,
                "fields": {"pk": [str(self.german.pk)]},
            }
        ]
        with translation.override("de"):
            results = list(
                backend.search("Ladesäulen", SolutionPage.objects.live())[:10]
            )
        assert results == [self.german]
        [(method, target, body)] = sent()
        assert (method, target) == ("POST", f"/{PAGE_INDEX}/_search")
        assert body == {
            "query": {
                "bool": {
                    "must": {
                        "multi_match": {
                            "query": "Ladesäulen",
                            "fields": language_fields("de"),
                        }
                    },
                    "filter": SOLUTION_FILTER,
                }
            },
            "_source": False,
            "stored_fields": "pk",
            "from": 0,
            "size": 10,
        }


# How facets count each solution once (apps/knowledge/search/engine_query.py) -------


@pytest.mark.django_db
def test_first_versions_indexed__read_from_the_index_mapping(settings):
    """Asked through the client (an index built by an earlier release has no
    such field: its facets keep the distinct counts)."""
    settings.CONTENT_CACHE_SECONDS = 0
    backend = make_backend()
    RecordingNode.mapping_properties = {FIRST_VERSION: {"type": "boolean"}}

    assert engine_query.first_versions_indexed(backend, PAGE_INDEX)
    assert sent()[-1][:2] == ("GET", f"/{PAGE_INDEX}/_mapping")

    RecordingNode.mapping_properties = {"title": {"type": "text"}}
    assert not engine_query.first_versions_indexed(backend, PAGE_INDEX)


@pytest.mark.django_db
def test_counting__the_cheapest_exact_way_for_each_search(settings):
    settings.CONTENT_CACHE_SECONDS = 0
    backend = make_backend()
    RecordingNode.mapping_properties = {FIRST_VERSION: {"type": "boolean"}}
    counting = engine_query.counting

    assert counting("", {}, backend, "pages") == engine_query.FIRST_VERSIONS
    assert counting("", {"phase": ("pilot",)}, backend, "pages") == (
        engine_query.FIRST_VERSIONS
    )
    # Words match some versions of a solution and not others.
    assert counting("Hafen", {}, backend, "pages") == engine_query.DISTINCT
    assert counting("Hafen", {"language": ("da",)}, backend, "pages") == (
        engine_query.DOCUMENTS
    )
    assert counting("", {"language": ("da", "de")}, backend, "pages") == (
        engine_query.DISTINCT
    )
    # An index built before the documents said which version is the first.
    RecordingNode.mapping_properties = {}
    assert counting("", {}, backend, "pages") == engine_query.DISTINCT


@pytest.mark.django_db
def test_counting__a_solution_hidden_in_one_language_counts_distinct_keys(settings):
    """Its first version may be the hidden one: counting first versions would
    miss the solution that is visible in the other language."""
    settings.CONTENT_CACHE_SECONDS = 0
    portal = PortalFactory()
    solution = SolutionPageFactory(portal=portal)
    TranslationFactory(page=solution, language_code="da")
    backend = make_backend()
    RecordingNode.mapping_properties = {FIRST_VERSION: {"type": "boolean"}}
    assert engine_query.counting("", {}, backend, "pages") == (
        engine_query.FIRST_VERSIONS
    )

    PageViewRestriction.objects.create(
        page=solution, restriction_type=PageViewRestriction.LOGIN
    )

    assert engine_query.counting("", {}, backend, "pages") == engine_query.DISTINCT
