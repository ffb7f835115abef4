"""The maps of solutions: the search, the solution lists and the solution page.

The map's data is the JSON the page embeds for the script (``json_script``) and,
for the search and the knowledge base, the GeoJSON the script fetches from the
map's ``data-source`` (every place of the list; the page holds only its own
results' places). The list of places beside it, and the plain list of every place
it links to, are what a visitor without JavaScript (or without tiles) reads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.knowledge.choices import Phase
from apps.knowledge.portal import map as place_maps
from apps.knowledge.search.service import RESULTS_PER_PAGE
from tests.knowledge.factories import (
    OrganisationFactory,
    SolutionPageFactory,
    TranslationFactory,
    published,
)

pytestmark = pytest.mark.django_db

#: The map's data of a search: every place of its results.
SEARCH_PLACES = "/de/search/places/json/?phase=pilot"

FLENSBURG = {"latitude": Decimal("54.7937"), "longitude": Decimal("9.4469")}
SONDERBORG = {"latitude": Decimal("54.9138"), "longitude": Decimal("9.7923")}


def located_solution(portal, title: str, *, phase=Phase.PILOT, place=FLENSBURG, **kw):
    return published(
        SolutionPageFactory(portal=portal, title=title, phase=phase, **place, **kw)
    )


def features(response, name: str) -> list[dict]:
    """The features the page hands to the map's script."""
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    element = soup.find("script", id=f"map-{name}-features")
    assert element is not None, f"no map {name!r} on the page"
    return json.loads(element.string)


def map_section(response, name: str):
    return BeautifulSoup(response.content, "html.parser").find(id=f"map-{name}")


def every_place(client, response, name: str) -> list[dict]:
    """The features the map's script fetches: every place of the list."""
    source = map_section(response, name)["data-source"]
    answer = client.get(source)
    assert answer.status_code == HTTPStatus.OK
    assert answer["Content-Type"] == "application/json"
    collection = answer.json()
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


def all_places_link(response, name: str) -> str:
    """The link, under the page's list of places, to the list of them all."""
    return map_section(response, name).find("p", class_="place-map__all").a["href"]


def titles(found: list[dict]) -> set[str]:
    return {feature["properties"]["title"] for feature in found}


def places_list(response, name: str):
    """The list of places a visitor without JavaScript reads."""
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(id=f"map-{name}").find("details", class_="place-map__places")


def csp_img_src(response, directive: str = "img-src") -> list[str]:
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        if name == directive:
            return values
    return []


# --- search -------------------------------------------------------------------------


def test_search_map__shows_every_result_under_the_facets_not_only_the_first_page(
    client, portal
):
    pilots = {f"Pilot {i}" for i in range(RESULTS_PER_PAGE + 3)}
    for title in pilots:
        located_solution(portal, title)
    located_solution(portal, "Idee am Hafen", phase=Phase.IDEA)
    SolutionPageFactory(portal=portal, title="Pilot ohne Ort", municipality="")

    response = client.get("/de/search/", {"phase": "pilot"})

    assert titles(every_place(client, response, "results")) == pilots
    assert response.context["outcome"].total == len(pilots) + 1
    # The page holds only the places of the results it lists.
    shown = {hit.title for hit in response.context["outcome"].hits}
    assert titles(features(response, "results")) == shown - {"Idee am Hafen"}
    assert len(features(response, "results")) <= RESULTS_PER_PAGE


def test_search_map__follows_the_text_and_every_facet(client, portal):
    located_solution(portal, "Ladesäulen Flensburg")
    located_solution(portal, "Ladesäulen Sønderborg", phase=Phase.IDEA)
    located_solution(portal, "Bürgerbus")

    response = client.get("/de/search/", {"q": "Ladesäulen", "phase": "pilot"})

    assert titles(every_place(client, response, "results")) == {"Ladesäulen Flensburg"}


