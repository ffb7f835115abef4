"""Highlighted excerpts: escape the content first, then mark the query terms."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: Characters of an excerpt around the first match.
EXCERPT_LENGTH = 240
#: A term matches words that start with its first letters, so "Ladesäulen" is
#: marked for "Ladesäule" and "kollektiv" for "kollektive".
STEM_LENGTH = 5


def _stem(term: str) -> str:
    return term[: max(STEM_LENGTH, len(term) - 2)] if len(term) > STEM_LENGTH else term


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` HTML-escaped, cut around the first match, terms in ``<mark>``."""
    text = " ".join((text or "").split())
    stems = sorted({_stem(t.casefold()) for t in terms if len(t) > 1}, key=len)[::-1]
    if not stems:
        return escape(_cut(text, 0))
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE
    )
    first = pattern.search(text)
    text = _cut(text, first.start() if first else 0)
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append("<mark>" + escape(match.group(0)) + "</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def _cut(text: str, around: int) -> str:
    if len(text) <= EXCERPT_LENGTH:
        return text
    start = max(0, around - EXCERPT_LENGTH // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + EXCERPT_LENGTH
    excerpt = text[start:end].rsplit(" ", 1)[0] if end < len(text) else text[start:]
    return ("… " if start else "") + excerpt + (" …" if end < len(text) else "")
