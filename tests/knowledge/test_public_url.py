"""One public base URL in every absolute link: the sitemap, feeds, downloads, API,
DCAT catalogue, robots.txt and the pages' hreflang links use PUBLIC_BASE_URL, not
the Site record (``localhost:80`` here, as on a fresh database) nor the address the
request came in on (``testserver``)."""

from __future__ import annotations

import csv
import io
import json
import re
from http import HTTPStatus
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from tests.knowledge.factories import OpenDataPortalFactory

PUBLIC = "https://kb.example.org"
#: Every setting that carries the base URL, as cms/settings/base.py sets them.
PUBLIC_SETTINGS = {
    "PUBLIC_BASE_URL": PUBLIC,
    "WAGTAILADMIN_BASE_URL": PUBLIC,
    "WAGTAILAPI_BASE_URL": PUBLIC,
}
OTHER_HOSTS = ("http://localhost", "http://testserver", "//localhost")
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.mark.django_db
class PublicBaseUrlTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(
        self, db: None, client: Any, subtests: Any, settings: Any
    ) -> None:
        self.client = client
        self.subtests = subtests
        for name, value in PUBLIC_SETTINGS.items():
            setattr(settings, name, value)

    @classmethod
    def setUpTestData(cls) -> None:
        with override_settings(**PUBLIC_SETTINGS):
            cls.data = OpenDataPortalFactory()
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("localhost", 80)

    def get(self, url: str):
        response = self.client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        return response.content.decode("utf-8-sig")

    def assert_only_public_links(self, text: str, *, at_least: int = 1) -> list[str]:
        """Every absolute address of the portal in ``text`` starts with the base
        URL; none names the Site record's or the request's host."""
        for other in OTHER_HOSTS:
            assert other not in text
        ours = [url for url in URL.findall(text) if url.startswith(PUBLIC)]
        assert len(ours) >= at_least, text[:2000]
        return ours

    def test_sitemap__locations_and_alternates(self):
        text = self.get("/sitemap.xml")
        links = self.assert_only_public_links(text, at_least=4)
        assert f"{PUBLIC}{self.data.mobility.url}" in links
        assert f"{PUBLIC}{self.data.mobility_da.url}" in links

    def test_robots_txt__names_the_sitemap_at_the_base_url(self):
        assert f"Sitemap: {PUBLIC}/sitemap.xml" in self.get("/robots.txt")

    def test_feeds__rss_and_atom(self):
        for name in ("solutions_rss", "solutions_atom"):
            with self.subtests.test(feed=name), translation.override("de"):
                text = self.get(reverse(name))
                links = self.assert_only_public_links(text, at_least=3)
                assert f"{PUBLIC}{self.data.mobility.url}" in links

    def test_csv_download__solution_and_organisation_addresses(self):
        for table, column in (("solutions", "url"), ("organisations", "url")):
            with self.subtests.test(table=table):
                text = self.get(
                    reverse("open_data_csv", kwargs={"language": "de", "table": table})
                )
                rows = list(csv.DictReader(io.StringIO(text)))
                urls = [row[column] for row in rows if row[column]]
                assert urls
                for url in urls:
                    assert url.startswith(f"{PUBLIC}/de/"), url
        response = self.client.get(
            reverse("open_data_csv", kwargs={"language": "de", "table": "solutions"})
        )
        assert f"<{PUBLIC}/opendata/catalog.ttl>" in response["Link"]

    def test_api__html_url_and_detail_url(self):
        document = json.loads(self.get("/api/v2/solutions/?language=de"))
        assert document["items"]
        for item in document["items"]:
            assert item["meta"]["html_url"].startswith(f"{PUBLIC}/de/")
            assert item["meta"]["detail_url"].startswith(f"{PUBLIC}/api/v2/solutions/")

    def test_dcat_catalogue__every_address(self):
        text = self.get(reverse("open_data_catalogue", kwargs={"extension": "ttl"}))
        links = self.assert_only_public_links(text, at_least=5)
        assert f"{PUBLIC}/" in links
        assert f"{PUBLIC}/opendata/catalog.ttl" in links

    def test_search_api_description__server_is_the_base_url(self):
        document = json.loads(self.get("/api/search/openapi.json"))
        assert [server["url"].rstrip("/") for server in document["servers"]] == [PUBLIC]

    def test_portal_page__hreflang_and_structured_data(self):
        text = self.get(self.data.mobility.url)
        assert (
            f'<link rel="alternate" hreflang="da" href="{PUBLIC}'
            f'{self.data.mobility_da.url}">'
        ) in text
        assert f'"url": "{PUBLIC}{self.data.mobility.url}"' in text
        self.assert_only_public_links(text, at_least=3)
