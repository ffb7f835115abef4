"""The public portal as a visitor sees it, in German, Danish and English."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from http import HTTPStatus

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from apps.knowledge.choices import Country, Currency, Phase
from apps.knowledge.models import (
    Contact,
    Organisation,
    SolutionContact,
    SolutionPartner,
    SolutionRelation,
)
from apps.knowledge.portal import views
from tests.knowledge import factories
from tests.knowledge.factories import (
    Portal,
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "da", "en"]

# Titles of every page of the portal in each language, so a test can tell which
# language version it was given.
TITLES = {
    "home": {"de": "Startseite", "da": "Forside", "en": "Home"},
    "knowledge": {"de": "Lösungen", "da": "Løsninger", "en": "Solutions"},
    "area": {"de": "Stadt Flensburg", "da": "Flensborg by", "en": "City of Flensburg"},
    "themes": {"de": "Handlungsfelder", "da": "Indsatsområder", "en": "Themes"},
    "theme": {"de": "Grüne Energie", "da": "Grøn energi", "en": "Green energy"},
    "directory": {"de": "Kontakte", "da": "Kontakter", "en": "Contacts"},
    "solution": {
        "de": "Energiedaten-Plattform",
        "da": "Energidataplatform",
        "en": "Energy data platform",
    },
}
ORGANISATION_NAMES = {
    "de": "Stadtwerke Flensburg",
    "da": "Flensborg Forsyning",
    "en": "Flensburg Utilities",
}
FIELD_NAMES = {"de": "Grüne Energie", "da": "Grøn energi", "en": "Green energy"}


@dataclass
class World:
    """A portal in three languages with one fully described solution.

    Holds primary keys only and fetches fresh objects, because the database is
    rolled back after every test while this object lives for the whole module.
    """

    page_ids: dict[str, dict[str, int]] = field(default_factory=dict)
    organisation_ids: dict[str, int] = field(default_factory=dict)
    contact_ids: dict[str, int] = field(default_factory=dict)
    partner_id: int = 0

    def page(self, name: str, code: str) -> Page:
        return Page.objects.get(pk=self.page_ids[name][code]).specific

    def url(self, name: str, code: str) -> str:
        return self.page(name, code).url

    def organisation(self, code: str) -> Organisation:
        return Organisation.objects.get(pk=self.organisation_ids[code])

    def contact(self, code: str) -> Contact:
        return Contact.objects.get(pk=self.contact_ids[code])

    def partner(self) -> Organisation:
        return Organisation.objects.get(pk=self.partner_id)

    def portal(self) -> Portal:
        theme = self.page("theme", "de")
        return Portal(
            home=self.page("home", "de"),
            knowledge=self.page("knowledge", "de"),
            area=self.page("area", "de"),
            themes=self.page("themes", "de"),
            theme=theme,
            directory=self.page("directory", "de"),
            field=theme.field_of_action,
        )


def publish(page: Page, **changes) -> Page:
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_snippet(snippet, code: str, **changes):
    copy = snippet.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def retitle_translations(page: Page, name: str, world: World) -> None:
    world.page_ids[name] = {"de": page.pk}
    for code in ("da", "en"):
        translated = page.get_translation(Locale.objects.get(language_code=code))
        publish(translated.specific, title=TITLES[name][code])
        world.page_ids[name][code] = translated.pk


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One portal for every test of this module, built once.

    Each test runs in a savepoint inside this transaction (pytest-django's
    ``django_db``), so what a test changes is rolled back before the next one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
    # Wagtail caches the site's root paths; the rollback fires no signal.
    cache.clear()


def build_world() -> World:
    portal = PortalFactory()
    world = World()
    for code in ("da", "en"):
        translate_snippet(portal.field, code, name=FIELD_NAMES[code])

    organisation = factories.OrganisationFactory(
        name=ORGANISATION_NAMES["de"], slug="stadtwerke-flensburg"
    )
    world.organisation_ids = {"de": organisation.pk}
    for code in ("da", "en"):
        world.organisation_ids[code] = translate_snippet(
            organisation,
            code,
            name=ORGANISATION_NAMES[code],
            slug=ORGANISATION_NAMES[code].lower().replace(" ", "-"),
        ).pk
    partner = factories.OrganisationFactory(
        name="Sønderborg Kommune", slug="sonderborg-kommune", country=Country.DENMARK
    )
    world.partner_id = partner.pk
    contact = factories.ContactFactory(
        name="Anna Schmidt",
        role="Projektleitung",
        organisation=organisation,
        languages=["de", "da"],
    )
    world.contact_ids = {"de": contact.pk}
    for code, role in (("da", "Projektleder"), ("en", "Project lead")):
        world.contact_ids[code] = translate_snippet(contact, code, role=role).pk

    solution = SolutionPageFactory(
        portal=portal,
        title=TITLES["solution"]["de"],
        slug="energiedaten",
        teaser="Offene Energiedaten für die Grenzregion.",
        phase=Phase.PILOT,
        lead_organisation=organisation,
        municipality="Flensburg",
        latitude=Decimal("54.793743"),
        longitude=Decimal("9.446996"),
        start_date=datetime.date(2023, 3, 1),
        end_date=datetime.date(2026, 6, 30),
        budget=Decimal("250000"),
        currency=Currency.EUR,
        licence="EUPL-1.2",
        source_repository="https://code.example.org/energiedaten",
        open_data_url="https://opendata.example.org/energiedaten",
        adoption_requirements="Ein Messstellenbetreiber und ein Server.",
    )
    SolutionPartner.objects.create(page=solution, organisation=partner)
    SolutionContact.objects.create(page=solution, contact=contact)
    solution.tags.add("Energie", "Open Data")
    solution = publish(solution)

    for code in ("da", "en"):
        for page in (solution, portal.theme, portal.directory):
            TranslationFactory(page=page, language_code=code)
    for name in ("home", "knowledge", "area", "themes", "theme", "directory"):
        retitle_translations(getattr(portal, name), name, world)
    retitle_translations(solution, "solution", world)
    return world


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def html_lang(response) -> str:
    return parse(response).html["lang"]


def switcher_links(doc: BeautifulSoup) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in doc.select(".language-switcher a")}


def alternate_links(doc: BeautifulSoup) -> dict[str, str]:
    """The language versions in the head (the feeds are alternates too, by type)."""
    return {
        link["hreflang"]: link["href"]
        for link in doc.select('link[rel="alternate"][hreflang]')
    }


def absolute(url: str) -> str:
    return f"http://testserver{url}"


# Every page type in every language


PAGE_NAMES = ["home", "knowledge", "area", "themes", "theme", "directory", "solution"]


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_type__renders_in_language(client, world, name, code):
    response = client.get(world.url(name, code))

    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    assert doc.html["lang"] == code
    assert doc.h1.get_text(strip=True) == TITLES[name][code]
    # Content in the visitor's language needs no lang attribute of its own.
    assert not doc.main.has_attr("lang")


@pytest.mark.parametrize("code", LANGUAGES)
def test_organisation_page__renders_in_language(client, world, code):
    directory = world.page("directory", code)
    url = directory.organisation_url(world.organisation(code))

    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    assert doc.html["lang"] == code
    assert doc.h1.get_text(strip=True) == ORGANISATION_NAMES[code]
    solution_links = [a["href"] for a in doc.select(".card__title a")]
    assert solution_links == [world.url("solution", code)]
    assert "Anna Schmidt" in doc.select_one(".contact-list").get_text()


@pytest.mark.parametrize("code", LANGUAGES)
def test_navigation__stays_in_visitor_language(client, world, code):
    doc = parse(client.get(world.url("solution", code)))

    nav = {a.get_text(strip=True): a["href"] for a in doc.select(".primary-nav a")}
    assert nav[TITLES["home"][code]] == world.url("home", code)
    assert nav[TITLES["knowledge"][code]] == world.url("knowledge", code)
    assert nav[TITLES["themes"][code]] == world.url("themes", code)
    assert nav[TITLES["directory"][code]] == world.url("directory", code)
    assert f"/{code}/search/" in nav.values()


def test_navigation__marks_current_page_and_section(client, world):
    home = parse(client.get(world.url("home", "en")))
    solution = parse(client.get(world.url("solution", "en")))

    def marked(doc):
        return {
            a["href"]: a["aria-current"]
            for a in doc.select(".primary-nav a[aria-current]")
        }

    assert marked(home) == {world.url("home", "en"): "page"}
    assert marked(solution) == {world.url("knowledge", "en"): "true"}


def test_base__has_skip_link_landmarks_and_stylesheet(client, world):
    doc = parse(client.get(world.url("home", "de")))

    skip = doc.select_one("a.skip-link")
    assert skip["href"] == "#main"
    assert doc.select_one("main#main")
    assert doc.header and doc.footer
    assert doc.select_one("nav.primary-nav[aria-label]")
    stylesheet = doc.select_one('link[rel="stylesheet"]')["href"]
    assert stylesheet.startswith("/static/")  # served locally, no CDN
    # No program runs on the home page; its structured data is not one.
    assert not doc.select('script:not([type="application/ld+json"])')


# Language switcher and hreflang


def test_language_switcher__links_to_every_live_translation(client, world):
    doc = parse(client.get(world.url("solution", "da")))

    expected = {code: world.url("solution", code) for code in LANGUAGES}
    assert switcher_links(doc) == expected
    current = doc.select(".language-switcher [aria-current]")
    assert [a["hreflang"] for a in current] == ["da"]


def test_hreflang__lists_live_translations_and_x_default(client, world):
    doc = parse(client.get(world.url("solution", "en")))

    expected = {code: absolute(world.url("solution", code)) for code in LANGUAGES}
    expected["x-default"] = absolute(world.url("solution", "de"))
    assert alternate_links(doc) == expected


def test_language_switcher__skips_draft_and_missing_translations(client, world):
    solution = SolutionPageFactory(
        portal=world.portal(), title="Nur auf Deutsch", slug="nur-deutsch"
    )
    danish = TranslationFactory(page=solution, language_code="da")
    danish.refresh_from_db()
    danish.unpublish()

    doc = parse(client.get(solution.url))

    assert switcher_links(doc) == {"de": solution.url}
    assert alternate_links(doc) == {
        "de": absolute(solution.url),
        "x-default": absolute(solution.url),
    }
    missing = doc.select(".language-switcher__missing")
    assert sorted(span["lang"] for span in missing) == ["da", "en"]


def test_language_switcher__organisation_route_links_translated_organisation(
    client, world
):
    directory = world.page("directory", "de")
    response = client.get(directory.organisation_url(world.organisation("de")))

    links = switcher_links(parse(response))

    assert links == {
        code: world.page("directory", code).organisation_url(world.organisation(code))
        for code in LANGUAGES
    }


def test_language_switcher__search_uses_translated_url(client, world):
    doc = parse(client.get("/da/search/?q=energi"))

    expected = {code: f"/{code}/search/?q=energi" for code in LANGUAGES}
    assert switcher_links(doc) == expected
    alternates = {code: absolute(url) for code, url in expected.items()}
    alternates["x-default"] = absolute(expected["de"])
    assert alternate_links(doc) == alternates
    assert doc.html["lang"] == "da"


# Language routing


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("da", "/da/"),
        ("da-DK,da;q=0.9,en;q=0.5", "/da/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("de-DE", "/de/"),
        ("fr-FR,fr;q=0.9", "/de/"),
        ("", "/de/"),
    ],
)
def test_root__redirects_to_language_from_accept_language(
    client, world, accept_language, expected
):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == expected


def test_path_without_language__redirects_to_visitor_language(client, world):
    response = client.get("/loesungen/", headers={"accept-language": "en"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/en/loesungen/"


def test_untranslated_page__says_not_available_and_links_existing_versions(
    client, world
):
    solution = SolutionPageFactory(
        portal=world.portal(), title="Nur auf Deutsch", slug="nur-deutsch"
    )
    english = TranslationFactory(page=solution, language_code="en")
    danish_path = solution.url.replace("/de/", "/da/", 1)

    response = client.get(danish_path)

    assert response.status_code == HTTPStatus.NOT_FOUND
    doc = parse(response)
    assert doc.html["lang"] == "da"
    links = {a["hreflang"]: a["href"] for a in doc.main.select("a[hreflang]")}
    assert links == {"de": solution.url, "en": english.url}
    assert doc.h1 is not None
    assert switcher_links(doc) == {"de": solution.url, "en": english.url}
    assert not alternate_links(doc)


def test_untranslated_page__explained_also_with_debug_on(client, world, settings):
    """`make run` serves with DEBUG on; the visitor still gets the language help."""
    settings.DEBUG = True
    solution = SolutionPageFactory(
        portal=world.portal(), title="Nur deutsch", slug="nur-de"
    )

    response = client.get(solution.url.replace("/de/", "/da/", 1))

    assert response.status_code == HTTPStatus.NOT_FOUND
    doc = parse(response)
    assert doc.html["lang"] == "da"
    links = {a["hreflang"]: a["href"] for a in doc.main.select("a[hreflang]")}
    assert links == {"de": solution.url}


def test_untranslated_page__redirects_to_translation_with_other_slug(client, world):
    danish = world.page("solution", "da")
    publish(danish, slug="energidata")

    response = client.get("/da/loesungen/stadt-flensburg/energiedaten/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/da/loesungen/stadt-flensburg/energidata/"


def test_organisation_under_other_language_slug__redirects_to_translation(
    client, world
):
    response = client.get("/da/kontakte/stadtwerke-flensburg/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == world.page("directory", "da").organisation_url(
        world.organisation("da")
    )


def test_untranslated_organisation__links_to_existing_version(client, world):
    german_url = world.page("directory", "de").organisation_url(world.partner())

    response = client.get("/da/kontakte/sonderborg-kommune/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    doc = parse(response)
    links = {a["hreflang"]: a["href"] for a in doc.main.select("a[hreflang]")}
    assert links == {"de": german_url}


def test_not_found_inside_existing_page__never_redirects_to_itself(world):
    # A page view may raise Http404 itself; the address of its own language version
    # is then the requested one, and a redirect would loop.
    path = world.url("solution", "da")
    request = RequestFactory().get(path)
    with translation.override("da"):
        response = views.page_not_found(request)

    assert response.status_code == HTTPStatus.NOT_FOUND
    links = {a["hreflang"]: a["href"] for a in parse(response).main.select("a")}
    assert links == {code: world.url("solution", code) for code in ("de", "en")}


def test_page_served_from_other_language_tree__is_marked_with_its_language(
    client, world
):
    # Without an English home Wagtail routes /en/ through the German tree.
    world.page("home", "en").delete()

    response = client.get("/en/loesungen/")

    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    assert doc.html["lang"] == "en"
    assert doc.main["lang"] == "de"
    assert doc.h1.get_text(strip=True) == TITLES["knowledge"]["de"]
    notice = doc.select_one(".notice")
    assert notice["lang"] == "en"
    assert [a["href"] for a in notice.select("a")] == [
        world.url("knowledge", "de"),
        world.url("knowledge", "da"),
    ]
    current = doc.select_one(".language-switcher [aria-current]")
    assert current.name == "span"
    assert current["lang"] == "en"


@pytest.mark.parametrize("code", LANGUAGES)
def test_not_found__friendly_page_in_visitor_language(client, world, code):
    response = client.get(f"/{code}/gibt-es-nicht/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    doc = parse(response)
    assert doc.html["lang"] == code
    assert doc.select_one("form[role=search]")["action"] == f"/{code}/search/"
    home_link = doc.select_one(".primary-nav a")
    assert home_link["href"] == world.url("home", code)
    assert switcher_links(doc) == {c: world.url("home", c) for c in LANGUAGES}


@pytest.mark.parametrize("code", LANGUAGES)
def test_server_error__friendly_page_in_visitor_language(
    code, django_assert_num_queries
):
    request = RequestFactory().get(f"/{code}/")
    # The database may be what failed: the error page must not need it.
    with translation.override(code), django_assert_num_queries(0):
        response = views.server_error(request)

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    doc = parse(response)
    assert doc.html["lang"] == code
    assert doc.select_one("a.skip-link")["href"] == "#main"
    assert doc.select_one(f'main a[href="/{code}/"]')


# Solution page


def test_solution_page__shows_everything_the_model_holds(client, world):
    doc = parse(client.get(world.url("solution", "de")))

    text = doc.main.get_text(" ", strip=True)
    assert "Offene Energiedaten für die Grenzregion." in text
    assert "Flensburg" in text
    assert "54.7937, 9.4470" in text or "54,7937, 9,4470" in text
    assert "EUPL 1.2" in text
    assert doc.select_one('a[href="https://code.example.org/energiedaten"]')
    assert doc.select_one('a[href="https://opendata.example.org/energiedaten"]')
    assert "Ein Messstellenbetreiber und ein Server." in text
    assert {li.get_text(strip=True) for li in doc.select(".tag-list li")} == {
        "Energie",
        "Open Data",
    }
    assert doc.select_one('time[datetime="2023-03-01"]')
    assert doc.select_one('time[datetime="2026-06-30"]')
    assert "Sønderborg Kommune" in text
    assert "Anna Schmidt" in text


@pytest.mark.parametrize("code", LANGUAGES)
def test_solution_page__snippets_and_theme_in_visitor_language(client, world, code):
    doc = parse(client.get(world.url("solution", code)))

    directory = world.page("directory", code)
    organisation_url = directory.organisation_url(world.organisation(code))
    lead = doc.select_one(f'.solution__facts a[href="{organisation_url}"]')
    assert lead.get_text(strip=True) == ORGANISATION_NAMES[code]
    theme = doc.select_one(f'.solution__facts a[href="{world.url("theme", code)}"]')
    assert theme.get_text(strip=True) == TITLES["theme"][code]
    contact = doc.select_one(".contact")
    assert contact.select_one(".contact__role").get_text(strip=True) == (
        world.contact(code).role
    )
    assert not contact.has_attr("lang")
    with translation.override(code):
        spoken = ", ".join(world.contact(code).get_language_labels())
    assert spoken in contact.select_one(".contact__details").get_text()


def test_solution_page__untranslated_partner_marked_with_its_language(client, world):
    doc = parse(client.get(world.url("solution", "da")))

    partner = next(
        li
        for li in doc.select(".solution__facts li")
        if "Sønderborg Kommune" in li.get_text()
    )
    assert partner["lang"] == "de"


@pytest.mark.parametrize(
    ("code", "currency", "expected"),
    [
        ("de", Currency.EUR, "250.000\u00a0€"),
        ("da", Currency.EUR, "250.000\u00a0€"),
        ("en", Currency.EUR, "€250,000"),
        ("de", Currency.DKK, "250.000\u00a0DKK"),
        ("da", Currency.DKK, "250.000\u00a0kr."),
        ("en", Currency.DKK, "DKK\u00a0250,000"),
    ],
)
def test_solution_page__budget_formatted_for_language(
    client, world, code, currency, expected
):
    publish(world.page("solution", code), currency=currency)

    doc = parse(client.get(world.url("solution", code)))

    assert doc.select_one(".budget__amount").get_text(strip=True) == expected


def test_solution_page__shows_related_solution_in_visitor_language(client, world):
    target = SolutionPageFactory(
        portal=world.portal(), title="Ladesäulen-Karte", slug="ladesaeulen"
    )
    danish_target = publish(
        TranslationFactory(page=target, language_code="da"), title="Ladestanderkort"
    )
    # The editor set the relation on the German page, pointing at the German target.
    german = world.page("solution", "de")
    SolutionRelation.objects.create(page=german, target=target)
    publish(german)

    doc = parse(client.get(world.url("solution", "da")))

    cards = doc.select("#related-heading ~ .card-list .card")
    assert [card.select_one("a")["href"] for card in cards] == [danish_target.url]
    assert cards[0].select_one("a").get_text(strip=True) == "Ladestanderkort"
    assert not cards[0].has_attr("lang")


def test_solution_page__related_solution_in_other_language_is_marked(client, world):
    target = SolutionPageFactory(
        portal=world.portal(), title="Ladesäulen-Karte", slug="ladesaeulen"
    )
    SolutionRelation.objects.create(page=target, target=world.page("solution", "de"))

    doc = parse(client.get(world.url("solution", "en")))

    cards = doc.select("#related-heading ~ .card-list .card")
    assert [card.select_one("a")["href"] for card in cards] == [target.url]
    assert cards[0]["lang"] == "de"
    assert cards[0].select_one(".card__language")["lang"] == "en"


def test_solution_page__unpublished_related_solution_is_never_linked(client, world):
    target = SolutionPageFactory(portal=world.portal(), title="Entwurf", slug="entwurf")
    german = world.page("solution", "de")
    SolutionRelation.objects.create(page=german, target=target)
    publish(german)
    target.unpublish()

    for code in LANGUAGES:
        doc = parse(client.get(world.url("solution", code)))
        hrefs = [a["href"] for a in doc.select("a[href]")]
        assert target.url not in hrefs
        assert "/entwurf/" not in " ".join(hrefs)
        assert "Entwurf" not in doc.main.get_text()


def test_solution_page__lists_pages_linking_here(client, world):
    solution = world.page("solution", "de")
    theme = world.page("theme", "de")
    link = f'<p>Siehe <a linktype="page" id="{solution.pk}">Plattform</a>.</p>'
    publish(theme, body=[("paragraph", RichText(link))])

    doc = parse(client.get(solution.url))

    links = [a["href"] for a in doc.select("#linking-heading ~ .link-list a")]
    assert links == [theme.url]


def test_rich_text_link__to_an_unpublished_page_is_plain_text_until_republished(
    client, world, admin_client
):
    """A theme's text links to a solution that an editor later unpublishes: the
    text keeps the words but no link to the 404; republished, the link is back."""
    target = SolutionPageFactory(portal=world.portal(), title="Dorfbus", slug="dorfbus")
    theme = world.page("theme", "de")
    link = f'<p>Siehe den <a linktype="page" id="{target.pk}">Dorfbus</a> dazu.</p>'
    intro = f'<p>Mehr im <a linktype="page" id="{target.pk}">Dorfbus</a>.</p>'
    area = world.page("area", "de")
    publish(theme, body=[("paragraph", RichText(link))])
    publish(area, intro=intro)
    target_url = target.url

    def paragraph(url: str):
        main = parse(client.get(url)).main
        return main.select_one(".block-paragraph, .intro")

    for url in (theme.url, area.url):
        text = paragraph(url)
        assert [a["href"] for a in text.select("a")] == [target_url], url

    response = admin_client.post(
        reverse("wagtailadmin_pages:unpublish", args=[target.pk])
    )
    assert response.status_code == HTTPStatus.FOUND
    assert client.get(target_url).status_code == HTTPStatus.NOT_FOUND

    for url in (theme.url, area.url):
        text = paragraph(url)
        assert text.select("a") == [], url
        assert "Dorfbus" in text.get_text(), url
    assert "Siehe den Dorfbus dazu." in paragraph(theme.url).get_text()

    publish(Page.objects.get(pk=target.pk).specific)  # published again
    assert [a["href"] for a in paragraph(theme.url).select("a")] == [target_url]


def test_solution_page__images_have_alt_text(client, world):
    image = wagtail_factories.ImageFactory(title="Windpark bei Tønder")
    solution = world.page("solution", "de")
    publish(
        solution,
        image=image,
        image_alt="Windpark bei Tønder",
        body=[
            (
                "image",
                {"image": image, "alt_text": "Windräder am Deich", "caption": ""},
            )
        ],
    )

    for url in (solution.url, world.url("home", "de"), world.url("knowledge", "de")):
        images = parse(client.get(url)).select("img")
        assert images, url
        assert all(img.get("alt") for img in images), url
    alts = {img["alt"] for img in parse(client.get(solution.url)).select("img")}
    assert alts == {"Windpark bei Tønder", "Windräder am Deich"}


# Listing pages


def test_home_page__shows_fields_of_action_and_newest_solutions(client, world):
    doc = parse(client.get(world.url("home", "da")))

    themes = [a["href"] for a in doc.select(".theme-list a")]
    assert themes == [world.url("theme", "da")]
    newest = [a["href"] for a in doc.select(".card__title a")]
    assert newest == [world.url("solution", "da")]


def test_knowledge_index__filters_by_phase_and_field(client, world):
    idea = SolutionPageFactory(
        portal=world.portal(), title="Idee", slug="idee", phase=Phase.IDEA
    )
    url = world.url("knowledge", "de")

    def titles(query: str) -> list[str]:
        doc = parse(client.get(url + query))
        return [a.get_text(strip=True) for a in doc.select(".card__title a")]

    assert titles("?phase=idea") == [idea.title]
    assert titles("?phase=pilot") == [TITLES["solution"]["de"]]
    assert sorted(titles("?field=energy")) == [TITLES["solution"]["de"], idea.title]
    assert titles("?field=unknown") == []
    doc = parse(client.get(url + "?phase=idea"))
    form = doc.select_one("form.filter-form")
    assert form["method"] == "get"
    assert doc.select_one("#filter-phase option[selected]")["value"] == "idea"
    assert doc.select_one('label[for="filter-field"]')


def test_knowledge_index__paginates_and_keeps_filters(client, world):
    for number in range(13):
        SolutionPageFactory(
            portal=world.portal(), title=f"Idee {number}", phase=Phase.IDEA
        )
    url = world.url("knowledge", "de")

    first = parse(client.get(url + "?phase=idea"))
    second = parse(client.get(url + "?phase=idea&page=2"))

    assert len(first.select(".card")) == 12
    assert len(second.select(".card")) == 1
    next_link = first.select_one('.pagination a[rel="next"]')["href"]
    assert next_link == "?phase=idea&page=2"
    assert (
        second.select_one('.pagination a[aria-current="page"]')
        .get_text(strip=True)
        .endswith("2")
    )


def test_partner_area__lists_its_solutions(client, world):
    doc = parse(client.get(world.url("area", "en")))

    assert [a["href"] for a in doc.select(".card__title a")] == [
        world.url("solution", "en")
    ]
    # The area's organisation exists only in German: its German page is linked.
    organisation = world.portal().area.organisation
    german_directory = world.page("directory", "de")
    organisation_url = german_directory.organisation_url(organisation)
    assert (
        doc.select_one(f'main a[href="{organisation_url}"]').get_text(strip=True)
        == organisation.name
    )


def test_theme_pages__list_themes_and_their_solutions(client, world):
    index = parse(client.get(world.url("themes", "en")))
    theme = parse(client.get(world.url("theme", "en")))

    assert [a["href"] for a in index.select(".theme-list a")] == [
        world.url("theme", "en")
    ]
    assert [a["href"] for a in theme.select(".card__title a")] == [
        world.url("solution", "en")
    ]


def test_contact_directory__filters_by_country_and_links_organisations(client, world):
    url = world.url("directory", "de")
    directory = world.page("directory", "de")

    everything = parse(client.get(url))
    danish = parse(client.get(url + "?country=DK"))

    links = {
        a.get_text(strip=True): a["href"]
        for a in everything.select(".organisation-list a")
    }
    assert links[ORGANISATION_NAMES["de"]] == directory.organisation_url(
        world.organisation("de")
    )
    assert links["Sønderborg Kommune"] == directory.organisation_url(world.partner())
    assert [a.get_text(strip=True) for a in danish.select(".organisation-list a")] == [
        "Sønderborg Kommune"
    ]
    assert "Anna Schmidt" in everything.select_one(".contact-list").get_text()
    assert danish.select_one(".contact-list") is None


def test_organisation_page__lists_partner_solutions(client, world):
    directory = world.page("directory", "de")

    doc = parse(client.get(directory.organisation_url(world.partner())))

    assert doc.h1.get_text(strip=True) == "Sønderborg Kommune"
    hrefs = [a["href"] for a in doc.select("#partner-heading ~ .card-list a")]
    assert hrefs == [world.url("solution", "de")]


def _organisation_leading(world, count: int, partner_of: int = 0) -> tuple[str, list]:
    """An organisation leading ``count`` solutions (and a partner of
    ``partner_of`` more): its page's address, the titles it leads."""
    organisation = factories.OrganisationFactory(name="Stadtwerke Kiel", slug="kiel")
    titles = []
    for number in range(count):
        SolutionPageFactory(
            portal=world.portal(),
            title=f"Geführt {number}",
            slug=f"gefuehrt-{number}",
            lead_organisation=organisation,
        )
        titles.append(f"Geführt {number}")
    for number in range(partner_of):
        page = SolutionPageFactory(
            portal=world.portal(), title=f"Partner {number}", slug=f"partner-{number}"
        )
        SolutionPartner.objects.create(page=page, organisation=organisation)
        publish(page)
    url = world.page("directory", "de").organisation_url(organisation)
    return url, titles


