"""Published solutions that look like a new submission, to avoid duplicates.

Searches titles and teasers of live solutions in every language through Wagtail's
search backend (the database backend or Elasticsearch, whichever is configured) and
shows each solution once, in the visitor's language where it exists.
"""

from __future__ import annotations

import re

from wagtail.models import Locale

from apps.knowledge.models import SolutionPage
from apps.knowledge.visibility import visible

# Short words ("und", "og", "the") match nearly everything; only longer words
# say what a solution is about.
MIN_WORD_LENGTH = 4
STOP_WORDS = {
    # de
    "eine", "einer", "einen", "einem", "eines", "oder", "auch", "sich", "nicht",
    "werden", "wird", "sind", "mit", "für", "über", "durch", "diese", "dieser",
    # da
    "eller", "ikke", "også", "med", "som", "skal", "bliver", "denne", "dette",
    # en
    "with", "that", "this", "from", "have", "their", "they", "which", "into",
}  # fmt: skip
MAX_WORDS = 12


def _query(title: str, teaser: str) -> str:
    words = re.findall(r"\w+", f"{title} {teaser}")
    seen: list[str] = []
    for word in words:
        word = word.lower()
        if len(word) >= MIN_WORD_LENGTH and word not in STOP_WORDS | set(seen):
            seen.append(word)
    return " ".join(seen[:MAX_WORDS])


def similar_solutions(
    title: str, teaser: str, locale: Locale, limit: int = 5
) -> list[SolutionPage]:
    """Up to ``limit`` live solutions that share words with this title and teaser."""
    query = _query(title, teaser)
    if not query:
        return []
    hits = (
        visible(SolutionPage.objects)
        # No ``fields=``: SQLite's full-text index cannot be limited to columns
        # of the specific page model; the words come from title and teaser.
        .search(query, operator="or")
    )
    found: list[SolutionPage] = []
    keys = set()
    for page in hits[: limit * 6]:
        if page.translation_key in keys:
            continue
        keys.add(page.translation_key)
        translation = (
            visible(SolutionPage.objects)
            .filter(translation_key=page.translation_key, locale=locale)
            .first()
        )
        found.append(translation or page)
        if len(found) == limit:
            break
    return found
