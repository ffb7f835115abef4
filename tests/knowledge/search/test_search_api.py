"""The JSON search API, its OpenAPI document, suggestions and the editors' admin."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from openapi_spec_validator import validate
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from apps.knowledge.choices import Phase
from apps.knowledge.models import TermGroup, ZeroResultQuery
from tests.factories import UserProfileFactory
from tests.knowledge.factories import (
    SolutionPageFactory,
    TranslationFactory,
)
from tests.knowledge.search.result_page import parse, result_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chief", "c@example.org", "pw")
    UserProfileFactory(user=user)
    client.force_login(user)
    return client


def test_api__same_results_and_facets_as_the_search_page(client, portal):
    SolutionPageFactory(
        portal=portal, title="Solarpark Nord", slug="nord", phase=Phase.PILOT
    )
    SolutionPageFactory(
        portal=portal, title="Solarpark Süd", slug="sued", phase=Phase.IDEA
    )
    params = {"q": "Solarpark", "phase": "pilot"}

    data = client.get("/api/search/", {**params, "lang": "de"}).json()
    page = parse(client.get("/de/search/", params))

    assert data["total"] == 1
    assert [r["url"] for r in data["results"]] == result_links(page)
    phase = next(f for f in data["facets"] if f["name"] == "phase")
    assert {v["value"]: (v["count"], v["selected"]) for v in phase["values"]} == {
        "pilot": (1, True),
        "idea": (1, False),
    }
    assert data["filters"] == {"phase": ["pilot"]}
    assert data["engine"] == "database"


def test_api__marks_language_and_highlights(client, portal):
    SolutionPageFactory(
        portal=portal,
        danish=True,
        title="Haderslev data",
        slug="hd",
        teaser="Data fra Haderslev <b>.",
    )

    data = client.get("/api/search/", {"q": "Haderslev", "lang": "en"}).json()

    [result] = data["results"]
    assert result["language"] == "da"
    assert result["in_requested_language"] is False
    assert result["excerpt_html"] == "Data fra <mark>Haderslev</mark> &lt;b&gt;."


def test_api__paginates(client, portal):
    for number in range(13):
        SolutionPageFactory(
            portal=portal, title=f"Solarpark {number}", slug=f"s{number}"
        )

    second = client.get("/api/search/", {"q": "Solarpark", "page": 2}).json()

    assert (second["total"], second["page"], second["num_pages"]) == (13, 2, 2)
    assert len(second["results"]) == 1


def test_openapi__valid_document_describing_every_parameter(client):
    response = client.get("/api/search/openapi.json")

    assert response.status_code == HTTPStatus.OK
    document = response.json()
    validate(document)
    names = {p["name"] for p in document["paths"]["/api/search/"]["get"]["parameters"]}
    assert names == {
        "q",
        "lang",
        "sort",
        "page",
        "field",
        "phase",
        "transfer",
        "organisation",
        "country",
        "municipality",
        "tag",
        "language",
    }


def test_suggest__titles_in_the_visitors_language(client, portal):

    german = SolutionPageFactory(portal=portal, title="Ladesäule Hafen", slug="lade")
    danish = TranslationFactory(page=german, language_code="da")
    danish.title = "Ladestander havn"
    danish.save_revision().publish()

    data = client.get("/api/search/suggest/", {"q": "Ladesä", "lang": "da"}).json()

    assert data["suggestions"] == [
        {"title": "Ladestander havn", "url": danish.url, "language": "da"}
    ]


def test_suggest__short_input_gives_nothing(client, portal):
    SolutionPageFactory(portal=portal, title="Ladesäule", slug="lade")

    assert client.get("/api/search/suggest/", {"q": "L"}).json()["suggestions"] == []


def test_admin__editor_adds_a_term_group_used_by_the_search(
    admin_client, client, portal
):
    bus = SolutionPageFactory(
        portal=portal, title="Rufbus", slug="rufbus", teaser="Nahverkehr."
    )
    data = nested_form_data(
        {
            "name": "public transport",
            "use_as_synonyms": "on",
            "note": "",
            "terms": inline_formset(
                [
                    {"language": "de", "text": "ÖPNV"},
                    {"language": "de", "text": "Nahverkehr"},
                    {"language": "da", "text": "kollektiv trafik"},
                    {"language": "en", "text": "public transport"},
                ]
            ),
        }
    )

    response = admin_client.post("/admin/snippets/knowledge/termgroup/add/", data)

    assert response.status_code == HTTPStatus.FOUND
    group = TermGroup.objects.get()
    assert group.term_list == "ÖPNV, Nahverkehr, kollektiv trafik, public transport"
    listing = admin_client.get("/admin/snippets/knowledge/termgroup/")
    assert "kollektiv trafik" in listing.content.decode()
    found = client.get("/en/search/", {"q": "kollektiv trafik"})
    assert result_links(parse(found)) == [bus.get_url()]


def test_admin__searches_without_results_listed_most_frequent_first(
    admin_client, client, portal
):
    for query, times in (("brint", 1), ("wasserstoff", 3), ("hydrogen", 2)):
        for _ in range(times):
            client.get("/de/search/", {"q": query})
    assert ZeroResultQuery.objects.count() == 3

    response = admin_client.get("/admin/reports/searches-without-results/")

    assert response.status_code == HTTPStatus.OK
    rows = parse(response).select("table tbody tr")
    cells = [[td.get_text(strip=True) for td in row.select("td")][:3] for row in rows]
    assert cells == [
        ["wasserstoff", "de", "3"],
        ["hydrogen", "de", "2"],
        ["brint", "de", "1"],
    ]


def test_admin__report_in_the_reports_menu(admin_client):
    response = admin_client.get("/admin/")

    assert "/admin/reports/searches-without-results/" in response.content.decode()


def test_api__too_long_query_is_a_clear_bad_request(client, portal):
    answer = client.get("/api/search/", {"q": "Solar " * 100, "lang": "da"})

    assert answer.status_code == HTTPStatus.BAD_REQUEST
    assert answer.json() == {"message": "Søgeteksten er for lang: højst 200 tegn."}


def test_openapi__documents_the_query_length_limit(client):
    document = client.get("/api/search/openapi.json").json()
    operation = document["paths"]["/api/search/"]["get"]
    [q] = [param for param in operation["parameters"] if param["name"] == "q"]
    assert q["schema"]["maxLength"] == 200
    assert "400" in operation["responses"]


def test_search_page__too_long_query_searches_its_start_and_says_so(client, portal):
    SolutionPageFactory(portal=portal, title="Solarpark Nord", slug="nord")

    page = client.get("/de/search/", {"q": "Solarpark " + "x" * 10_000})

    assert page.status_code == HTTPStatus.OK
    assert "Solarpark Nord" in page.content.decode()
    notice = parse(page).select_one(".search-correction").get_text(" ", strip=True)
    assert "200" in notice


def test_search_page__control_characters_are_spaces(client, portal):
    SolutionPageFactory(portal=portal, title="Solarpark Nord", slug="nord")

    page = client.get("/de/search/", {"q": "Solarpark\x01Nord"})

    assert page.status_code == HTTPStatus.OK
    assert "Solarpark Nord" in page.content.decode()


@pytest.mark.parametrize("number", [str(2**64), "9" * 30, "9" * 5000])
@pytest.mark.parametrize("text", ["Solarpark", ""])
def test_page_number_past_every_integer__shows_the_last_page(
    client, portal, number, text
):
    """A page number beyond the database's integers (or the engines' result
    window) answers like any page past the results: their last page."""
    SolutionPageFactory(
        portal=portal, title="Solarpark Nord", slug="nord", phase=Phase.PILOT
    )
    query = {"q": text, "page": number} if text else {"phase": "pilot", "page": number}

    page = client.get("/de/search/", query)
    api = client.get("/api/search/", {"q": "Solarpark", "lang": "de", "page": number})

    assert page.status_code == HTTPStatus.OK
    assert "Solarpark Nord" in page.content.decode()
    assert api.status_code == HTTPStatus.OK
    assert [result["title"] for result in api.json()["results"]] == ["Solarpark Nord"]
