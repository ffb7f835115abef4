"""Live tests against a real Elasticsearch at ``ELASTICSEARCH_URL``.

They create indexes under a unique prefix, index a German and a Danish solution,
search them and delete the indexes again. Without ``ELASTICSEARCH_URL`` they skip
with the reason shown by ``pytest -ra``. docker-compose.yml provides a server:
``ELASTICSEARCH_URL=http://localhost:9200 pytest tests/knowledge/test_search_live.py``.
"""

from __future__ import annotations

import os
import uuid

import pytest
from django.test import TestCase
from django.utils import translation

from apps.knowledge.models import SolutionPage
from apps.knowledge.search.elasticsearch import LocalisedElasticsearchSearchBackend
from tests.knowledge import factories
from tests.knowledge.utils import add_solution, build_portal, translate_tree

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.live_elasticsearch,
    pytest.mark.skipif(
        not ELASTICSEARCH_URL,
        reason="live Elasticsearch tests need ELASTICSEARCH_URL "
        "(for example http://localhost:9200 from docker-compose)",
    ),
]


class LiveElasticsearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.portal = build_portal()
        cls.german = add_solution(
            cls.portal,
            title="Ladesäule am Hafen",
            teaser="Eine Ladesäule für Elektromobilität in der Innenstadt.",
            municipality="Flensburg",
        )
        danish_area = translate_tree(cls.portal.area, "da")
        cls.danish = factories.SolutionPageFactory(
            parent=danish_area,
            title="Ladestandere ved havnen",
            teaser="Nye ladestandere og LoRaWAN-sensorer måler vandstanden i Tønder.",
            municipality="Tønder",
        )
        # The same words in both languages: only the visitor's language differs.
        shared = {"title": "Sønderborg", "teaser": "Sønderborg", "municipality": "-"}
        cls.german_shared = add_solution(cls.portal, **shared)
        cls.danish_shared = factories.SolutionPageFactory(parent=danish_area, **shared)

    def setUp(self):
        self.backend = LocalisedElasticsearchSearchBackend(
            {
                "URLS": [ELASTICSEARCH_URL],
                "INDEX_PREFIX": f"kbtest_{uuid.uuid4().hex[:12]}_",
                "TIMEOUT": 30,
                "ATOMIC_REBUILD": False,
            }
        )
        self.index = self.backend.get_index_for_model(SolutionPage)
        self.index.put()
        self.addCleanup(self.index.delete)
        self.index.add_model(SolutionPage)
        self.index.add_items(SolutionPage, list(SolutionPage.objects.all()))
        self.index.refresh()

    def search(self, query: str, language: str = "de") -> list[SolutionPage]:
        with translation.override(language):
            return list(self.backend.search(query, SolutionPage.objects.live()))

    def tokens(self, analyzer: str, text: str) -> list[str]:
        response = self.backend.es.indices.analyze(
            index=self.index.name, analyzer=analyzer, text=text
        )
        return [token["token"] for token in response["tokens"]]

    def test_server_accepts_settings_and_mapping(self):
        mapping = self.backend.es.indices.get_mapping(index=self.index.name)
        properties = mapping[self.index.name]["mappings"]["properties"]
        assert properties["_all_text_de"]["analyzer"] == "kb_german"
        assert properties["_all_text_da"]["analyzer"] == "kb_danish"

    def test_german_analyzer__folds_inflection_and_umlauts(self):
        assert self.tokens("kb_german_search", "Ladesäulen") == self.tokens(
            "kb_german_search", "Ladesäule"
        )
        assert self.tokens("kb_german_search", "Straße") == self.tokens(
            "kb_german_search", "Strasse"
        )

    def test_german_analyzer__splits_compounds_when_indexing(self):
        part = self.tokens("kb_german_search", "Mobilität")
        assert set(part) <= set(self.tokens("kb_german", "Elektromobilität"))

    def test_danish_analyzer__stems(self):
        assert self.tokens("kb_danish", "ladestanderne") == self.tokens(
            "kb_danish", "ladestandere"
        )

    def test_german_inflection__finds_german_page(self):
        assert self.search("Ladesäulen") == [self.german]

    def test_german_compound_part__finds_compound(self):
        assert self.search("Mobilität") == [self.german]

    def test_danish_stemmed_form__finds_danish_page(self):
        assert self.search("ladestanderne", "da") == [self.danish]

    def test_german_query__finds_danish_only_page(self):
        assert self.search("Sensoren") == [self.danish]

    def test_visitor_language__ranks_first(self):
        assert self.search("Sønderborg", "da") == [
            self.danish_shared,
            self.german_shared,
        ]
        assert self.search("Sønderborg", "de") == [
            self.german_shared,
            self.danish_shared,
        ]
