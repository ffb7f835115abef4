"""Addresses of the open data, outside the language prefix: the API, the downloads,
the catalogues (DCAT-AP.de, DCAT-AP-DK, ADMS-AP, publiccode.yml), sitemap.xml and
robots.txt.

Django's LocaleMiddleware answers every 404 outside the language prefix with a
redirect to ``/de/<path>`` when the portal's catch-all page route would match there
(it matches any path). An API client asking for a solution that does not exist
would then be sent to an HTML page. These views therefore name this URLconf, which
has no language prefix, as the request's URLconf, so a 404 stays a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.utils.urlpatterns import decorate_urlpatterns

from apps.knowledge.open_data import views as open_data_views
from apps.knowledge.open_data.api import api_router
from apps.knowledge.open_data.sitemaps import PortalSitemap


def outside_language_prefix(view: Callable) -> Callable:
    """Marks the request as served by this URLconf (see the module docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.urlconf = __name__
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = decorate_urlpatterns(
    [
        path("api/v2/", api_router.urls),
        path(
            "opendata/catalog.<str:extension>",
            open_data_views.catalogue,
            name="open_data_catalogue",
        ),
        path(
            "opendata/catalog-dk.<str:extension>",
            open_data_views.catalogue_dk,
            name="open_data_catalogue_dk",
        ),
        path(
            "opendata/adms.<str:extension>",
            open_data_views.adms_catalogue,
            name="open_data_adms",
        ),
        path(
            "opendata/solutions/<int:pk>/publiccode.yml",
            open_data_views.publiccode_yml,
            name="open_data_publiccode",
        ),
        path(
            "opendata/<str:language>/knowledge-base.json",
            open_data_views.download_json,
            name="open_data_json",
        ),
        path(
            "opendata/<str:language>/<slug:table>.csv",
            open_data_views.download_csv,
            name="open_data_csv",
        ),
        path(
            "sitemap.xml",
            sitemap,
            {"sitemaps": {"pages": PortalSitemap}},
            name="sitemap",
        ),
        path("robots.txt", open_data_views.robots_txt, name="robots_txt"),
    ],
    outside_language_prefix,
)
