"""The database backends fold and stem German, Danish and English alike.

Both run on SQLite (Snowball stems and folding in Python, FTS5 matches) and on
PostgreSQL (folding in Python, its german/danish/english configurations stem).
"""

from __future__ import annotations

import pytest
from django.utils import translation
from modelsearch.query import Phrase

from apps.knowledge.models import SolutionPage
from apps.knowledge.search import folding, spelling
from apps.knowledge.search.service import SearchParams, search
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)


@pytest.mark.django_db
class FoldTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    def test_danish_letters__fold_to_their_plain_spelling(self):
        assert folding.fold("Tønder") == folding.fold("Tonder") == "tonder"
        assert folding.fold("Sønderborg") == "sonderborg"
        assert folding.fold("Åbenrå") == folding.fold("Aabenraa") == "aabenraa"
        assert folding.fold("Ærø") == folding.fold("Aeroe")

    def test_german_letters__fold_like_german_normalisation(self):
        assert folding.fold("Straße Bürger Buerger") == "strasse burger burger"
        assert folding.fold("Café") == "cafe"

    def test_control_characters__become_spaces(self):
        assert folding.words("\x00Hafen\x1fbus") == ["hafen", "bus"]

    def test_query_stems__one_per_language(self):
        assert folding.query_stems("Ladesäulen") == ["ladesaul", "ladesaulen"]
        assert folding.query_stems("***") == []


@pytest.mark.django_db
class DatabaseAnalysisTests:
    """A German, a Danish-only and an English solution, published and indexed."""

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
            municipality="Aabenraa",
        )
        danish_area = TranslationFactory(page=cls.portal.area, language_code="da")
        cls.danish = factories.SolutionPageFactory(
            parent=danish_area,
            title="Ladestandere ved havnen",
            teaser="Nye ladestandere og LoRaWAN-sensorer måler vandstanden i Tønder.",
            municipality="Tønder",
        )
        cls.plain = SolutionPageFactory(
            portal=cls.portal,
            title="Grenzpendler aus Sonderborg",
            teaser="Ein Pendlerportal für Sonderborg und Abenra.",
        )

    def search(self, query) -> list[SolutionPage]:
        return list(SolutionPage.objects.live().search(query))

    def test_tonder__finds_tonder_with_o_slash(self):
        assert self.search("Tonder") == [self.danish]

    def test_o_slash__finds_the_plain_spelling(self):
        assert self.search("Sønderborg") == [self.plain]

    def test_aa__and_a_ring_meet(self):
        assert self.search("Åbenrå") == [self.german]
        assert self.search("aabenraa") == [self.german]

    def test_german_inflection__finds_german_page(self):
        assert self.search("Ladesäulen") == [self.german]

    def test_german_compound_part__finds_compound(self):
        assert self.search("Säulen") == [self.german]

    def test_umlaut_spellings__meet(self):
        assert self.search("Ladesaeulen") == [self.german]
        assert self.search("ladesaule") == [self.german]

    def test_danish_compound_part__finds_compound(self):
        # "vandstanden" (the water level) holds "vand", as "Ladesäule" "Säule".
        assert self.search("vand") == [self.danish]

    def test_danish_stemmed_form__finds_danish_page(self):
        assert self.search("ladestanderne") == [self.danish]

    def test_german_query__finds_danish_only_page(self):
        assert self.search("Sensoren") == [self.danish]

    def test_phrase__searches_its_words(self):
        assert list(SolutionPage.objects.live().search(Phrase("Ladesäulen"))) == [
            self.german
        ]

    def test_autocomplete__folds_what_is_typed(self):
        for typed in ("Tønd", "Tond"):
            assert list(SolutionPage.objects.live().autocomplete(typed)) == [
                self.danish
            ], typed

    def test_portal__finds_tonder_either_way(self):
        found = search(SearchParams(q="Tonder"), "de", record=False)
        assert [hit.page.pk for hit in found.hits] == [self.danish.pk]


@pytest.mark.django_db
class DidYouMeanTests:
    """ "Did you mean" proposes only words of the visitor's language."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        german = SolutionPageFactory(portal=cls.portal, title="Grenzübergang")
        english = TranslationFactory(page=german, language_code="en")
        english.title = "Border crossing"
        english.save_revision().publish()
        danish = TranslationFactory(page=german, language_code="da")
        danish.title = "Borgere i centrum"
        danish.save_revision().publish()

    def test_danish_visitor__gets_a_danish_word(self):
        assert spelling.correct("bordere", "da") == "borgere"

    def test_english_visitor__gets_an_english_word(self):
        assert spelling.correct("bordere", "en") == "border"

    def test_portal__proposes_in_the_visitors_language(self):
        with translation.override("da"):
            found = search(SearchParams(q="borgerre"), "da", record=False)
        assert found.corrected_query == "borgere"
