""" "Did you mean": the closest words of titles and tags in the visitor's language.

Only words of the visitor's language are proposed: the titles of live pages in that
locale and the tag names shown in it (the tags' own names are German, the site's
default language; translations for the others). A Danish "borger" is not turned into
an English "border". difflib picks the closest word; on PostgreSQL pg_trgm first
narrows the titles to those with similar words (one query for all the words). It
runs only when a query found nothing; the vocabulary of SQLite is kept in the
content cache, which every publish retires, so a title published a moment ago is
known at once.
"""

from __future__ import annotations

import difflib
import re

from django.conf import settings
from django.db import connection

from apps.knowledge import content_cache
from apps.knowledge.models import TagTranslation
from apps.knowledge.models.solutions import visible_tags
from apps.knowledge.search.database_query import live_pages

CUTOFF = 0.75
_WORD_RE = re.compile(r"\w{3,}", re.UNICODE)


def vocabulary(language: str = "") -> list[str]:
    """Distinct lower-case words of live public page titles and tags in ``language``
    (every language if none is given)."""

    found: set[str] = set()
    titles = live_pages()
    if language:
        titles = titles.filter(locale__language_code=language)
    for title in titles.values_list("title", flat=True).iterator():
        found.update(word.casefold() for word in _WORD_RE.findall(title))

    # Tags only drafts carry would give their words away in "did you mean".
    tags = visible_tags()
    translations = TagTranslation.objects.filter(tag__in=tags)
    sources = [tags, translations]
    if language:
        translations = translations.filter(language=language)
        # A tag's own name is written in the default language.
        sources = [translations]
        if language == settings.LANGUAGE_CODE:
            sources.append(tags)
    for names in sources:
        for name in names.values_list("name", flat=True).iterator():
            found.update(word.casefold() for word in _WORD_RE.findall(name))
    return sorted(found)


#: Titles pg_trgm proposes per unknown word.
TRIGRAM_CANDIDATES = 20


def trigram_vocabulary(words: list[str], language: str = "") -> list[str]:
    """Words of the titles (in ``language``, if given) whose words are most similar
    to each of ``words`` (PostgreSQL): the best titles of each word, in one query."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    pages = live_pages()
    if language:
        pages = pages.filter(locale__language_code=language)
    closest = [
        pages.annotate(similarity=TrigramWordSimilarity(word, "title"))
        .filter(similarity__gt=0.3)
        .order_by("-similarity")
        .values_list("title", flat=True)[:TRIGRAM_CANDIDATES]
        for word in words
    ]
    if not closest:
        return []
    first, *others = closest
    titles = first.union(*others, all=True) if others else first
    return sorted({w.casefold() for title in titles for w in _WORD_RE.findall(title)})


def correct(query: str, language: str = "") -> str:
    """The query with unknown words replaced by the closest known ones, or ""."""
    words = [word.casefold() for word in query.split()]
    if connection.vendor == "postgresql":
        known = trigram_vocabulary([w for w in words if len(w) >= 4], language)
    else:
        known = content_cache.remember(
            "spelling-vocabulary", lambda: vocabulary(language), language
        )
    known_set = set(known)
    corrected = []
    for lower in words:
        if lower in known_set or len(lower) < 4:
            corrected.append(lower)
            continue
        close = difflib.get_close_matches(lower, known, n=1, cutoff=CUTOFF)
        corrected.append(close[0] if close else lower)
    suggestion = " ".join(corrected)
    return suggestion if suggestion != query.casefold() else ""
