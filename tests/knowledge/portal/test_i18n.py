"""Language helpers of the portal: versions of a page, fallbacks, prefixes, money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from apps.knowledge import i18n
from apps.knowledge.choices import Currency
from apps.knowledge.templatetags.portal_tags import money
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


# Pure helpers


def test_language_versions__every_portal_language_in_order_with_native_names():
    versions = i18n.language_versions({"da": "/da/x/"}, current="en")

    assert [(v.code, v.name, v.url, v.is_current) for v in versions] == [
        ("de", "Deutsch", None, False),
        ("da", "Dansk", "/da/x/", False),
        ("en", "English", None, True),
    ]


@pytest.mark.parametrize(
    ("urls", "expected"),
    [
        ({"de": "/de/", "da": "/da/", "en": "/en/"}, "/de/"),
        ({"en": "/en/x/", "da": "/da/x/"}, "/da/x/"),
        ({}, None),
    ],
)
def test_x_default__default_language_else_first_available(urls, expected):
    assert i18n.x_default_url(urls) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/da/loesungen/stadt/", ("da", ["loesungen", "stadt"])),
        ("/en/", ("en", [])),
        ("/loesungen/", (None, ["loesungen"])),
        ("/fr/loesungen/", (None, ["fr", "loesungen"])),
    ],
)
def test_strip_language_prefix(path, expected):
    assert i18n.strip_language_prefix(path) == expected


@pytest.mark.parametrize(
    ("active", "expected"),
    [("da", "da"), ("en-gb", "en"), ("de-at", "de"), ("fr", "de")],
)
def test_active_language__reduced_to_portal_language(active, expected):
    with translation.override(active):
        assert i18n.active_language() == expected


@pytest.mark.parametrize(
    ("code", "amount", "currency", "expected"),
    [
        ("de", Decimal("1234567"), Currency.EUR, "1.234.567\u00a0€"),
        ("de", Decimal("1234.5"), Currency.EUR, "1.234,50\u00a0€"),
        ("da", Decimal("1234.5"), Currency.DKK, "1.234,50\u00a0kr."),
        ("da", Decimal("1234567"), Currency.EUR, "1.234.567\u00a0€"),
        ("en", Decimal("1234.5"), Currency.EUR, "€1,234.50"),
        ("en", Decimal("1234567"), Currency.DKK, "DKK\u00a01,234,567"),
        ("de", Decimal("0"), Currency.EUR, "0\u00a0€"),
    ],
)
def test_money__formats_amount_and_currency_for_language(
    code, amount, currency, expected
):
    with translation.override(code):
        assert money(amount, currency) == expected


def test_money__empty_budget_stays_empty():
    assert money(None, Currency.EUR) == ""


# Routing: i18n_patterns with a prefix for every language


@pytest.mark.parametrize("code", ["de", "da", "en"])
def test_urls__every_language_has_its_prefix(code):
    with translation.override(code):
        assert reverse("search") == f"/{code}/search/"


# Helpers that read the page tree


@pytest.mark.django_db
def test_page_language_urls__only_live_translations():
    portal = PortalFactory()
    solution = SolutionPageFactory(portal=portal, slug="loesung")
    danish = TranslationFactory(page=solution, language_code="da")
    english = TranslationFactory(page=solution, language_code="en")
    english.refresh_from_db()
    english.unpublish()

    assert i18n.page_language_urls(solution) == {
        "de": solution.url,
        "da": danish.url,
    }


@pytest.mark.django_db
def test_organisation_language_urls__where_directory_and_organisation_exist():
    portal = PortalFactory()
    danish_directory = TranslationFactory(page=portal.directory, language_code="da")
    TranslationFactory(page=portal.directory, language_code="en")
    organisation = factories.OrganisationFactory(name="Region Syddanmark")
    danish = organisation.copy_for_translation(locale("da"))
    danish.slug = "region-syddanmark-dk"
    danish.save()

    urls = i18n.organisation_language_urls(portal.directory, organisation)

    assert urls == {
        "de": portal.directory.organisation_url(organisation),
        "da": danish_directory.organisation_url(danish),
    }
    assert urls["da"].startswith("/da/")


@pytest.mark.django_db
def test_best_translation__visitor_language_then_default_then_any():
    field = factories.FieldOfActionFactory(name="Gesundheit", slug="health")
    danish = field.copy_for_translation(locale("da"))
    danish.name = "Sundhed"
    danish.save()
    only_english = factories.FieldOfActionFactory(
        name="Open data", slug="open-data", locale=locale("en")
    )

    both = [field, danish]
    assert i18n.best_translation(both, "da") == danish
    assert i18n.best_translation(both, "en") == field
    assert i18n.best_translation([only_english], "da") == only_english
    assert i18n.best_translation([], "da") is None


@pytest.mark.django_db
def test_find_in_other_languages__routes_path_through_other_trees():
    portal = PortalFactory()
    solution = SolutionPageFactory(portal=portal, slug="loesung")
    english = TranslationFactory(page=solution, language_code="en")
    TranslationFactory(page=portal.knowledge, language_code="da")
    request = RequestFactory().get("/da/loesungen/stadt-flensburg/loesung/")

    assert i18n.find_in_other_languages(request) == {
        "de": solution.url,
        "en": english.url,
    }


@pytest.mark.django_db
def test_find_in_other_languages__nothing_for_unknown_or_unprefixed_paths():
    PortalFactory()
    factory = RequestFactory()

    assert i18n.find_in_other_languages(factory.get("/da/gibt-es-nicht/")) == {}
    assert i18n.find_in_other_languages(factory.get("/loesungen/")) == {}


@pytest.mark.django_db
def test_find_in_other_languages__follows_organisation_route():
    portal = PortalFactory()
    danish_directory = TranslationFactory(page=portal.directory, language_code="da")
    organisation = factories.OrganisationFactory(slug="stadtwerke")
    danish = organisation.copy_for_translation(locale("da"))
    danish.slug = "forsyning"
    danish.save()
    factory = RequestFactory()

    found = i18n.find_in_other_languages(factory.get("/da/kontakte/stadtwerke/"))

    assert found == {
        "de": "/de/kontakte/stadtwerke/",
        "da": danish_directory.organisation_url(danish),
    }
    assert i18n.find_in_other_languages(factory.get("/en/kontakte/unbekannt/")) == {}


@pytest.mark.django_db
def test_home_for_language__translation_else_site_root():
    portal = PortalFactory()
    danish_home = TranslationFactory(page=portal.home, language_code="da")
    request = RequestFactory().get("/")

    assert i18n.home_for_language(request, "da").pk == danish_home.pk
    assert i18n.home_for_language(request, "en").pk == portal.home.pk


@pytest.mark.django_db
def test_localize_and_lang_attr__visitor_language_version_or_marked_original():
    german = factories.OrganisationFactory(name="Stadt Flensburg")
    danish = german.copy_for_translation(locale("da"))
    danish.name = "Flensborg Kommune"
    danish.save()
    untranslated = factories.OrganisationFactory(name="Amt Hürup")
    template = Template(
        "{% load portal_tags %}{% for o in orgs %}{% localize o as shown %}"
        "<p{% lang_attr shown %}>{{ shown.name }}</p>{% endfor %}"
    )
    context = Context(
        {"orgs": [german, untranslated], "request": RequestFactory().get("/")}
    )

    with translation.override("da"):
        html = template.render(context)

    assert html == '<p>Flensborg Kommune</p><p lang="de">Amt Hürup</p>'
