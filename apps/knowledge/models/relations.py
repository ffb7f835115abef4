"""Cross-links between solutions, localised and filtered to what a visitor may see.

Relations are stored on the page where an editor set them (the "Related solutions"
panel), pointing at whichever language version they chose; wagtail-localize copies
them into the translations when it syncs. A visitor sees them on both ends, in their
own language where a translation exists, and never a link to an unpublished, private
or deleted page.

Which language version's relations count: the live version published last. So a
relation an editor removes from the German page disappears at once, even while the
Danish copy still holds it until the translations are synced again.

Pages that link to a solution from their content (rich text, link lists) are found
through Wagtail's reference index:
https://docs.wagtail.org/en/stable/advanced_topics/reference_index.html
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.utils.translation import get_language
from wagtail.models import Locale, Page, ReferenceIndex

from apps.knowledge import content_cache
from apps.knowledge.visibility import visible

_NEVER = datetime.min.replace(tzinfo=UTC)


def localize_keys(
    model,
    keys: Iterable,
    locale: Locale | None = None,
    select_related: Iterable[str] = (),
) -> list:
    """Live, public pages of ``model`` for ``keys``, each in ``locale`` if it exists.

    Falls back to the default language, then to any language, so that a solution that
    exists only in Danish still appears on a German page. Keeps the order of ``keys``.
    One query for a page type without subtypes (with ``select_related`` applied),
    otherwise one plus one per page type for ``specific()``.
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return []
    locale = locale or content_cache.locale_for(get_language()) or Locale.get_active()
    default_locale = content_cache.default_locale()
    pages = visible(model.objects).filter(translation_key__in=keys)
    if model.__subclasses__():
        pages = pages.specific()
    else:
        pages = pages.select_related("locale", *select_related)
    best: dict = {}
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


def _current_versions(keys: Iterable) -> dict:
    """For each translation key, the id of its live version that was published last."""
    best: dict = {}
    rows = Page.objects.filter(translation_key__in=set(keys), live=True).values_list(
        "translation_key", "pk", "last_published_at"
    )
    for key, pk, published_at in rows:
        rank = (published_at or _NEVER, pk)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, pk)
    return {key: pk for key, (_rank, pk) in best.items()}


def related_solutions(page) -> list:
    """Solutions related to ``page`` in either direction, in ``page``'s language."""
    # Imported when called: models/solutions.py imports this module to define
    # SolutionPage, so the classes exist only once the models package is loaded.
    from apps.knowledge.models import SolutionPage, SolutionRelation

    own_key = page.translation_key
    outgoing = list(
        SolutionRelation.objects.filter(page__translation_key=own_key, page__live=True)
        .order_by("sort_order", "pk")
        .values_list("page_id", "target__translation_key")
    )
    incoming = list(
        SolutionRelation.objects.filter(
            target__translation_key=own_key, page__live=True
        )
        .order_by("pk")
        .values_list("page_id", "page__translation_key")
    )
    current = _current_versions({own_key, *(key for _id, key in incoming)})
    keys = [key for page_id, key in outgoing if page_id == current.get(own_key)]
    keys += [key for page_id, key in incoming if page_id == current.get(key)]
    return localize_keys(
        SolutionPage,
        [key for key in keys if key != own_key],
        page.locale,
        select_related=["lead_organisation", "image"],
    )


def solution_relations(page) -> tuple[list, list]:
    """``related_solutions(page)`` and the other ``linked_pages(page)``, kept
    until the content changes (a relation or link changes only when a page is
    published)."""

    def build() -> tuple[list, list]:
        related = related_solutions(page)
        return related, linked_pages(page, exclude=related)

    return content_cache.remember_visible(
        "solution-relations", build, page.translation_key, page.locale_id
    )


def linked_pages(page, exclude: Iterable = ()) -> list:
    """Live, public pages whose content links to ``page`` (the reference index).

    Links to any language version of ``page`` count. Pages in ``exclude`` (e.g. the
    related solutions, which the reference index also records) are left out.
    """
    own_versions = Page.objects.filter(translation_key=page.translation_key)
    source_ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to_in_bulk(own_versions)
        .filter(base_content_type=ReferenceIndex._get_base_content_type(Page))
        .values_list("object_id", flat=True)
    }
    if not source_ids:
        return []
    skip = {page.translation_key, *(p.translation_key for p in exclude)}
    keys = (
        Page.objects.filter(pk__in=source_ids)
        .exclude(translation_key__in=skip)
        .order_by("title")
        .values_list("translation_key", flat=True)
    )
    return localize_keys(Page, keys, page.locale)
