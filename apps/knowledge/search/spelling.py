""" "Did you mean": the closest words from the titles of live pages.

Works the same on every database (difflib against the title vocabulary); the
vocabulary is cached briefly, so a typo costs one title query per few minutes.
"""

from __future__ import annotations

import difflib
import re

from django.core.cache import cache

VOCABULARY_CACHE_SECONDS = 300
CUTOFF = 0.75
_WORD_RE = re.compile(r"\w{3,}", re.UNICODE)


def vocabulary() -> list[str]:
    """Distinct lower-case words of live public page titles and tags."""
    words = cache.get("knowledge-search-vocabulary")
    if words is None:
        from taggit.models import Tag

        from apps.knowledge.search.service import live_pages

        found: set[str] = set()
        for title in live_pages().values_list("title", flat=True).iterator():
            found.update(w.casefold() for w in _WORD_RE.findall(title))
        for name in Tag.objects.values_list("name", flat=True):
            found.update(w.casefold() for w in _WORD_RE.findall(name))
        words = sorted(found)
        cache.set("knowledge-search-vocabulary", words, VOCABULARY_CACHE_SECONDS)
    return words


def correct(query: str, language: str = "") -> str:
    """The query with unknown words replaced by the closest known ones, or ""."""
    known = vocabulary()
    known_set = set(known)
    words = query.split()
    corrected = []
    for word in words:
        lower = word.casefold()
        if lower in known_set or len(lower) < 4:
            corrected.append(lower)
            continue
        close = difflib.get_close_matches(lower, known, n=1, cutoff=CUTOFF)
        corrected.append(close[0] if close else lower)
    suggestion = " ".join(corrected)
    return suggestion if suggestion != query.casefold() else ""
