"""Sharing a page (issue 16): its date, canonical address, share and print links,
feeds and structured data; what the empty search page offers to browse; the fields
of action's pictograms; teaser images with their alternative text."""

from __future__ import annotations

import datetime
import json
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.knowledge.choices import Phase, Pictogram
from apps.knowledge.models import SolutionPage
from tests.knowledge.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def parse(response) -> BeautifulSoup:
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def json_ld(doc: BeautifulSoup) -> list[dict]:
    return [
        json.loads(script.string)
        for script in doc.select('script[type="application/ld+json"]')
    ]


def publish(page, **changes) -> SolutionPage:
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return SolutionPage.objects.get(pk=page.pk)


@pytest.fixture
def solution(portal) -> SolutionPage:
    return publish(
        SolutionPageFactory(
            portal=portal,
            title="Bürgerwind-Dashboard",
            slug="buergerwind",
            teaser="Wie viel Strom die Windräder im Dorf gerade liefern.",
        )
    )


@pytest.fixture
def illustrated(solution) -> SolutionPage:
    image = wagtail_factories.ImageFactory(
        title="windrad.png", file__width=1600, file__height=900, description=""
    )
    return publish(solution, image=image, image_alt="Ein Windrad über dem Deich")


# Last updated, canonical address, share and print


def test_solution_page__says_when_it_was_last_updated(client, solution):
    solution.last_published_at = datetime.datetime(
        2026, 3, 5, 9, 30, tzinfo=datetime.UTC
    )
    solution.save()
    with translation.override("en"):
        doc = parse(client.get(solution.url))

    time = doc.select_one(".solution__header .last-updated time")
    assert datetime.datetime.fromisoformat(time["datetime"]) == (
        solution.last_published_at
    )
    assert "2026" in time.get_text() and "5" in time.get_text()


def test_solution_page__date_follows_the_latest_publication(client, solution):
    before = parse(client.get(solution.url)).select_one(".last-updated time")
    republished = publish(solution, teaser="Neu: mit Wetterdaten.")

    after = parse(client.get(solution.url)).select_one(".last-updated time")
    assert datetime.datetime.fromisoformat(after["datetime"]) == (
        republished.last_published_at
    )
    assert after["datetime"] != before["datetime"]


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/de/search/?q=Wind&phase=pilot&sort=date", "/de/search/"),
        ("/de/search/?page=2&q=Wind", "/de/search/?page=2"),
        ("/da/search/", "/da/search/"),
    ],
)
def test_search_page__canonical_address_drops_the_search(
    client, portal, path, canonical
):
    doc = parse(client.get(path))

    assert [link["href"] for link in doc.select('link[rel="canonical"]')] == [
        BASE + canonical
    ]


def test_portal_pages__have_their_absolute_canonical_address(client, portal, solution):
    for page in (portal.home, portal.knowledge, portal.themes, portal.theme, solution):
        url = page.url
        doc = parse(client.get(url + "?phase=pilot&utm_source=mail"))
        links = doc.select('link[rel="canonical"]')
        assert [link["href"] for link in links] == [BASE + url], url