def led_titles(doc) -> list[str]:
    links = doc.select("#led-heading ~ ul .card__title a")
    return [a.get_text(strip=True) for a in links]


def test_organisation_page__shows_its_solutions_a_page_at_a_time(client, world):
    url, titles = _organisation_leading(world, 13)

    first = parse(client.get(url))
    next_link = first.select_one('#led-heading ~ .pagination a[rel="next"]')
    second = parse(client.get(url + next_link["href"]))

    assert len(led_titles(first)) == 12
    assert next_link["href"] == "?page=2"
    assert led_titles(second) == [t for t in titles if t not in led_titles(first)]
    current = second.select_one('#led-heading ~ .pagination a[aria-current="page"]')
    assert current.get_text(strip=True).endswith("2")


@pytest.mark.parametrize(("page", "shown"), [("abc", 12), ("0", 1), ("99", 1)])
def test_organisation_page__an_invalid_page_number__shows_the_first_or_last_page(
    client, world, page, shown
):
    url, _ = _organisation_leading(world, 13)

    response = client.get(url, {"page": page})

    assert response.status_code == HTTPStatus.OK
    assert len(led_titles(parse(response))) == shown


def test_organisation_page__pages_its_two_lists_each_on_its_own(client, world):
    url, _ = _organisation_leading(world, 13, partner_of=13)

    doc = parse(client.get(url, {"page": "2"}))

    partner_next = doc.select_one('#partner-heading ~ .pagination a[rel="next"]')
    assert partner_next["href"] == "?page=2&partner_page=2"
    assert len(doc.select("#partner-heading ~ ul .card")) == 12
    assert len(led_titles(doc)) == 1
    # Two page navigations, each named after its list.
    labels = [nav["aria-label"] for nav in doc.select("nav.pagination")]
    assert len(set(labels)) == 2


