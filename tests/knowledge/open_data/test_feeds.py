"""RSS 2.0 and Atom feeds of new and updated solutions, per language and per field
of action; only live public solutions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from http import HTTPStatus

from django.test import TestCase

from tests.knowledge.factories import OpenDataPortalFactory

ATOM = "{http://www.w3.org/2005/Atom}"


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def rss(self, url: str) -> ET.Element:
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        root = ET.fromstring(response.content)  # noqa: S314 - our own output
        self.assertEqual((root.tag, root.get("version")), ("rss", "2.0"))
        return root.find("channel")

    def atom(self, url: str) -> ET.Element:
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        root = ET.fromstring(response.content)  # noqa: S314 - our own output
        self.assertEqual(root.tag, f"{ATOM}feed")
        return root

    def test_rss__required_elements_and_live_public_solutions_of_the_language(self):
        channel = self.rss("/de/feeds/rss/")

        for element in ("title", "link", "description"):
            self.assertTrue(channel.findtext(element), element)
        self.assertEqual(channel.findtext("language"), "de")
        items = channel.findall("item")
        titles = {item.findtext("title") for item in items}
        self.assertEqual(titles, {"Mobilitätsstationen", "Pflege digital"})
        for item in items:
            self.assertTrue(item.findtext("link").startswith("http"))
            self.assertTrue(item.findtext("guid"))
            self.assertTrue(item.findtext("pubDate"))
            self.assertTrue(item.findtext("description"))

    def test_rss__newest_update_first(self):
        channel = self.rss("/de/feeds/rss/")

        titles = [item.findtext("title") for item in channel.findall("item")]
        self.assertEqual(titles, ["Pflege digital", "Mobilitätsstationen"])

    def test_rss__danish_feed_has_danish_solutions(self):
        channel = self.rss("/da/feeds/rss/")

        self.assertEqual(channel.findtext("language"), "da")
        titles = [item.findtext("title") for item in channel.findall("item")]
        self.assertEqual(titles, ["Mobilitetsstationer"])

    def test_atom__required_elements(self):
        feed = self.atom("/de/feeds/atom/")

        for element in ("id", "title", "updated"):
            self.assertTrue(feed.findtext(f"{ATOM}{element}"), element)
        entries = feed.findall(f"{ATOM}entry")
        self.assertEqual(len(entries), 2)
        for entry in entries:
            for element in ("id", "title", "updated"):
                self.assertTrue(entry.findtext(f"{ATOM}{element}"), element)
            self.assertTrue(entry.find(f"{ATOM}link").get("href").startswith("http"))
        categories = {category.get("term") for category in feed.iter(f"{ATOM}category")}
        self.assertLessEqual({"Grüne Energie", "Gesundheit", "Mobilität"}, categories)

    def test_field_of_action_feeds__only_that_field(self):
        energy = self.rss("/de/feeds/energy/rss/")
        health = self.atom("/de/feeds/health/atom/")

        self.assertEqual(
            [item.findtext("title") for item in energy.findall("item")],
            ["Mobilitätsstationen"],
        )
        self.assertEqual(
            [e.findtext(f"{ATOM}title") for e in health.findall(f"{ATOM}entry")],
            ["Pflege digital"],
        )
        self.assertIn("Grüne Energie", energy.findtext("title"))

    def test_field_of_action_feed__danish_uses_the_same_slug(self):
        channel = self.rss("/da/feeds/energy/rss/")

        self.assertEqual(
            [item.findtext("title") for item in channel.findall("item")],
            ["Mobilitetsstationer"],
        )

    def test_unknown_field__not_found(self):
        response = self.client.get("/de/feeds/astrology/rss/")

        self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)

    def test_open_data_page__announces_the_feeds_of_its_language(self):
        response = self.client.get("/da/open-data/")

        self.assertContains(
            response, '<link rel="alternate" type="application/rss+xml"'
        )
        self.assertContains(response, 'href="/da/feeds/rss/"')
        self.assertContains(response, 'href="/da/feeds/atom/"')
        self.assertContains(response, 'href="/da/feeds/health/rss/"')
