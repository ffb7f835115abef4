"""The portal search as a visitor uses it: text, facets, languages, visibility."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction

from apps.knowledge.choices import Country, Phase
from apps.knowledge.models import ZeroResultQuery
from tests.knowledge import factories
from tests.knowledge.factories import (
    SolutionPageFactory,
    TermGroupFactory,
    TranslationFactory,
)
from tests.knowledge.search.result_page import facet_counts, parse, result_links

pytestmark = pytest.mark.django_db


def test_search__german_query_finds_danish_only_solution_marked_danish(client, portal):
    danish = SolutionPageFactory(
        portal=portal,
        danish=True,
        title="Fjernvarmedata Haderslev",
        slug="dk-fjernvarme",
        teaser="Åbne data fra fjernvarmen i Haderslev.",
    )

    doc = parse(client.get("/de/search/", {"q": "Haderslev"}))

    [result] = doc.select(".result")
    assert result.h3.a["href"] == danish.url
    assert result["lang"] == "da"
    assert result.select_one(".result__language")["data-language"] == "da"


def test_search__hit_shown_in_visitors_translation(client, portal):
    german = SolutionPageFactory(
        portal=portal,
        title="Ladesäule am Hafen",
        slug="ladesaeule",
        teaser="Strom tanken.",
    )
    danish = TranslationFactory(page=german, language_code="da")
    danish.title = "Ladestander ved havnen"
    danish.teaser = "Strøm ved havnen."
    danish.save_revision().publish()

    doc = parse(client.get("/da/search/", {"q": "Ladesäule"}))

    [result] = doc.select(".result")
    assert result.h3.a["href"] == danish.url
    assert result.h3.a.get_text() == "Ladestander ved havnen"
    assert not result.has_attr("lang")
    assert result.select_one(".result__language") is None


def test_search__each_solution_once_whatever_the_languages_that_match(client, portal):
    german = SolutionPageFactory(
        portal=portal, title="Bürgerbus Grenzland", slug="buergerbus"
    )
    TranslationFactory(page=german, language_code="da")
    TranslationFactory(page=german, language_code="en")

    doc = parse(client.get("/en/search/", {"q": "Bürgerbus"}))

    assert len(doc.select(".result")) == 1
    assert result_links(doc) == [german.get_translation(_locale("en")).url]


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


@pytest.fixture
def faceted(portal):
    """Three energy solutions: two pilots (Danish and German lead), one idea."""
    danish_org = factories.OrganisationFactory(
        name="Aabenraa Kommune", slug="aabenraa", country=Country.DENMARK
    )
    german_org = factories.OrganisationFactory(name="Stadtwerke", slug="stadtwerke")
    solutions = {
        "dk-pilot": SolutionPageFactory(
            portal=portal,
            title="Solarpark Pilot Aabenraa",
            slug="dk-pilot",
            phase=Phase.PILOT,
            lead_organisation=danish_org,
            municipality="Aabenraa",
        ),
        "de-pilot": SolutionPageFactory(
            portal=portal,
            title="Solarpark Pilot Flensburg",
            slug="de-pilot",
            phase=Phase.PILOT,
            lead_organisation=german_org,
            municipality="Flensburg",
        ),
        "de-idea": SolutionPageFactory(
            portal=portal,
            title="Solarpark Idee Flensburg",
            slug="de-idea",
            phase=Phase.IDEA,
            lead_organisation=german_org,
            municipality="Flensburg",
        ),
    }
    solutions["de-idea"].tags.add("Wärme")
    solutions["de-idea"].save_revision().publish()
    return solutions


def test_facets__count_each_value_of_the_matches(client, faceted):
    doc = parse(client.get("/de/search/", {"q": "Solarpark"}))

    assert len(doc.select(".result")) == 3
    assert facet_counts(doc, "phase") == {"pilot": 2, "idea": 1}
    assert facet_counts(doc, "organisation") == {"stadtwerke": 2, "aabenraa": 1}
    assert facet_counts(doc, "country") == {"DE": 2, "DK": 1}
    assert facet_counts(doc, "municipality") == {"Flensburg": 2, "Aabenraa": 1}
    assert facet_counts(doc, "field") == {"energy": 3}
    assert facet_counts(doc, "language") == {"de": 3}
    assert facet_counts(doc, "tag") == {"wärme": 1}


def test_facets__combine_other_facets_narrow_own_facet_keeps_alternatives(
    client, faceted
):
    doc = parse(client.get("/de/search/", {"q": "Solarpark", "phase": "pilot"}))

    assert sorted(result_links(doc)) == sorted(
        [faceted["dk-pilot"].url, faceted["de-pilot"].url]
    )
    # The phase facet still offers "idea" (counted without its own filter) ...
    assert facet_counts(doc, "phase") == {"pilot": 2, "idea": 1}
    # ... while the other facets count only the pilots.
    assert facet_counts(doc, "organisation") == {"stadtwerke": 1, "aabenraa": 1}

    both = parse(
        client.get("/de/search/", {"q": "Solarpark", "phase": "pilot", "country": "DK"})
    )
    assert result_links(both) == [faceted["dk-pilot"].url]


def test_facets__two_values_of_one_facet_widen(client, faceted):
    doc = parse(
        client.get("/de/search/", {"q": "Solarpark", "municipality": ["Aabenraa"]})
    )
    assert result_links(doc) == [faceted["dk-pilot"].url]

    wider = parse(
        client.get(
            "/de/search/",
            {"q": "Solarpark", "municipality": ["Aabenraa", "Flensburg"]},
        )
    )
    assert len(wider.select(".result")) == 3


def test_facets__links_are_shareable_urls_with_the_whole_state(client, faceted):
    doc = parse(client.get("/de/search/", {"q": "Solarpark", "phase": "pilot"}))

    link = doc.select_one('.facet[data-facet="country"] a[data-value="DK"]')
    assert link["href"] == "?q=Solarpark&phase=pilot&country=DK"
    selected = doc.select_one('.facet[data-facet="phase"] a[aria-current="true"]')
    assert selected["href"] == "?q=Solarpark"
    # A new query from the form keeps the filters.
    hidden = doc.select('form[role=search] input[type="hidden"]')
    assert [(i["name"], i["value"]) for i in hidden] == [("phase", "pilot")]
    # The address alone gives the same page to someone else.
    again = parse(client.get("/de/search/?q=Solarpark&phase=pilot&country=DK"))
    assert result_links(again) == [faceted["dk-pilot"].url]


def test_facets__without_query_browse_solutions(client, faceted):
    doc = parse(client.get("/de/search/", {"phase": "idea"}))

    assert result_links(doc) == [faceted["de-idea"].url]


def test_sort__by_date_newest_first(client, faceted):
    newest = faceted["dk-pilot"]
    newest.save_revision().publish()

    doc = parse(client.get("/de/search/", {"q": "Solarpark", "sort": "date"}))

    assert result_links(doc)[0] == newest.url
    assert doc.select_one("#search-sort option[selected]")["value"] == "date"


def test_excerpt__content_escaped_then_terms_marked(client, portal):
    SolutionPageFactory(
        portal=portal,
        title="Dorfladen",
        slug="dorfladen",
        teaser="Ein <b>Dorfladen</b> mit <script>alert(1)</script> Abholstation.",
    )

    response = client.get("/de/search/", {"q": "Dorfladen"})

    excerpt = parse(response).select_one(".result__excerpt")
    assert [mark.get_text() for mark in excerpt.select("mark")] == ["Dorfladen"]
    assert excerpt.select("script, b") == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def _hidden_solutions(portal):
    """A draft, an unpublished, a private and a password-protected solution."""
    draft = SolutionPageFactory(
        portal=portal, title="Geheimprojekt Entwurf", slug="g1", live=False
    )
    unpublished = SolutionPageFactory(
        portal=portal, title="Geheimprojekt Alt", slug="g2"
    )
    unpublished.unpublish()
    private = SolutionPageFactory(
        portal=portal, title="Geheimprojekt Intern", slug="g3"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    protected = SolutionPageFactory(
        portal=portal, title="Geheimprojekt Passwort", slug="g4"
    )
    PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return [draft, unpublished, private, protected]


def test_visibility__hidden_pages_never_in_results_facets_or_suggestions(
    client, portal
):
    _hidden_solutions(portal)
    visible = SolutionPageFactory(
        portal=portal, title="Geheimprojekt Offen", slug="offen"
    )

    doc = parse(client.get("/de/search/", {"q": "Geheimprojekt"}))
    assert result_links(doc) == [visible.url]
    assert facet_counts(doc, "field") == {"energy": 1}

    browse = parse(client.get("/de/search/", {"field": "energy"}))
    assert result_links(browse) == [visible.url]

    suggestions = client.get("/api/search/suggest/", {"q": "Geheim", "lang": "de"})
    assert [s["url"] for s in suggestions.json()["suggestions"]] == [visible.url]


def test_visibility__hidden_pages_never_in_the_api(client, portal):
    _hidden_solutions(portal)

    data = client.get("/api/search/", {"q": "Geheimprojekt", "lang": "de"}).json()

    assert data["total"] == 0
    assert data["results"] == []
    assert all(not facet["values"] for facet in data["facets"])


def test_visibility__live_page_with_draft_changes_found_by_live_text(client, portal):
    live = SolutionPageFactory(portal=portal, title="Bürgerbus", slug="bus")
    live.title = "Geheimprojekt Neu"
    live.save_revision()

    assert result_links(parse(client.get("/de/search/", {"q": "Geheimprojekt"}))) == []
    assert result_links(parse(client.get("/de/search/", {"q": "Bürgerbus"}))) == [
        live.url
    ]


def test_synonyms__query_finds_the_other_terms_of_the_group(client, portal):
    TermGroupFactory(
        name="public transport",
        terms={"de": "ÖPNV", "da": "kollektiv trafik", "en": "public transport"},
    )
    bus = SolutionPageFactory(
        portal=portal,
        title="Rufbus Geest",
        slug="rufbus",
        teaser="Mehr public transport.",
    )
    danish = SolutionPageFactory(
        portal=portal,
        danish=True,
        title="Busser i Tønder",
        slug="tonder",
        teaser="Bedre kollektiv trafik.",
    )

    doc = parse(client.get("/de/search/", {"q": "ÖPNV"}))

    assert sorted(result_links(doc)) == sorted([bus.url, danish.url])


def test_synonyms__group_not_marked_as_synonyms_is_not_applied(client, portal):
    group = TermGroupFactory(
        name="transport", terms={"de": "ÖPNV", "en": "public transport"}
    )
    group.use_as_synonyms = False
    group.save()
    SolutionPageFactory(
        portal=portal, title="Rufbus", slug="rufbus", teaser="public transport"
    )

    assert result_links(parse(client.get("/de/search/", {"q": "ÖPNV"}))) == []


def test_typo__results_for_the_closest_known_words(client, portal):
    bus = SolutionPageFactory(portal=portal, title="Bürgerbus Grenzland", slug="bus")

    doc = parse(client.get("/de/search/", {"q": "Bürgrbus"}))

    assert result_links(doc) == [bus.url]
    assert "bürgerbus" in doc.select_one(".search-correction").get_text()


def test_zero_results__recorded_normalised_without_personal_data(client, portal):
    client.get("/de/search/", {"q": "  Wasserstoff   TANKSTELLE "})
    client.get("/de/search/", {"q": "wasserstoff tankstelle"})
    client.get("/da/search/", {"q": "brint"})

    rows = list(
        ZeroResultQuery.objects.values_list("query", "language", "count").order_by(
            "query"
        )
    )
    assert rows == [("brint", "da", 1), ("wasserstoff tankstelle", "de", 2)]
    field_names = {field.name for field in ZeroResultQuery._meta.get_fields()}
    assert field_names == {
        "id",
        "query",
        "language",
        "count",
        "first_seen",
        "last_seen",
    }


def test_zero_results__not_recorded_when_found_or_narrowed_by_facets(client, faceted):
    client.get("/de/search/", {"q": "Solarpark"})
    client.get("/de/search/", {"q": "Solarpark", "country": "SE"})

    assert not ZeroResultQuery.objects.exists()


def test_search_page__plain_form_with_combobox_hooks(client, portal):
    doc = parse(client.get("/da/search/"))

    form = doc.select_one("form[role=search]")
    assert form["method"] == "get"
    field = form.select_one("input#search-query[name=q]")
    assert field["data-suggest-url"] == "/api/search/suggest/?lang=da"
    assert form.select_one("#search-suggestions")["hidden"] == ""
    script = doc.select_one('script[src$="js/search-autocomplete.js"]')
    assert script["src"].startswith("/static/")


def test_search_page__language_label_in_the_visitors_language(client, portal):
    SolutionPageFactory(
        portal=portal, danish=True, title="Haderslev data", slug="haderslev"
    )

    doc = parse(client.get("/en/search/", {"q": "Haderslev"}))

    label = doc.select_one(".result__language").get_text(strip=True)
    with translation.override("en"):
        assert label == translation.gettext("Only in %(name)s") % {"name": "dansk"}


def test_search_page__status_ok_for_every_language(client, portal):
    for code in ("de", "da", "en"):
        assert client.get(f"/{code}/search/", {"q": "x"}).status_code == HTTPStatus.OK


def test_demo_term_list__seeded_once_and_applied(client, portal):
    from apps.demo.terms import DEMO_TERM_GROUPS, seed_term_groups

    assert seed_term_groups() == len(DEMO_TERM_GROUPS)
    assert seed_term_groups() == 0
    heating = SolutionPageFactory(
        portal=portal, danish=True, title="Fjernvarme i Tønder", slug="fv"
    )

    assert result_links(
        parse(client.get("/en/search/", {"q": "district heating"}))
    ) == [heating.url]


def test_search__no_page_with_every_word_shows_pages_with_some(client, portal):
    heating = SolutionPageFactory(
        portal=portal, danish=True, title="Fjernvarme Haderslev", slug="fv"
    )

    doc = parse(client.get("/de/search/", {"q": "Haderslev Wasserstoff"}))

    assert result_links(doc) == [heating.url]
    assert doc.select_one(".search-correction")
    assert not ZeroResultQuery.objects.exists()


@pytest.mark.parametrize(
    "query", ['"', 'Lade"säule', '"Ladesäule am Hafen"', '5" Rohr']
)
def test_search__double_quotes_typed__results_not_an_error(client, portal, query):
    SolutionPageFactory(
        portal=portal, title="Ladesäule am Hafen", slug="ladesaeule-hafen"
    )

    response = client.get("/de/search/", {"q": query})
    suggestions = client.get("/api/search/suggest/", {"q": query, "language": "de"})

    assert response.status_code == HTTPStatus.OK
    assert suggestions.status_code == HTTPStatus.OK