def test_search_map__links_each_solution_in_the_visitors_language(client, portal):
    solution = located_solution(portal, "Energiedaten-Plattform")
    danish = TranslationFactory(page=solution, language_code="da")
    danish.title = "Energidataplatform"
    danish.save_revision().publish()
    located_solution(portal, "Nur auf Deutsch")

    found = every_place(client, client.get("/da/search/?phase=pilot"), "results")

    by_title = {f["properties"]["title"]: f["properties"] for f in found}
    assert set(by_title) == {"Energidataplatform", "Nur auf Deutsch"}
    assert by_title["Energidataplatform"]["url"] == danish.url
    assert by_title["Energidataplatform"]["url"].startswith("/da/")
    # Not translated: the German version, marked as German for the list's lang.
    assert by_title["Nur auf Deutsch"]["language"] == "de"
    german = every_place(client, client.get("/de/search/?phase=pilot"), "results")
    assert {f["properties"]["url"] for f in german} == {
        solution.url,
        by_title["Nur auf Deutsch"]["url"],
    }


def test_search_map__a_feature_has_its_point_title_place_and_kind(client, portal):
    solution = located_solution(
        portal, "Hafenlicht", place=SONDERBORG, municipality="Sønderborg"
    )

    response = client.get("/en/search/", {"phase": "pilot"})
    (feature,) = every_place(client, response, "results")

    assert features(response, "results") == [feature]
    assert feature["geometry"] == {"type": "Point", "coordinates": [9.7923, 54.9138]}
    assert feature["properties"] == {
        "kind": "solution",
        "kind_label": "Solution",
        "title": "Hafenlicht",
        "url": solution.url,
        "place": "Sønderborg",
        "language": "de",
    }


def test_search_map__query_count_does_not_grow_with_the_places(portal):
    def queries(url: str) -> int:
        client = Client()
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        return len(captured)

    located_solution(portal, "Erste")
    few = (queries("/de/search/?phase=pilot"), queries(SEARCH_PLACES))
    for i in range(30):
        located_solution(portal, f"Weitere {i}")

    assert (queries("/de/search/?phase=pilot"), queries(SEARCH_PLACES)) == few


def test_search_map__page_holds_one_page_of_places_the_source_all_of_them(
    client, portal
):
    def page_size(count: int) -> int:
        for i in range(len(titles_made), count):
            made = located_solution(portal, f"Pilot {i:03}", lead_organisation=lead)
            titles_made.append(made.title)
        response = client.get("/de/search/?phase=pilot")
        assert response.context["outcome"].total == count
        return len(response.content)

    # One organisation: its facet does not grow with the results either.
    lead = OrganisationFactory()
    titles_made: list[str] = []
    small = page_size(RESULTS_PER_PAGE + 1)
    large = page_size(40)

    response = client.get("/de/search/?phase=pilot")
    assert len(features(response, "results")) == RESULTS_PER_PAGE
    assert response.content.decode().count('"kind": "solution"') == RESULTS_PER_PAGE
    assert titles(every_place(client, response, "results")) == set(titles_made)
    # 27 more results: only the pagination and the counts grow, not the places.
    assert large - small < 1000


def test_search_map__without_javascript_links_to_every_place_page_by_page(
    client, portal, monkeypatch
):
    monkeypatch.setattr(place_maps, "PLACES_PER_PAGE", 10)
    made = {located_solution(portal, f"Pilot {i:02}").title for i in range(15)}
    located_solution(portal, "Idee", phase=Phase.IDEA)
    link = all_places_link(client.get("/en/search/?phase=pilot"), "results")

    first = BeautifulSoup(client.get(link).content, "html.parser")
    next_page = first.find("nav", class_="pagination").find("a", rel="next")["href"]
    second = BeautifulSoup(
        client.get(link.split("?")[0] + next_page).content, "html.parser"
    )

    on_first = [a.get_text() for a in first.select(".place-list a")]
    on_second = [a.get_text() for a in second.select(".place-list a")]
    assert (len(on_first), len(on_second)) == (10, 5)
    assert set(on_first + on_second) == made
    assert first.h1.get_text() == "Places of the search results"
    assert first.h2.get_text() == "15 places"
    back = first.find("a", string="Back to the search results")
    assert back["href"] == "/en/search/?phase=pilot"


def test_search_map__source_is_cached_and_retired_by_a_publish(
    client, portal, settings
):
    settings.PORTAL_CACHE_SECONDS = 600
    located_solution(portal, "Wärmenetz")
    client.get(SEARCH_PLACES)
    assert client.get(SEARCH_PLACES)["X-Portal-Cache"] == "hit"

    located_solution(portal, "Quartiersbus")
    answer = client.get(SEARCH_PLACES)

    assert answer["X-Portal-Cache"] == "miss"
    assert titles(answer.json()["features"]) == {"Wärmenetz", "Quartiersbus"}


