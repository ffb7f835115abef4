"""The transfer-phase facet (reuse readiness) on every backend: the database (SQLite
or PostgreSQL, whichever the test database is), the search page, the JSON API and a
live OpenSearch node (or Elasticsearch, see live_search.py)."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.http import QueryDict
from django.utils import translation
from modelsearch.backends import get_search_backend
from openapi_spec_validator import validate

from apps.knowledge.choices import Licence, Phase, TransferPhase
from apps.knowledge.models import SolutionPage
from apps.knowledge.search.service import SearchParams, search
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.knowledge.search.live_search import LiveEngine, engine_params, require
from tests.knowledge.search.result_page import facet_counts, parse, result_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def solutions(portal) -> dict[str, SolutionPage]:
    """Four "Dorfkiste" solutions: scaling, two MVPs (a pilot and an idea), and
    one not assessed; the scaling one also in Danish."""
    found = {
        "scaling": SolutionPageFactory(
            portal=portal,
            title="Dorfkiste Nord",
            slug="nord",
            transfer_phase=TransferPhase.SCALING,
            licence=Licence.EUPL,
            exit_plan="Daten als CSV.",
        ),
        "mvp_pilot": SolutionPageFactory(
            portal=portal,
            title="Dorfkiste Süd",
            slug="sued",
            phase=Phase.PILOT,
            transfer_phase=TransferPhase.MVP,
        ),
        "mvp_idea": SolutionPageFactory(
            portal=portal,
            title="Dorfkiste West",
            slug="west",
            phase=Phase.IDEA,
            transfer_phase=TransferPhase.MVP,
        ),
        "unassessed": SolutionPageFactory(
            portal=portal, title="Dorfkiste Ost", slug="ost"
        ),
    }
    TranslationFactory(page=found["scaling"], language_code="da")
    return found


def run(language: str = "de", backend=None, **query):
    data = QueryDict(mutable=True)
    for name, value in query.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    params = SearchParams.from_query_dict(data)
    with translation.override(language):
        return search(params, language, backend=backend, record=False)


def counts(outcome) -> dict[str, dict[str, int]]:
    return {
        facet.name: {value.value: value.count for value in facet.values if value.count}
        for facet in outcome.facets
    }


# Database backend: the search page ------------------------------------------------


def test_search_page__counts_solutions_per_transfer_phase(client, solutions):
    doc = parse(client.get("/de/search/", {"q": "Dorfkiste"}))

    # The Danish copy of the scaling solution counts once; unassessed not at all.
    assert facet_counts(doc, "transfer") == {"scaling": 1, "mvp": 2}


def test_search_page__transfer_filter_narrows_other_phases_stay_offered(
    client, solutions
):
    doc = parse(client.get("/de/search/", {"q": "Dorfkiste", "transfer": "mvp"}))

    assert sorted(result_links(doc)) == sorted(
        [solutions["mvp_pilot"].url, solutions["mvp_idea"].url]
    )
    # Its own facet keeps the alternatives; the others count under the selection.
    assert facet_counts(doc, "transfer") == {"scaling": 1, "mvp": 2}
    assert facet_counts(doc, "phase") == {"pilot": 1, "idea": 1}
    selected = doc.select_one('.facet[data-facet="transfer"] a[aria-current="true"]')
    assert selected["data-value"] == "mvp"


def test_search_page__transfer_and_phase_narrow_together(client, solutions):
    doc = parse(
        client.get(
            "/de/search/", {"q": "Dorfkiste", "transfer": "mvp", "phase": "idea"}
        )
    )

    assert result_links(doc) == [solutions["mvp_idea"].url]
    assert facet_counts(doc, "transfer") == {"mvp": 1}


def test_search_page__two_transfer_phases_widen(client, solutions):
    doc = parse(client.get("/de/search/", {"transfer": ["mvp", "scaling"]}))

    assert len(result_links(doc)) == 3


def test_search_page__facet_labels_and_hit_badges_in_english(client, solutions):
    doc = parse(client.get("/en/search/", {"q": "Dorfkiste"}))

    facet = doc.select_one('.facet[data-facet="transfer"]')
    assert facet.h3.get_text(strip=True) == "Transfer phase"
    labels = {
        link["data-value"]: link.get_text(" ", strip=True).rsplit(" ", 1)[0]
        for link in facet.select("a")
    }
    assert labels == {"mvp": "Minimum viable product", "scaling": "Scaling"}
    # By title: the scaling solution may be shown in German or Danish.
    badges = {
        result.h3.a.get_text(strip=True): result.select_one(
            ".readiness-badge"
        ).get_text(" ", strip=True)
        for result in doc.select(".result")
    }
    assert badges["Dorfkiste Nord"] == (
        "Transfer readiness: Scaling, 2 of 9 criteria documented"
    )
    assert badges["Dorfkiste Ost"] == (
        "Transfer readiness: Not assessed, 0 of 9 criteria documented"
    )


def test_search_page__unknown_transfer_phase_matches_nothing(client, solutions):
    response = client.get("/de/search/", {"transfer": "finished"})

    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    assert result_links(doc) == []
    # The selection stays visible, to be switched off.
    assert doc.select_one('.facet[data-facet="transfer"] a[data-value="finished"]')


# The JSON API and its OpenAPI document -------------------------------------------


def test_api__transfer_facet_filter_and_readiness_of_each_result(client, solutions):
    data = client.get(
        "/api/search/", {"q": "Dorfkiste", "transfer": "scaling", "lang": "en"}
    ).json()

    assert data["filters"] == {"transfer": ["scaling"]}
    assert data["total"] == 1
    [result] = data["results"]
    assert result["title"] == "Dorfkiste Nord"
    assert result["readiness"] == {
        "transfer_phase": "scaling",
        "transfer_phase_label": "Scaling",
        "criteria_documented": 2,
        "criteria_total": 9,
    }
    transfer = next(f for f in data["facets"] if f["name"] == "transfer")
    assert transfer["label"] == "Transfer phase"
    assert {
        v["value"]: (v["label"], v["count"], v["selected"]) for v in transfer["values"]
    } == {
        "scaling": ("Scaling", 1, True),
        "mvp": ("Minimum viable product", 2, False),
    }


def test_api__unassessed_solution_has_no_phase(client, solutions):
    data = client.get("/api/search/", {"q": "Ost", "lang": "en"}).json()

    [result] = data["results"]
    assert result["readiness"]["transfer_phase"] is None
    assert result["readiness"]["criteria_documented"] == 0


def test_openapi__documents_the_transfer_facet(client):
    document = client.get("/api/search/openapi.json").json()

    validate(document)
    parameters = document["paths"]["/api/search/"]["get"]["parameters"]
    transfer = next(p for p in parameters if p["name"] == "transfer")
    for value in ("idea", "proof_of_concept", "mvp", "scaling"):
        assert value in transfer["description"]
    readiness = document["components"]["schemas"]["Readiness"]
    assert "criteria_documented" in readiness["required"]


# A live engine: the same facet from the engine's aggregations ---------------------


@pytest.fixture(params=engine_params())
def live_backend(request, solutions):
    engine: LiveEngine = request.param
    require(engine)
    backend = engine.make_backend(ATOMIC_REBUILD=False)
    index = backend.get_index_for_model(SolutionPage)
    index.put()
    index.add_model(SolutionPage)
    index.add_items(SolutionPage, list(SolutionPage.objects.all()))
    index.refresh()
    yield backend
    for name in backend.es.indices.get(index=backend.index_prefix + "*"):
        backend.es.indices.delete(index=name)


@pytest.mark.live_search
def test_engine__transfer_facet_is_a_keyword_field_of_the_document(live_backend):
    index = live_backend.get_index_for_model(SolutionPage)
    mapping = live_backend.es.indices.get_mapping(index=index.name)
    [properties] = [found["mappings"]["properties"] for found in mapping.values()]

    assert properties["_facet_transfer"] == {"type": "keyword"}


@pytest.mark.live_search
def test_engine__transfer_facet_filters_and_counts(live_backend, solutions):
    everything = run(backend=live_backend, q="Dorfkiste")
    mvp = run(backend=live_backend, q="Dorfkiste", transfer="mvp")
    mvp_ideas = run(backend=live_backend, q="Dorfkiste", transfer="mvp", phase="idea")

    assert counts(everything)["transfer"] == {"scaling": 1, "mvp": 2}
    assert sorted(hit.page.pk for hit in mvp.hits) == sorted(
        [solutions["mvp_pilot"].pk, solutions["mvp_idea"].pk]
    )
    # The facet's own selection keeps the other phase (post_filter, not query).
    assert counts(mvp)["transfer"] == {"scaling": 1, "mvp": 2}
    assert counts(mvp)["phase"] == {"pilot": 1, "idea": 1}
    assert [hit.page.pk for hit in mvp_ideas.hits] == [solutions["mvp_idea"].pk]


@pytest.mark.live_search
def test_engine__same_transfer_counts_as_the_database(live_backend, solutions):
    database = get_search_backend("apps.knowledge.search.database")
    for query in (
        {"q": "Dorfkiste"},
        {"transfer": "scaling"},
        {"q": "Dorfkiste", "transfer": ["mvp", "scaling"], "phase": "pilot"},
    ):
        for language in ("de", "da"):
            on_engine = run(language, backend=live_backend, **query)
            on_database = run(language, backend=database, **query)
            assert on_engine.total == on_database.total, (query, language)
            assert counts(on_engine) == counts(on_database), (query, language)
