"""The maps of solutions: the search, the solution lists and the solution page.

The map's data is the JSON the page embeds for the script (``json_script``); the
list of places beside it is what a visitor without JavaScript (or without tiles)
reads.
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
from apps.knowledge.search.service import RESULTS_PER_PAGE
from tests.knowledge.factories import (
    SolutionPageFactory,
    TranslationFactory,
    published,
)

pytestmark = pytest.mark.django_db

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


def titles(found: list[dict]) -> set[str]:
    return {feature["properties"]["title"] for feature in found}


def places_list(response, name: str):
    """The list of places a visitor without JavaScript reads."""
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(id=f"map-{name}").find("details", class_="place-map__places")


def csp_img_src(response) -> list[str]:
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        if name == "img-src":
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

    assert titles(features(response, "results")) == pilots
    assert response.context["outcome"].total == len(pilots) + 1


def test_search_map__follows_the_text_and_every_facet(client, portal):
    located_solution(portal, "Ladesäulen Flensburg")
    located_solution(portal, "Ladesäulen Sønderborg", phase=Phase.IDEA)
    located_solution(portal, "Bürgerbus")

    response = client.get("/de/search/", {"q": "Ladesäulen", "phase": "pilot"})

    assert titles(features(response, "results")) == {"Ladesäulen Flensburg"}


def test_search_map__links_each_solution_in_the_visitors_language(client, portal):
    solution = located_solution(portal, "Energiedaten-Plattform")
    danish = TranslationFactory(page=solution, language_code="da")
    danish.title = "Energidataplatform"
    danish.save_revision().publish()
    located_solution(portal, "Nur auf Deutsch")

    found = features(client.get("/da/search/", {"phase": "pilot"}), "results")

    by_title = {f["properties"]["title"]: f["properties"] for f in found}
    assert set(by_title) == {"Energidataplatform", "Nur auf Deutsch"}
    assert by_title["Energidataplatform"]["url"] == danish.url
    assert by_title["Energidataplatform"]["url"].startswith("/da/")
    # Not translated: the German version, marked as German for the list's lang.
    assert by_title["Nur auf Deutsch"]["language"] == "de"
    german = features(client.get("/de/search/", {"phase": "pilot"}), "results")
    assert {f["properties"]["url"] for f in german} == {
        solution.url,
        by_title["Nur auf Deutsch"]["url"],
    }


def test_search_map__a_feature_has_its_point_title_place_and_kind(client, portal):
    solution = located_solution(
        portal, "Hafenlicht", place=SONDERBORG, municipality="Sønderborg"
    )

    (feature,) = features(client.get("/en/search/", {"phase": "pilot"}), "results")

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
    def queries() -> int:
        client = Client()
        client.get("/de/search/?phase=pilot")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/de/search/?phase=pilot")
        assert response.status_code == HTTPStatus.OK
        return len(captured)

    located_solution(portal, "Erste")
    few = queries()
    for i in range(30):
        located_solution(portal, f"Weitere {i}")

    assert queries() == few


# --- lists --------------------------------------------------------------------------


def test_knowledge_index_map__shows_every_solution_under_the_filters(client, portal):
    ideas = {f"Idee {i}" for i in range(RESULTS_PER_PAGE + 2)}
    for title in ideas:
        located_solution(portal, title, phase=Phase.IDEA)
    located_solution(portal, "Im Betrieb", phase=Phase.PILOT)

    response = client.get(portal.knowledge.url, {"phase": "idea", "page": "2"})

    assert titles(features(response, "solutions")) == ideas


def test_partner_area_map__shows_its_solutions_and_a_newly_published_one(
    client, portal
):
    located_solution(portal, "Wärmenetz")
    assert titles(features(client.get(portal.area.url), "solutions")) == {"Wärmenetz"}

    located_solution(portal, "Quartiersbus")

    # The list's fragment is kept, and retired with the list.
    assert titles(features(client.get(portal.area.url), "solutions")) == {
        "Wärmenetz",
        "Quartiersbus",
    }


def test_knowledge_index_map__page_cache_serves_the_new_place_after_publishing(
    client, portal, settings
):
    settings.PORTAL_CACHE_SECONDS = 600
    located_solution(portal, "Wärmenetz")
    client.get(portal.knowledge.url)
    assert client.get(portal.knowledge.url)["X-Portal-Cache"] == "hit"

    located_solution(portal, "Quartiersbus")
    response = client.get(portal.knowledge.url)

    assert titles(features(response, "solutions")) == {"Wärmenetz", "Quartiersbus"}


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

    found = features(client.get(portal.theme.url), "solutions")

    assert titles(found) == {"Wärmenetz"}