def test_missing_page__has_no_canonical_address(client, portal):
    response = client.get("/de/gibt-es-nicht/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert 'rel="canonical"' not in response.content.decode()


def test_solution_page__offers_address_mail_and_copy_without_third_parties(
    client, solution
):
    doc = parse(client.get(solution.url))
    share = doc.select_one("section.share")
    address = BASE + solution.url

    field = share.select_one("input#share-url")
    assert field["value"] == address and field.has_attr("readonly")
    assert share.select_one(f'label[for="{field["id"]}"]')
    mail = share.select_one('a[href^="mailto:"]')
    query = parse_qs(urlsplit(mail["href"]).query)
    assert query["subject"] == ["Bürgerwind-Dashboard"]
    assert address in query["body"][0]
    assert "+" not in mail["href"]  # spaces as %20: mail programs show "+"
    # Every link goes to a mail program: no share service is contacted.
    assert all(a["href"].startswith("mailto:") for a in share.select("a"))
    # Copy and print need JavaScript: hidden until share.js shows them, with a
    # status line that announces the result.
    assert share.select_one("button[data-share-copy][hidden]")
    assert share.select_one("button[data-share-print][hidden]")
    assert share.select_one('[role="status"]')
    script = doc.select_one('script[src$="js/share.js"]')
    assert script and script["src"].startswith("/static/")


def test_portal_pages__link_the_print_stylesheet(client, portal, solution):
    doc = parse(client.get(solution.url))

    link = doc.select_one('link[rel="stylesheet"][media="print"]')
    assert link["href"].startswith("/static/")
    with open(finders.find("css/print.css"), encoding="utf-8") as file:
        css = file.read()
    assert "@media print" in css
    for hidden in (".primary-nav", "form", ".share__actions", ".map"):
        assert hidden in css
    assert "attr(href)" in css  # the address of each link is printed


# Feeds and structured data


def test_theme_page__links_the_feeds_of_its_field_of_action(client, portal, solution):
    doc = parse(client.get(portal.theme.url))

    feeds = {
        link["type"]: link["href"]
        for link in doc.head.select('link[rel="alternate"][type]')
    }
    slug = portal.field.slug
    assert feeds == {
        "application/rss+xml": reverse("field_rss", kwargs={"field": slug}),
        "application/atom+xml": reverse("field_atom", kwargs={"field": slug}),
    }
    rss = client.get(feeds["application/rss+xml"])
    assert rss.status_code == HTTPStatus.OK
    assert "Bürgerwind-Dashboard" in rss.content.decode()


def test_home_page__describes_the_website_and_its_search(client, portal):
    (data,) = json_ld(parse(client.get(portal.home.url)))

    by_type = {item["@type"]: item for item in data["@graph"]}
    website = by_type["WebSite"]
    assert website["url"] == BASE + portal.home.url
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == (
        BASE + "/de/search/?q={search_term_string}"
    )
    assert action["query-input"] == "required name=search_term_string"
    assert website["publisher"]["@id"] == by_type["Organization"]["@id"]


def test_theme_page__describes_the_list_of_its_solutions(client, portal, solution):
    (data,) = json_ld(parse(client.get(portal.theme.url)))

    assert data["@type"] == "CollectionPage"
    assert data["url"] == BASE + portal.theme.url
    items = data["mainEntity"]["itemListElement"]
    assert data["mainEntity"]["numberOfItems"] == 1
    assert items == [
        {
            "@type": "ListItem",
            "position": 1,
            "url": BASE + solution.url,
            "name": "Bürgerwind-Dashboard",
        }
    ]


# The empty search page


def test_empty_search__offers_fields_phases_and_newest_solutions(
    client, portal, solution
):
    portal.field.pictogram = Pictogram.ENERGY
    portal.field.save()
    doc = parse(client.get("/de/search/"))

    browse = doc.select_one(".search-browse")
    field_link = browse.select_one(".browse-fields a")
    assert field_link["href"] == f"/de/search/?field={portal.field.slug}"
    assert field_link.get_text(strip=True) == portal.field.name
    icon = field_link.select_one("svg.pictogram--energy")
    assert icon["aria-hidden"] == "true"
    assert [a["href"] for a in browse.select(".browse-phases a")] == [
        f"/de/search/?phase={value}" for value in Phase.values
    ]
    assert [a.get_text() for a in browse.select(".card__title a")] == [
        "Bürgerwind-Dashboard"
    ]


@pytest.mark.parametrize("query", ["?q=Wind", "?phase=pilot", "?field=energy"])
def test_search_with_a_query__does_not_offer_to_browse(client, solution, query):
    doc = parse(client.get("/de/search/" + query))

    assert doc.select_one(".search-browse") is None


def test_empty_search__browse_is_in_the_visitors_language(client, portal, solution):
    with translation.override("en"):
        doc = parse(client.get("/en/search/"))

    # The field of action exists in German only: offered to no English visitor.
    headings = [h.get_text() for h in doc.select(".search-browse h2")]
    assert headings == ["Browse by phase"]
    phases = [a.get_text() for a in doc.select(".browse-phases a")]
    assert phases[:2] == ["Idea", "Concept"]


# Pictograms


@pytest.mark.parametrize("pictogram", Pictogram.values)
def test_theme_page__shows_the_pictogram_of_its_field(client, portal, pictogram):
    portal.field.pictogram = pictogram
    portal.field.save()

    heading = parse(client.get(portal.theme.url)).select_one("h1")
    icon = heading.select_one("svg")
    assert f"pictogram--{pictogram}" in icon["class"]
    assert icon["aria-hidden"] == "true" and icon["focusable"] == "false"
    assert icon.select("path, circle")  # drawn, not empty
    # The name stays the accessible text of the heading.
    assert heading.get_text(strip=True) == portal.theme.title


def test_solution_page__field_link_has_its_pictogram(client, portal, solution):
    portal.field.pictogram = Pictogram.HEALTH
    portal.field.save()

    doc = parse(client.get(solution.url))
    link = doc.select_one(f'.solution__facts a[href="{portal.theme.url}"]')
    assert link.select_one('svg.pictogram--health[aria-hidden="true"]')


# Teaser images


def _srcset_widths(srcset: str) -> list[int]:
    return [int(part.split()[-1].rstrip("w")) for part in srcset.split(",")]


def test_solution_header__responsive_webp_image_with_alt_text(client, illustrated):
    doc = parse(client.get(illustrated.url))

    picture = doc.select_one(".solution__header figure picture")
    webp = picture.select_one('source[type="image/webp"]')
    assert len(_srcset_widths(webp["srcset"])) >= 3
    assert ".webp" in webp["srcset"]
    img = picture.select_one("img")
    assert img["alt"] == "Ein Windrad über dem Deich"
    assert ".jpg" in img["src"]  # the fallback for browsers without WebP
    assert int(img["width"]) > 0 and int(img["height"]) > 0


def test_cards__lazy_responsive_images_with_alt_text(client, portal, illustrated):
    for url in (portal.knowledge.url, portal.theme.url, portal.home.url, "/de/search/"):
        card = parse(client.get(url)).select_one(".card")
        img = card.select_one("picture img.card__image")
        assert img["alt"] == "Ein Windrad über dem Deich", url
        assert img["loading"] == "lazy"
        assert int(img["width"]) * 9 == int(img["height"]) * 16  # 16:9, no shift
        webp = card.select_one('picture source[type="image/webp"]')
        assert _srcset_widths(webp["srcset"]) == [320, 480, 960]


def test_teaser_image__alt_text_in_the_pages_own_language(client, illustrated):
    image = illustrated.image
    image.description = "Windrad"
    image.save()

    doc = parse(client.get(illustrated.url))
    assert doc.select_one(".solution__header img")["alt"] == (
        "Ein Windrad über dem Deich"
    )


def test_teaser_image__without_alt_text_falls_back_to_the_image_description(
    client, solution
):
    image = wagtail_factories.ImageFactory(description="Windräder am Deich")

    page = publish(solution, image=image, image_alt="")
    doc = parse(client.get(page.url))
    assert doc.select_one(".solution__header img")["alt"] == "Windräder am Deich"


def test_search_results__show_the_teaser_image_with_alt_text(client, illustrated):
    doc = parse(client.get("/de/search/?q=B%C3%BCrgerwind"))

    img = doc.select_one(".result picture img.result__image")
    assert img["alt"] == "Ein Windrad über dem Deich"
    assert img["loading"] == "lazy"
    webp = doc.select_one('.result picture source[type="image/webp"]')
    assert _srcset_widths(webp["srcset"]) == [160, 320]


def _search_queries(client, url: str) -> int:
    assert client.get(url).status_code == HTTPStatus.OK  # renditions made, caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(captured)


def test_search_results__images_cost_the_same_queries_for_one_or_ten(client, portal):
    def illustrated_solution(number: int) -> None:
        image = wagtail_factories.ImageFactory(file__width=640, file__height=360)
        publish(
            SolutionPageFactory(
                portal=portal, title=f"Windpark {number}", slug=f"windpark-{number}"
            ),
            image=image,
            image_alt=f"Windpark {number} am Deich",
        )

    illustrated_solution(0)
    url = "/de/search/?q=Windpark"
    one = _search_queries(client, url)
    for number in range(1, 10):
        illustrated_solution(number)

    ten = _search_queries(client, url)
    assert len(parse(client.get(url)).select(".result picture")) == 10
    assert ten == one


def test_home_page__links_the_feeds_of_all_solutions(client, portal):
    doc = parse(client.get(portal.home.url))

    feeds = {
        link["type"]: link["href"]
        for link in doc.head.select('link[rel="alternate"][type]')
    }
    assert feeds == {
        "application/rss+xml": "/de/feeds/rss/",
        "application/atom+xml": "/de/feeds/atom/",
    }
    assert client.get(feeds["application/atom+xml"]).status_code == HTTPStatus.OK


def test_solution_page__links_the_feeds_of_all_solutions(client, solution):
    doc = parse(client.get(solution.url))

    feeds = {
        link["type"]: link["href"]
        for link in doc.head.select('link[rel="alternate"][type]')
    }
    assert feeds == {
        "application/rss+xml": "/de/feeds/rss/",
        "application/atom+xml": "/de/feeds/atom/",
    }
