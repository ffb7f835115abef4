"""sitemap.xml with hreflang alternates for every live translation, and robots.txt
pointing to it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from http import HTTPStatus

from django.test import TestCase
from wagtail.models import Locale

from tests.knowledge.factories import OpenDataPortalFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def entries(self) -> dict[str, dict[str, str]]:
        """Each ``<loc>`` with its alternates by hreflang."""
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        root = ET.fromstring(response.content)  # noqa: S314 - our own output
        self.assertEqual(root.tag, f"{SITEMAP}urlset")
        return {
            url.findtext(f"{SITEMAP}loc"): {
                link.get("hreflang"): link.get("href")
                for link in url.findall(f"{XHTML}link")
                if link.get("rel") == "alternate"
            }
            for url in root.findall(f"{SITEMAP}url")
        }

    def test_translated_solution__both_languages_point_to_each_other(self):
        entries = self.entries()

        german = self.data.mobility.get_full_url()
        danish = self.data.mobility_da.get_full_url()
        expected = {"de": german, "da": danish, "x-default": german}
        self.assertEqual(entries[german], expected)
        self.assertEqual(entries[danish], expected)

    def test_untranslated_solution__only_its_own_language(self):
        entries = self.entries()

        care = self.data.care.get_full_url()
        self.assertEqual(entries[care], {"de": care, "x-default": care})

    def test_drafts_and_private_pages__never_appear(self):
        locations = " ".join(
            f"{loc} {' '.join(links.values())}" for loc, links in self.entries().items()
        )

        self.assertNotIn(self.data.draft.slug, locations)
        self.assertNotIn(self.data.private.slug, locations)

    def test_unpublished_translation__not_an_alternate(self):
        self.data.mobility_da.unpublish()

        entries = self.entries()

        german = self.data.mobility.get_full_url()
        self.assertEqual(set(entries[german]), {"de", "x-default"})
        self.assertNotIn(self.data.mobility_da.get_full_url(), entries)

    def test_organisation_pages__listed_in_every_language_of_the_directory(self):
        entries = self.entries()

        directory = self.data.portal.directory.get_full_url()
        organisation = f"{directory}stadt-flensburg/"
        self.assertEqual(
            entries[organisation], {"de": organisation, "x-default": organisation}
        )

    def test_translated_organisation__alternates_in_both_directories(self):
        danish = self.data.flensburg.copy_for_translation(
            Locale.objects.get(language_code="da")
        )
        danish.name = "Flensborg By"
        danish.slug = "flensborg-by"
        danish.save()

        entries = self.entries()

        german_url = f"{self.data.portal.directory.get_full_url()}stadt-flensburg/"
        danish_directory = self.data.portal.directory.get_translation(danish.locale)
        danish_url = f"{danish_directory.get_full_url()}flensborg-by/"
        expected = {"de": german_url, "da": danish_url, "x-default": german_url}
        self.assertEqual(entries[german_url], expected)
        self.assertEqual(entries[danish_url], expected)


class RobotsTests(TestCase):
    def test_robots__points_to_sitemap_and_keeps_out_of_the_admin(self):
        response = self.client.get("/robots.txt")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        self.assertIn("Disallow: /admin/", lines)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
