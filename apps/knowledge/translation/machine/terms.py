"""The editors' term list (:class:`~apps.knowledge.models.TermGroup`), for every engine.

:func:`term_pairs` gives the source and target terms of one language pair, longest
first; :func:`check_terms` flags source terms whose target term is missing from a
translation, and :func:`report_term_issues` logs them and hands them to the admin
through :data:`term_issues`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.html import escape

from apps.knowledge.models import Term

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TermPair:
    """A source-language term and the terms of its group in the target language."""

    source: str
    targets: tuple[str, ...]

    @property
    def target(self) -> str:
        """The preferred target term: the first in the group's order."""
        return self.targets[0]


def base_language(code: str) -> str:
    """``"de-at"`` -> ``"de"``: terms and engines work on the base language."""
    return code.split("-")[0].lower()


def term_pairs(source_lang: str, target_lang: str) -> list[TermPair]:
    """Every source term with a target term, longest first (phrases before words)."""

    source_lang, target_lang = base_language(source_lang), base_language(target_lang)
    groups: dict[int, dict[str, list[str]]] = {}
    rows = Term.objects.filter(language__in=[source_lang, target_lang]).values_list(
        "group_id", "language", "text"
    )
    for group_id, language, text in rows.order_by("group_id", "sort_order", "pk"):
        text = " ".join(text.split())
        terms = groups.setdefault(group_id, {}).setdefault(language, [])
        if text and text not in terms:
            terms.append(text)
    pairs: dict[str, TermPair] = {}
    for by_language in groups.values():
        targets = tuple(by_language.get(target_lang, ()))
        if not targets:
            continue
        for source in by_language.get(source_lang, ()):
            pairs.setdefault(source.casefold(), TermPair(source, targets))
    return sorted(pairs.values(), key=lambda pair: (-len(pair.source), pair.source))


def term_pattern(term: str, *, whole_word: bool = True) -> re.Pattern[str]:
    """``term`` in HTML-escaped text, any whitespace between its words."""
    words = [re.escape(escape(word)) for word in term.split()]
    end = r"(?!\w)" if whole_word else ""
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + end, re.IGNORECASE)


@dataclass(frozen=True)
class TermIssue:
    """A known source term whose target term is missing from a translation."""

    source_term: str
    expected: str
    translation: str


def check_terms(
    pairs: Iterable[tuple[str, str]], term_list: list[TermPair]
) -> list[TermIssue]:
    """Flag each (source, translation) where a source term's target term is missing.

    A target term counts as present with any ending, as DeepL inflects glossary
    entries ("Nahverkehr" may come back as "Nahverkehrs").
    """
    issues = []
    for source, translation in pairs:
        remaining = source
        for pair in term_list:
            pattern = term_pattern(pair.source)
            if not pattern.search(remaining):
                continue
            # Longer terms first: "öffentlicher Nahverkehr" hides "Nahverkehr".
            remaining = pattern.sub(" ", remaining)
            if not any(
                term_pattern(target, whole_word=False).search(translation)
                for target in pair.targets
            ):
                issues.append(TermIssue(pair.source, pair.target, translation))
    return issues


#: the admin to show: wagtail-localize's view does not hand its translator out.
term_issues: ContextVar[list[TermIssue] | None] = ContextVar(
    "term_issues", default=None
)


def report_term_issues(
    issues: list[TermIssue], source_lang: str, target_lang: str
) -> None:
    """Log ``issues`` and hand them to the admin (:data:`term_issues`)."""
    collected = term_issues.get()
    if collected is not None:
        collected.extend(issues)
    for issue in issues:
        logger.warning(
            "Term list not followed (%s to %s): %r should be %r in %r",
            source_lang,
            target_lang,
            issue.source_term,
            issue.expected,
            issue.translation,
        )
