"""Facet counts on the database backends agree with what each page says it is.

The counts are one SQL statement in two shapes (apps/knowledge/search/
database_counts.py): a browse counts each selected facet over its own query of the
matches, a text search reads one table of matches with a flag per filter. Both are
checked against the values the search index stores for every visible version
(:func:`~apps.knowledge.search.facets.facet_values`), counted in Python: each
facet under the other facets' filters, a solution once per value whichever of its
versions qualify. Runs on SQLite and, with ``DATABASE_URL``, on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from wagtail.models import Locale

from apps.knowledge.choices import Country, Phase
from apps.knowledge.models import SolutionFieldOfAction, SolutionPage
from apps.knowledge.search import database_counts, database_query, engine
from apps.knowledge.search.facets import FACETS, facet_values, filter_values
from apps.knowledge.search.service import RESULTS_PER_PAGE, SearchParams
from tests.knowledge.factories import (
    FieldOfActionFactory,
    OrganisationFactory,
    PortalFactory,
    SnippetTranslationFactory,
    SolutionPageFactory,
    ThemePageFactory,
    TranslationFactory,
)

#: Every solution's teaser has this word, its translations too.
WORD = "Grenzregion"

SELECTIONS = [
    {"phase": ("pilot",)},
    {"municipality": ("Tønder",)},
    {"language": ("da",)},
    {"field": ("mobility",)},
    {"tag": ("sensor",)},
    {"organisation": ("sonderborg-kommune",)},
    {"country": ("DK",)},
    {"transfer": ("mvp",)},
    {"phase": ("pilot", "idea"), "field": ("energy",)},
    {"organisation": ("stadtwerke",), "language": ("de", "en")},
    {"tag": ("sensor", "wasser"), "municipality": ("Flensburg",)},
    {"field": ("mobility",), "tag": ("sensor",), "country": ("DE",)},
    {"phase": ("operation",), "language": ("da",), "field": ("energy",)},
    # Unknown values select nothing, and the other facets still count.
    {"field": ("no-such-field",), "phase": ("pilot",)},
]


def expected(selection: dict[str, tuple[str, ...]]):
    """(facet counts, total) counted in Python from every visible solution
    version's indexed values."""
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    stored = filter_values(selection)
    versions = [
        (page.translation_key, facet_values(page, codes))
        for page in database_query.live_pages().type(SolutionPage).specific()
    ]

    def passes(values, names) -> bool:
        return all(set(values[name]) & set(stored[name]) for name in names)

    counted: dict[str, dict[str, set]] = {name: defaultdict(set) for name in FACETS}
    for key, values in versions:
        for name in FACETS:
            if passes(values, [other for other in stored if other != name]):
                for value in values[name]:
                    counted[name][value].add(key)
    counts = {
        name: {value: len(keys) for value, keys in by_value.items()}
        for name, by_value in counted.items()
    }
    total = len({key for key, values in versions if passes(values, stored)})
    return counts, total


@pytest.mark.django_db
class CountsAgreeTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    @classmethod
    def setUpTestData(cls):
        portal = PortalFactory()
        mobility = FieldOfActionFactory(name="Mobilität", slug="mobility")
        stadtwerke = OrganisationFactory(name="Stadtwerke", slug="stadtwerke")
        sonderborg = OrganisationFactory(
            name="Sønderborg Kommune",
            slug="sonderborg-kommune",
            country=Country.DENMARK,
        )
        # The Danish version of an organisation: counted as the same organisation.
        danish_stadtwerke = SnippetTranslationFactory(
            snippet=stadtwerke, language_code="da", slug="stadtwerke-da"
        )
        plan = [
            # (phase, municipality, organisation, tags, also mobility, languages)
            (Phase.PILOT, "Flensburg", stadtwerke, ["sensor"], True, ["da", "en"]),
            (Phase.PILOT, "Tønder", sonderborg, ["wasser"], False, ["da"]),
            (Phase.IDEA, "Flensburg", stadtwerke, ["sensor", "wasser"], True, []),
            (Phase.OPERATION, "Tønder", sonderborg, [], False, ["da", "en"]),
            (Phase.OPERATION, "Flensburg", None, ["sensor"], True, ["en"]),
            (Phase.IDEA, "Aabenraa", sonderborg, ["sensor"], False, []),
        ]
        for number, (phase, town, organisation, tags, mobile, languages) in enumerate(
            plan
        ):
            solution = SolutionPageFactory(
                portal=portal,
                title=f"Lösung {number}",
                slug=f"loesung-{number}",
                teaser=f"Eine digitale Lösung für die {WORD}.",
                phase=phase,
                municipality=town,
                lead_organisation=organisation,
            )
            if mobile:
                SolutionFieldOfAction.objects.create(
                    page=solution, field_of_action=mobility
                )
            solution.tags.add(*tags)
            if number == 0:
                solution.transfer_phase = "mvp"
            solution.save_revision().publish()
            for language in languages:
                TranslationFactory(page=solution, language_code=language)
        # A Danish version led by the organisation's Danish version, another whose
        # phase and tags moved on from its German original's.
        first = SolutionPage.objects.get(slug="loesung-0", locale__language_code="da")
        first.lead_organisation = danish_stadtwerke
        first.save_revision().publish()
        fourth = SolutionPage.objects.get(slug="loesung-3", locale__language_code="da")
        fourth.phase = Phase.PILOT
        fourth.tags.add("wasser")
        fourth.save_revision().publish()
        # Another kind of page with the word: found, but no facet counts it.
        ThemePageFactory(
            parent=portal.themes,
            title=f"Mobilität in der {WORD}",
            field_of_action=mobility,
        )
        # Written in Danish only.
        SolutionPageFactory(
            portal=portal,
            danish=True,
            title="Kun på dansk",
            slug="kun-dansk",
            teaser=f"En digital løsning for {WORD}.",
            phase=Phase.PILOT,
            municipality="Tønder",
            lead_organisation=sonderborg,
        )

    def found(self, selection, *, text: str = ""):
        params = SearchParams(q=text, filters=selection)
        return database_query.run(
            params,
            text,
            [],
            engine.database_backend(),
            "de",
            per_page=RESULTS_PER_PAGE,
        )

    @pytest.mark.parametrize("selection", SELECTIONS, ids=str)
    def test_browse__counts_of_each_version_s_values(self, selection):
        found = self.found(selection)
        counts, total = expected(selection)
        assert found.facet_counts == counts
        assert found.total == total

    @pytest.mark.parametrize("selection", SELECTIONS, ids=str)
    def test_text_search__same_counts_when_every_version_matches(self, selection):
        found = self.found(selection, text=WORD)
        counts, total = expected(selection)
        assert found.facet_counts == counts
        assert found.total == total

    def test_text_search_without_filters__other_pages_in_the_total_only(self):
        found = self.found({}, text=WORD)
        counts, total = expected({})
        assert found.facet_counts == counts
        assert found.total == total + 1

    @pytest.mark.parametrize("selection", SELECTIONS[:4] + SELECTIONS[-3:], ids=str)
    def test_two_shapes__one_statement_each_same_counts(self, selection):
        stored = {
            name: database_query._filter_q(name, values)
            for name, values in selection.items()
        }
        matched = database_query.live_pages().type(SolutionPage)
        assert database_counts.counts(
            matched, stored, split=True
        ) == database_counts.counts(matched, stored, split=False)