def test_organisation_page__links_of_its_pages_leave_out_junk_parameters(client, world):
    url, _ = _organisation_leading(world, 13)

    # The list is kept as a shared fragment for every later visitor.
    client.get(url, {"utm_source": "newsletter"})
    doc = parse(client.get(url))

    assert doc.select_one('.pagination a[rel="next"]')["href"] == "?page=2"


# Search


def test_search__finds_published_solution_in_visitor_language(client, world):
    response = client.get("/da/search/", {"q": "Energidataplatform"})

    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    assert [a["href"] for a in doc.select(".result a")] == [world.url("solution", "da")]
    assert doc.select_one('label[for="search-query"]')
    assert doc.select_one("#search-query")["value"] == "Energidataplatform"


def test_search__never_finds_a_draft(client, world):
    unpublished = SolutionPageFactory(
        portal=world.portal(), title="Geheimprojekt", slug="geheim"
    )
    unpublished.unpublish()
    never_published = SolutionPageFactory(
        portal=world.portal(),
        title="Geheimprojekt Zwei",
        slug="geheim-zwei",
        live=False,
    )
    # A live solution whose next version is still a draft: only the live title counts.
    live = SolutionPageFactory(
        portal=world.portal(), title="Bürgerbus", slug="buergerbus"
    )
    live.title = "Geheimprojekt Drei"
    live.save_revision()

    doc = parse(client.get("/de/search/", {"q": "Geheimprojekt"}))

    assert doc.select(".result") == []
    assert doc.select_one("#results-heading")
    for page in (unpublished, never_published):
        assert not doc.select(f'a[href="{page.url}"]')
    found = parse(client.get("/de/search/", {"q": "Bürgerbus"}))
    assert [a.get_text(strip=True) for a in found.select(".result a")] == ["Bürgerbus"]


def test_search__paginates_results(client, world):
    for number in range(13):
        SolutionPageFactory(
            portal=world.portal(), title=f"Bürgerbus {number}", slug=f"bus-{number}"
        )

    first = parse(client.get("/de/search/", {"q": "Bürgerbus"}))
    second = parse(client.get("/de/search/", {"q": "Bürgerbus", "page": 2}))

    assert len(first.select(".result")) == 12
    assert len(second.select(".result")) == 1
    assert second.select_one(".result-list")["start"] == "13"


def test_search__without_query_shows_only_the_form(client, world):
    doc = parse(client.get("/en/search/"))

    assert doc.select_one("form[role=search]")
    assert doc.select_one(".search-results") is None


@pytest.mark.parametrize("code", LANGUAGES)
def test_search__results_only_in_visitor_language(client, world, code):
    # The teaser was copied untranslated, so every language version matches it.
    doc = parse(client.get(f"/{code}/search/", {"q": "Grenzregion"}))

    assert [a["href"] for a in doc.select(".result a")] == [world.url("solution", code)]