def test_search_map__csp_lets_the_script_fetch_its_data_from_the_portal_only(
    client, portal
):
    located_solution(portal, "Wärmenetz")

    response = client.get("/de/search/?phase=pilot")

    assert map_section(response, "results")["data-source"].startswith("/de/search/")
    assert csp_img_src(response, "connect-src") == ["'self'"]


def test_search_map__script_is_given_what_to_say_while_loading_and_on_failure(
    client, portal
):
    located_solution(portal, "Wärmenetz")

    config = map_config(client.get("/en/search/?phase=pilot"), "results")

    assert config["labels"]["loading"] == "Loading the places for the map …"
    assert config["labels"]["failed"].startswith("The map could not be loaded.")


# --- lists --------------------------------------------------------------------------


def test_knowledge_index_map__shows_every_solution_under_the_filters(client, portal):
    ideas = {f"Idee {i}" for i in range(RESULTS_PER_PAGE + 2)}
    for title in ideas:
        located_solution(portal, title, phase=Phase.IDEA)
    located_solution(portal, "Im Betrieb", phase=Phase.PILOT)

    response = client.get(portal.knowledge.url, {"phase": "idea", "page": "2"})

    assert titles(every_place(client, response, "solutions")) == ideas
    # The page holds the places of the two solutions it lists.
    listed = {solution.title for solution in response.context["solutions"]}
    assert len(listed) == 2
    assert titles(features(response, "solutions")) == listed


def test_knowledge_index_map__without_javascript_links_to_every_place(client, portal):
    ideas = {f"Idee {i}" for i in range(RESULTS_PER_PAGE + 2)}
    for title in ideas:
        located_solution(portal, title, phase=Phase.IDEA)
    located_solution(portal, "Im Betrieb", phase=Phase.PILOT)
    response = client.get(portal.knowledge.url, {"phase": "idea"})

    listing = client.get(all_places_link(response, "solutions"))

    soup = BeautifulSoup(listing.content, "html.parser")
    assert {a.get_text() for a in soup.select(".place-list a")} == ideas
    assert soup.find("a", href=f"{portal.knowledge.url}?phase=idea") is not None


def test_list_map_source__only_for_a_page_with_a_list_in_its_language(client, portal):
    located_solution(portal, "Wärmenetz")

    assert client.get(f"/da/places/{portal.knowledge.pk}/json/").status_code == 404
    assert client.get(f"/de/places/{portal.home.pk}/json/").status_code == 404
    assert client.get(f"/de/places/{portal.area.pk}/json/").status_code == 200


def test_partner_area_map__shows_its_solutions_and_a_newly_published_one(
    client, portal
):
    located_solution(portal, "Wärmenetz")
    response = client.get(portal.area.url)
    assert titles(features(response, "solutions")) == {"Wärmenetz"}
    assert titles(every_place(client, response, "solutions")) == {"Wärmenetz"}

    located_solution(portal, "Quartiersbus")

    # The list's fragment is kept, and retired with the list.
    response = client.get(portal.area.url)
    both = {"Wärmenetz", "Quartiersbus"}
    assert titles(features(response, "solutions")) == both
    assert titles(every_place(client, response, "solutions")) == both


def test_knowledge_index_map__page_cache_serves_the_new_place_after_publishing(
    client, portal, settings
):
    settings.PORTAL_CACHE_SECONDS = 600
    located_solution(portal, "Wärmenetz")
    client.get(portal.knowledge.url)
    assert client.get(portal.knowledge.url)["X-Portal-Cache"] == "hit"

    source = map_section(client.get(portal.knowledge.url), "solutions")["data-source"]
    client.get(source)
    assert client.get(source)["X-Portal-Cache"] == "hit"

    located_solution(portal, "Quartiersbus")
    response = client.get(portal.knowledge.url)

    assert titles(features(response, "solutions")) == {"Wärmenetz", "Quartiersbus"}
    assert titles(every_place(client, response, "solutions")) == {
        "Wärmenetz",
        "Quartiersbus",
    }


