"""Tags in the visitor's language: translated names on solution pages, in the search
facets and the search index, edited on the tag in the admin, and in the API and the
downloads. Tag links and filters keep the tag's one slug in every language."""

from __future__ import annotations

import csv
import io
import json
import re
from http import HTTPStatus
from xml.etree import ElementTree

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag
from wagtail.test.utils import WagtailTestUtils

from apps.knowledge.models import SolutionPage, TagTranslation
from apps.knowledge.models.tags import shown_tags
from tests.factories import UserProfileFactory
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.knowledge.search.result_page import facet_counts, parse, result_links


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def facet_labels(doc, facet: str) -> dict[str, str]:
    """{value: shown label} of a search facet, without counts and hidden text."""
    labels = {}
    for link in doc.select(f'.facet[data-facet="{facet}"] a'):
        for extra in link.select(".visually-hidden, .facet__count"):
            extra.decompose()
        labels[link["data-value"]] = link.get_text(strip=True)
    return labels


def tag_links(response) -> dict[str, str]:
    """{shown name: link} of the tags on a solution page."""
    doc = parse(response)
    return {a.get_text(strip=True): a["href"] for a in doc.select(".tag-list a")}


class TagTranslationPortalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.portal = portal = PortalFactory()
        cls.heat_pumps = Tag.objects.create(name="Wärmepumpen", slug="heat-pumps")
        cls.open_data = Tag.objects.create(name="Open Data", slug="open-data")
        TagTranslation.objects.create(
            tag=cls.heat_pumps, language="da", name="varmepumper"
        )
        TagTranslation.objects.create(
            tag=cls.heat_pumps, language="en", name="heat pumps"
        )
        german = SolutionPageFactory(
            portal=portal, title="Wärmepumpen-Atlas", slug="waermepumpen-atlas"
        )
        german.tags.add(cls.heat_pumps, cls.open_data)
        cls.german = publish(german)
        # wagtail-localize copies the tags to the translation unchanged.
        cls.danish = publish(TranslationFactory(page=cls.german, language_code="da"))
        # A solution only in German, tagged with a tag still without translations.
        cls.district_heating = Tag.objects.create(
            name="Fernwärme", slug="district-heating"
        )
        only_german = SolutionPageFactory(
            portal=portal, title="Wärmenetz Husum", slug="waermenetz-husum"
        )
        only_german.tags.add(cls.district_heating)
        cls.only_german = publish(only_german)

    def test_solution_page__danish_visitor_sees_danish_tag_names(self):
        links = tag_links(self.client.get(self.danish.url))

        self.assertEqual(set(links), {"varmepumper", "Open Data"})
        self.assertEqual(links["varmepumper"], "/da/search/?tag=heat-pumps")
        self.assertEqual(links["Open Data"], "/da/search/?tag=open-data")

    def test_solution_page__german_page_in_german_shows_the_tags_own_names(self):
        links = tag_links(self.client.get(self.german.url))

        self.assertEqual(
            links,
            {
                "Wärmepumpen": "/de/search/?tag=heat-pumps",
                "Open Data": "/de/search/?tag=open-data",
            },
        )

    def test_structured_data__keywords_name_the_tags_in_danish(self):
        html = self.client.get(self.danish.url).content.decode()

        script = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
        keywords = json.loads(script.group(1))["keywords"]
        self.assertIn("varmepumper", keywords)
        self.assertNotIn("Wärmepumpen", keywords)

    def test_tag_link__filters_by_the_same_slug_and_names_the_facet_in_danish(self):
        link = tag_links(self.client.get(self.danish.url))["varmepumper"]

        doc = parse(self.client.get(link))

        self.assertEqual(result_links(doc), [self.danish.url])
        # The tag facet keeps its alternatives, named in Danish where translated.
        self.assertEqual(
            facet_counts(doc, "tag"),
            {"heat-pumps": 1, "open-data": 1, "district-heating": 1},
        )
        self.assertEqual(
            facet_labels(doc, "tag"),
            {
                "heat-pumps": "varmepumper",
                "open-data": "Open Data",
                "district-heating": "Fernwärme",
            },
        )

    def test_search_facet__english_visitor_gets_english_names_else_the_original(self):
        doc = parse(self.client.get("/en/search/", {"q": "Wärmepumpen-Atlas"}))

        self.assertEqual(
            facet_labels(doc, "tag"),
            {"heat-pumps": "heat pumps", "open-data": "Open Data"},
        )

    def test_search__danish_tag_name_finds_german_only_solution_once_translated(self):
        before = parse(self.client.get("/da/search/", {"q": "fjernvarme"}))
        with self.captureOnCommitCallbacks(execute=True):
            TagTranslation.objects.create(
                tag=self.district_heating, language="da", name="fjernvarme"
            )
        after = parse(self.client.get("/da/search/", {"q": "fjernvarme"}))

        self.assertEqual(result_links(before), [])
        self.assertEqual(result_links(after), [self.only_german.url])

    def test_search__renamed_tag_found_by_its_new_name(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.district_heating.name = "Nahwärme"
            self.district_heating.save()

        doc = parse(self.client.get("/de/search/", {"q": "Nahwärme"}))

        self.assertEqual(result_links(doc), [self.only_german.url])

    def test_shown_tags__no_query_when_the_page_prefetched_tags_and_names(self):
        page = SolutionPage.objects.prefetch_related("tags__translations").get(
            pk=self.danish.pk
        )

        with self.assertNumQueries(0):
            shown = shown_tags(page.tags.all(), "da")

        self.assertEqual(
            [(tag.slug, tag.name) for tag in shown],
            [("open-data", "Open Data"), ("heat-pumps", "varmepumper")],
        )

    def test_solution_page__tags_cost_the_same_queries_for_one_or_fifty_tags(self):
        few = self.only_german
        many = SolutionPageFactory(
            portal=self.portal, title="Viele Tags", slug="viele-tags"
        )
        tags = [
            Tag.objects.create(name=f"Thema {i}", slug=f"topic-{i}") for i in range(50)
        ]
        TagTranslation.objects.bulk_create(
            TagTranslation(tag=tag, language="da", name=f"emne {i}")
            for i, tag in enumerate(tags)
        )
        many.tags.add(*tags)
        many = publish(many)

        counts = []
        for page in (few, many):
            self.client.get(page.url)  # warm per-process caches (site, locales)
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(page.url)
            self.assertEqual(response.status_code, HTTPStatus.OK)
            counts.append(len(queries))

        self.assertEqual(len(parse(response).select(".tag-list a")), 50)
        self.assertEqual(counts[0], counts[1])


class TagAdminTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tag = Tag.objects.create(name="Wärmepumpen", slug="heat-pumps")
        TagTranslation.objects.create(tag=cls.tag, language="en", name="heat pump")
        cls.admin = cls.create_superuser("admin")
        UserProfileFactory(user=cls.admin)

    def setUp(self):
        self.client.force_login(self.admin)

    def edit_url(self) -> str:
        return reverse("wagtailsnippets_taggit_tag:edit", args=[self.tag.pk])

    def test_edit__shows_a_name_field_per_language_with_the_stored_names(self):
        response = self.client.get(self.edit_url())

        self.assertEqual(response.status_code, HTTPStatus.OK)
        doc = parse(response)
        self.assertEqual(doc.select_one('input[name="name_en"]')["value"], "heat pump")
        self.assertIsNotNone(doc.select_one('input[name="name_da"]'))
        self.assertContains(response, "Name in Danish")

    def test_edit__sets_changes_and_removes_translations(self):
        response = self.client.post(
            self.edit_url(),
            {
                "name": "Wärmepumpen",
                "slug": "heat-pumps",
                "name_de": "",
                "name_da": " varmepumper ",
                "name_en": "",
            },
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertEqual(
            dict(self.tag.translations.values_list("language", "name")),
            {"da": "varmepumper"},
        )

    def test_listing__finds_a_tag_by_its_danish_name(self):
        TagTranslation.objects.create(tag=self.tag, language="da", name="varmepumper")
        Tag.objects.create(name="Fernwärme", slug="district-heating")

        response = self.client.get(
            reverse("wagtailsnippets_taggit_tag:list"), {"q": "varmepumper"}
        )

        self.assertContains(response, "Wärmepumpen")
        self.assertNotContains(response, "Fernwärme")

    def test_listing__shows_each_tags_names_so_gaps_stand_out(self):
        TagTranslation.objects.create(tag=self.tag, language="da", name="varmepumper")
        Tag.objects.create(name="Fernwärme", slug="district-heating")

        response = self.client.get(reverse("wagtailsnippets_taggit_tag:list"))

        rows = {
            row.select_one("td a").get_text(strip=True): row.get_text(" ", strip=True)
            for row in parse(response).select("tbody tr")
        }
        self.assertIn("da: varmepumper · en: heat pump", rows["Wärmepumpen"])
        self.assertNotIn("da:", rows["Fernwärme"])


class TagTranslationOpenDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        portal = PortalFactory()
        tag = Tag.objects.create(name="Wärmepumpen", slug="heat-pumps")
        TagTranslation.objects.create(tag=tag, language="da", name="varmepumper")
        TagTranslation.objects.create(tag=tag, language="en", name="heat pumps")
        german = SolutionPageFactory(
            portal=portal, title="Wärmepumpen-Atlas", slug="waermepumpen-atlas"
        )
        german.tags.add(tag)
        cls.german = publish(german)
        cls.danish = publish(TranslationFactory(page=cls.german, language_code="da"))

    def test_api__each_tag_with_its_slug_and_name_per_language(self):
        response = self.client.get(f"/api/v2/solutions/{self.danish.pk}/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(
            response.json()["tag_names"],
            [
                {
                    "slug": "heat-pumps",
                    "name": "Wärmepumpen",
                    "names": {"da": "varmepumper", "en": "heat pumps"},
                }
            ],
        )

    def test_csv__tags_named_in_the_language_of_the_download(self):
        names = {}
        for language in ("de", "da"):
            response = self.client.get(
                reverse(
                    "open_data_csv",
                    kwargs={"language": language, "table": "solutions"},
                )
            )
            self.assertEqual(response.status_code, HTTPStatus.OK)
            rows = list(
                csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
            )
            names[language] = {row["tags"] for row in rows}

        self.assertEqual(names, {"de": {"Wärmepumpen"}, "da": {"varmepumper"}})

    def test_feed__categories_name_the_tags_in_the_feeds_language(self):
        response = self.client.get("/da/feeds/rss/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
        categories = {category.text for category in root.iter("category")}
        self.assertIn("varmepumper", categories)
        self.assertNotIn("Wärmepumpen", categories)
