"""Autocomplete suggestions: page titles, one per page in the visitor's language."""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from wagtail.models import Locale, Page

from apps.knowledge.search import engine
from apps.knowledge.search.analysis import normalise_language
from apps.knowledge.search.database_rank import best_scored, scores_apart
from apps.knowledge.search.service import live_pages


def suggestions(
    query: str, language: str, request: HttpRequest | None, limit: int = 8
) -> list[dict[str, str]]:
    """Up to ``limit`` live public pages whose title starts like ``query``."""

    if len(query) < 2:
        return []
    backend, _fallback = engine.portal_backend()
    matches = live_pages().only("pk", "translation_key", "locale_id")
    results = backend.autocomplete(query, matches)
    scores = scores_apart(results, backend)
    if scores is None:
        found = [(page.pk, page.translation_key) for page in results[: limit * 4]]
    else:
        # SQLite: the scores from one scan, not a subquery per matching page.
        found = best_scored(matches, scores, limit * 4)
    keys: dict[str, int] = {}
    for pk, key in found:
        # SQLite's raw rows hold UUIDs as 32 hex digits.
        keys.setdefault(str(uuid.UUID(str(key))), pk)
        if len(keys) == limit:
            break
    locale = Locale.objects.filter(language_code=language).first()
    if locale:
        for key, pk in (
            live_pages()
            .filter(locale=locale, translation_key__in=keys)
            .values_list("translation_key", "pk")
        ):
            keys[str(key)] = pk
    pages = Page.objects.filter(pk__in=keys.values()).select_related("locale")
    by_pk = {page.pk: page for page in pages}
    return [
        {
            "title": page.title,
            "url": page.get_url(request) or "",
            "language": normalise_language(page.locale.language_code),
        }
        for pk in keys.values()
        if (page := by_pk.get(pk))
    ]
