"""A reverse proxy in front is told exactly which pages to drop on a publish.

A real HTTP server on a loopback port stands in for Varnish and records the PURGE
requests Wagtail's frontend cache sends (apps/knowledge/portal/frontend.py).
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from apps.knowledge.models import SolutionPage
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
    relate,
)

pytestmark = pytest.mark.django_db

PUBLIC = "http://kb.example.org"


class PurgeRecorder(BaseHTTPRequestHandler):
    """Answers PURGE with 200 and keeps (Host, path) of each."""

    received: list[tuple[str, str]]

    def do_PURGE(self) -> None:  # noqa: N802 - the HTTP method's name
        self.server.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PUBLIC_BASE_URL = PUBLIC
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def site():
    portal = PortalFactory()
    solution = SolutionPageFactory(
        portal=portal, title="Energiedaten", slug="energiedaten"
    )
    solution.save_revision().publish()
    TranslationFactory(page=solution, language_code="da")
    related = SolutionPageFactory(portal=portal, title="Ladesäulen", slug="ladesaeulen")
    related.save_revision().publish()
    relate(related, solution)
    other = SolutionPageFactory(portal=portal, title="Bürgerbus", slug="buergerbus")
    other.save_revision().publish()
    return portal, solution


def test_publishing_a_solution__purges_exactly_the_pages_that_show_it(
    proxy, site, django_capture_on_commit_callbacks
):
    portal, solution = site
    organisation = solution.lead_organisation
    page = SolutionPage.objects.get(pk=solution.pk)
    page.title = "Wärmeatlas"

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    area = "/de/loesungen/stadt-flensburg/"
    assert {host for host, _path in proxy.received} == {"kb.example.org"}
    assert sorted(path for _host, path in proxy.received) == sorted(
        [
            f"{area}energiedaten/",  # the page itself
            "/da/loesungen/stadt-flensburg/energiedaten/",  # its translation
            f"{area}ladesaeulen/",  # relates to it
            "/de/",  # the home page's newest solutions
            portal.knowledge.url,
            area,
            portal.theme.url,
            portal.directory.url,
            f"{portal.directory.url}{organisation.slug}/",  # its organisation
            "/de/search/",
            "/da/search/",
            "/en/search/",
            # The maps' data and the plain lists of their places.
            *(
                f"/de/places/{listing.pk}/{part}"
                for listing in (portal.knowledge, portal.area, portal.theme)
                for part in ("", "json/")
            ),
            *(
                f"/{code}/search/places/{part}"
                for code in ("de", "da", "en")
                for part in ("", "json/")
            ),
        ]
    )


def test_publishing_a_theme_page__purges_everything(
    proxy, site, django_capture_on_commit_callbacks
):
    portal, _solution = site
    theme = portal.theme.specific

    with django_capture_on_commit_callbacks(execute=True):
        theme.save_revision().publish()

    assert [path for _host, path in proxy.received] == ["/"]


def test_no_proxy_configured__nothing_is_sent(
    site, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    _portal, solution = site
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        SolutionPage.objects.get(pk=solution.pk).save_revision().publish()
    # The page cache's retirements after the commit (of the save and the
    # publish) and its record of the lists the solution is in, no purge.
    assert {callback.__name__ for callback in callbacks} == {
        "both",
        "keep_after_commit",
    }
