"""Rich text links to pages visitors cannot see are shown as plain text.

Wagtail renders a link to an unpublished page like any other, so the text keeps a
link that leads to a 404 (link lists already drop such targets, see
``blocks.LinkStructValue``). Our handler for ``<a linktype="page">`` gives such a
link no address, as Wagtail does for a deleted page (``<a>``), and the rich text
template (``wagtailcore/shared/richtext.html``, which both the ``richtext`` filter
and ``RichText`` values render) keeps only the link text. Nothing is changed in the
stored text: once the page is published again, the link is back.
https://docs.wagtail.org/en/stable/extending/rich_text_internals.html#rewrite-handlers
"""

from __future__ import annotations

import re

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from apps.knowledge.visibility import visible

# An anchor without attributes: Wagtail's (and our) stand-in for a link whose page
# is gone or hidden. Anchors never nest, so the first closing tag is its own.
PLACEHOLDER_LINK = re.compile(r"<a>(.*?)</a>", re.DOTALL)


class VisiblePageLinkHandler(PageLinkHandler):
    """Links to a page in the visitor's language, only while visitors may see it."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        pages = [page.localized if page else None for page in cls.get_many(attrs_list)]
        shown = set(
            visible(
                Page.objects.filter(pk__in=[page.pk for page in pages if page])
            ).values_list("pk", flat=True)
        )
        return [
            f'<a href="{escape(page.url)}">'
            if page is not None and page.pk in shown and page.url
            else "<a>"
            for page in pages
        ]


def without_placeholder_links(html: str) -> str:
    """``html`` with every address-less ``<a>`` replaced by its text."""
    return PLACEHOLDER_LINK.sub(r"\1", html)
