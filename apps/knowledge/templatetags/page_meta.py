"""What a portal page says about itself: its canonical address, when it was last
updated, how to share it, the feeds of its field of action, and the fields of
action's pictograms.

Everything here is the same for every visitor of a page (no user, no CSRF token),
so it may sit inside a shared fragment (``{% shared_fragment %}``).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django import template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe

from apps.knowledge.choices import Pictogram
from apps.knowledge.public_url import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The absolute public address of the page shown, without query parameters
    (filters, sorting, a search text) except the page number of a list."""
    request = context.get("request")
    if request is None:
        return ""
    url = absolute_url(request.path)
    number = request.GET.get("page", "")
    # isdecimal, not isdigit ("²" is a digit int() refuses), and short: int()
    # refuses strings of over 4,300 digits.
    if number.isdecimal() and len(number) <= 9 and int(number) > 1:
        url += "?" + urlencode({"page": int(number)})
    return url


@register.simple_tag
def last_updated(page):
    """When a visitor's "last updated" is: the page's last publication, else (a
    preview of a page never published) its latest revision."""
    return page.last_published_at or page.latest_revision_created_at


@register.simple_tag(takes_context=True)
def share_links(context, page) -> dict[str, str]:
    """The page's public address and a ``mailto:`` link carrying its title, teaser
    and address (no third-party share service)."""
    url = absolute_url(page.get_url(context.get("request")) or "/")
    teaser = getattr(page, "teaser", "") or page.search_description or ""
    body = f"{teaser}\n\n{url}" if teaser else url
    # quote (%20), not quote_plus (+): mail programs show a "+" literally.
    mailto = "mailto:?" + urlencode(
        {"subject": page.title, "body": body}, quote_via=quote
    )
    return {"url": url, "mailto": mailto}


@register.simple_tag
def field_feeds(field_of_action) -> dict[str, str]:
    """The RSS and Atom feeds of one field of action (empty without a slug)."""
    slug = getattr(field_of_action, "slug", "")
    if not slug:
        return {}
    try:
        return {
            "rss": reverse("field_rss", kwargs={"field": slug}),
            "atom": reverse("field_atom", kwargs={"field": slug}),
        }
    except NoReverseMatch:
        return {}


@register.simple_tag
def pictogram(field_or_name, size: int = 24) -> SafeString:
    """The inline SVG pictogram of a field of action (or of a pictogram's name),
    decorative: it is always shown next to the field's name."""
    name = getattr(field_or_name, "pictogram", field_or_name)
    if name not in Pictogram.values:
        name = Pictogram.GENERIC
    html = render_to_string(
        f"knowledge/pictograms/{name}.svg", {"name": name, "size": int(size)}
    )
    return mark_safe(html.strip())  # noqa: S308 - our own template, escaped
