"""Cross-links between solutions, localised and filtered to what a visitor may see.

Relations are stored once, on the page where an editor set them, and pointing at
whichever language version they chose. A visitor sees them on both ends, in their own
language where a translation exists, and never a link to an unpublished, private or
deleted page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.models import Locale, Page, ReferenceIndex


def localize_keys(model, keys: Iterable, locale: Locale | None = None) -> list:
    """Live, public pages of ``model`` for ``keys``, each in ``locale`` if it exists.

    Falls back to the default language, then to any language, so that a solution that
    exists only in Danish still appears on a German page. Keeps the order of ``keys``.
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return []
    locale = locale or Locale.get_active()
    default_locale = Locale.get_default()
    best: dict = {}
    pages = model.objects.live().public().filter(translation_key__in=keys).specific()
    for page in pages:
        rank = (
            0
            if page.locale_id == locale.pk
            else (1 if page.locale_id == default_locale.pk else 2)
        )
        current = best.get(page.translation_key)
        if current is None or rank < current[0]:
            best[page.translation_key] = (rank, page)
    return [best[key][1] for key in keys if key in best]


def related_solutions(page) -> list:
    """Solutions related to ``page`` in either direction, in ``page``'s language."""
    from apps.knowledge.models import SolutionPage, SolutionRelation

    outgoing = (
        SolutionRelation.objects.filter(
            page__translation_key=page.translation_key, page__live=True
        )
        .order_by("sort_order", "pk")
        .values_list("target__translation_key", flat=True)
    )
    incoming = (
        SolutionRelation.objects.filter(
            target__translation_key=page.translation_key, page__live=True
        )
        .order_by("pk")
        .values_list("page__translation_key", flat=True)
    )
    keys = [k for k in [*outgoing, *incoming] if k != page.translation_key]
    return localize_keys(SolutionPage, keys, page.locale)


def linked_pages(page, exclude: Iterable = ()) -> list:
    """Live, public pages whose content links to ``page`` (the reference index)."""
    own_versions = Page.objects.filter(translation_key=page.translation_key)
    references = ReferenceIndex.get_references_to_in_bulk(own_versions).filter(
        base_content_type=ReferenceIndex._get_base_content_type(Page)
    )
    source_ids = references.values_list("object_id", flat=True)
    skip = {page.translation_key, *(p.translation_key for p in exclude)}
    keys = (
        Page.objects.annotate(pk_text=Cast("pk", output_field=CharField()))
        .filter(pk_text__in=source_ids)
        .exclude(translation_key__in=skip)
        .order_by("title")
        .values_list("translation_key", flat=True)
    )
    return localize_keys(Page, keys, page.locale)