def test_places_list__names_each_place_with_a_link_without_javascript(client, portal):
    solution = located_solution(
        portal, "Smarte Bank", municipality="Husum", place=SONDERBORG
    )

    places = places_list(client.get(portal.knowledge.url), "solutions")

    # Open without the script (which closes it, leaving it a toggle away).
    assert places.has_attr("open")
    assert places.summary is not None
    (item,) = places.find_all("li")
    assert item.a["href"] == solution.url
    assert item.a.get_text() == "Smarte Bank"
    assert "Husum" in item.get_text()


def test_places_list__marks_a_place_in_another_language(client, portal):
    located_solution(portal, "Nur auf Deutsch")

    places = places_list(client.get("/da/search/?phase=pilot"), "results")

    assert places.find("a")["lang"] == "de"


# --- the solution page ---------------------------------------------------------------


def test_solution_page__small_map_shows_its_own_place(client, portal):
    solution = located_solution(portal, "Hafenlicht", place=SONDERBORG)

    (feature,) = features(client.get(solution.url), "place")

    assert feature["properties"]["url"] == solution.url
    assert feature["geometry"]["coordinates"] == [9.7923, 54.9138]


def test_solution_page__without_coordinates_has_no_map(client, portal):
    solution = published(SolutionPageFactory(portal=portal, title="Ohne Ort"))

    response = client.get(solution.url)

    assert response.status_code == HTTPStatus.OK
    assert b"map-place" not in response.content


# --- tiles and the Content-Security-Policy --------------------------------------------


def map_config(response, name: str) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    return json.loads(soup.find("script", id=f"map-{name}-config").string)


def test_tiles__openstreetmap_by_default_and_allowed_by_the_csp(client, portal):
    located_solution(portal, "Hafenlicht")

    response = client.get(portal.knowledge.url)

    config = map_config(response, "solutions")
    assert config["tile_url"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert config["attribution"] == "© OpenStreetMap contributors"
    assert csp_img_src(response) == [
        "'self'",
        "data:",
        "https://tile.openstreetmap.org",
    ]


def test_tiles__the_configured_server_is_used(client, portal, settings):
    settings.PORTAL_MAP_TILE_URL = (
        "https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/"
        "de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png"
    )
    settings.PORTAL_MAP_ATTRIBUTION = "© basemap.de / BKG"
    located_solution(portal, "Hafenlicht")

    config = map_config(client.get(portal.knowledge.url), "solutions")

    assert config["tile_url"] == settings.PORTAL_MAP_TILE_URL
    assert config["attribution"] == "© basemap.de / BKG"


def test_tiles__environment_sets_the_server_and_only_its_host_enters_the_csp():
    """The settings read PORTAL_MAP_TILE_URL once, at start-up: a process of
    its own with the variable set."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "PORTAL_MAP_TILE_URL": "https://api.dataforsyningen.dk/topo_skaermkort/{z}/{x}/{y}.png",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.PORTAL_MAP_TILE_URL, "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    output = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    tile_url, img_src = json.loads(output.strip().splitlines()[-1])
    assert tile_url == env["PORTAL_MAP_TILE_URL"]
    assert img_src == ["'self'", "data:", "https://api.dataforsyningen.dk"]


def test_theme_page_map__shows_the_solutions_of_its_field_of_action(client, portal):
    located_solution(portal, "Wärmenetz")
    elsewhere = located_solution(portal, "Ohne Handlungsfeld")
    elsewhere.fields_of_action.all().delete()
    published(elsewhere)

    response = client.get(portal.theme.url)

    assert titles(features(response, "solutions")) == {"Wärmenetz"}
    assert titles(every_place(client, response, "solutions")) == {"Wärmenetz"}


def test_theme_page_map__plain_list_of_every_place_names_the_theme(client, portal):
    made = {located_solution(portal, f"Wärmenetz {i:02}").title for i in range(14)}
    listing = BeautifulSoup(
        client.get(all_places_link(client.get(portal.theme.url), "solutions")).content,
        "html.parser",
    )

    assert {a.get_text() for a in listing.select(".place-list a")} == made
    assert portal.theme.title in listing.h1.get_text()
    assert listing.find("a", href=portal.theme.url) is not None
