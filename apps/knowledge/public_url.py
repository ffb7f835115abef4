"""The portal's one public address, ``settings.PUBLIC_BASE_URL``.

Every absolute link the site hands out (sitemap, feeds, downloads, the API, the
DCAT catalogue, e-mails, ``hreflang`` and structured data in the pages) starts with
it. Neither the ``Host`` header of the request (which differs behind a proxy and is
whatever the visitor typed) nor Wagtail's ``Site`` record (hostname and port only,
``http://localhost`` on a fresh database) decides it. Wagtail's own settings for
admin mails and the API (``WAGTAILADMIN_BASE_URL``, ``WAGTAILAPI_BASE_URL``) are set
to the same value in ``cms/settings/base.py``.
"""

from __future__ import annotations

from django.conf import settings

from apps.knowledge import content_cache


def public_base_url() -> str:
    """Scheme, host and port of the portal, without a trailing slash."""
    return settings.PUBLIC_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (``/de/loesungen/``) as an absolute address; absolute input stays."""
    if path.startswith(("http://", "https://")):
        return path
    return public_base_url() + path


def page_full_url(page, request=None) -> str | None:
    """The absolute address of any page, also a plain ``Page`` that is not the
    specific class (None if it is not routable)."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    return public_base_url() + parts[2]


class PublicUrlMixin:
    """Gives a page's ``full_url`` the public address instead of its site's root.

    Wagtail builds ``full_url`` (and ``url`` when several sites exist) from
    ``get_url_parts``, which is meant to be overridden for custom addresses:
    https://docs.wagtail.org/en/stable/reference/models.html#wagtail.models.Page.get_url_parts
    """

    def get_url_parts(self, request=None):
        # A page that shows this address shows this page (its title, its card):
        # the page cache retires it when this page is published.
        content_cache.note(content_cache.page_tag(self))
        parts = super().get_url_parts(request=request)
        if parts is None or parts[1] is None:
            return parts
        site_id, _site_root_url, page_path = parts
        return site_id, public_base_url(), page_path
