"""Comparing solutions side by side (issue 16): ``/<lang>/compare/?s=<id>&s=<id>``.

Visitors tick "Compare" on two to four solution cards or search results; the
lists are GET forms that send the ticked pages' ids here, so it works without
JavaScript and the address can be shared. An id stands for the solution, not for
one language version: each is shown in the visitor's language where a visible
translation exists (else in its own language, marked as such), so the same
address works under /de/, /da/ and /en/ and the language switcher keeps the choice.

Only solutions every visitor may see count (:func:`apps.knowledge.visibility.visible`):
an id of a draft, private or unknown page is dropped, and the page says how many
were, without naming them. Fewer than two or more than four: a message in the
visitor's language, and the choices stay ticked to change and send again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.knowledge import content_cache, i18n
from apps.knowledge.models import SolutionPage
from apps.knowledge.portal import page_cache
from apps.knowledge.visibility import visible
from apps.security.record_ids import record_id

PARAMETER = "s"
MIN_SOLUTIONS = 2
MAX_SOLUTIONS = 4
#: Ids read from one address at most: more is junk, not a choice to keep.
MAX_IDS = 20


@dataclass
class Comparison:
    """What the visitor chose and what of it is shown."""

    solutions: list[SolutionPage] = field(default_factory=list)
    #: How many chosen ids name no solution the visitor may see.
    unavailable: int = 0
    error: str = ""

    @property
    def ready(self) -> bool:
        return not self.error

    def address(self, without: SolutionPage | None = None) -> str:
        """This comparison's address in the active language (``without`` one)."""
        ids = [s.pk for s in self.solutions if without is None or s.pk != without.pk]
        return compare_address(ids)


def compare_address(ids) -> str:
    query = urlencode([(PARAMETER, pk) for pk in ids])
    return reverse("compare") + (f"?{query}" if query else "")


def chosen_ids(values: list[str]) -> list[int]:
    """The page ids in ``values``, in order, once each; anything else is ignored."""
    ids: list[int] = []
    for value in values[:MAX_IDS]:
        pk = record_id(value.strip())
        if pk is not None and pk not in ids:
            ids.append(pk)
    return ids


def visible_solutions(ids: list[int], language: str) -> list[SolutionPage]:
    """The visible solutions of ``ids`` in their order, each in ``language`` where
    a visible translation exists; one per solution (two language versions of
    one solution are one choice)."""
    chosen = {
        page.pk: page
        for page in visible(SolutionPage.objects)
        .filter(pk__in=ids)
        .only("pk", "translation_key")
    }
    keys = {page.translation_key for page in chosen.values()}
    versions: dict = {}
    for page in (
        visible(SolutionPage.objects)
        .filter(translation_key__in=keys)
        .select_related("locale", "lead_organisation__locale")
    ):
        versions.setdefault(page.translation_key, {})[page.locale.language_code] = page
    solutions: list[SolutionPage] = []
    seen: set = set()
    for pk in ids:
        page = chosen.get(pk)
        if page is None or page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        by_language = versions.get(page.translation_key, {})
        own = next((p for p in by_language.values() if p.pk == pk), None)
        shown = by_language.get(language) or own
        if shown is not None:
            shown.prefetch_relations()
            solutions.append(shown)
    return solutions


def compare_solutions(values: list[str], language: str) -> Comparison:
    """The comparison of the solutions whose ids are in ``values``."""
    ids = chosen_ids(values)
    solutions = visible_solutions(ids, language)
    comparison = Comparison(solutions=solutions, unavailable=len(ids) - len(solutions))
    count = len(solutions)
    if count < MIN_SOLUTIONS:
        comparison.error = _(
            "Choose at least two solutions to compare: tick “Compare” on the "
            "solutions in a list or in the search results."
        )
    elif count > MAX_SOLUTIONS:
        comparison.error = ngettext(
            "You chose %(count)s solution; up to four can be compared side by side. "
            "Untick some and compare again.",
            "You chose %(count)s solutions; up to four can be compared side by "
            "side. Untick some and compare again.",
            count,
        ) % {"count": count}
    return comparison


def compare(request: HttpRequest) -> HttpResponse:
    """The comparison page: the chosen solutions side by side, or why not."""
    language = i18n.active_language()
    # Retired when any solution is published or unpublished, as the search is: a
    # solution that was hidden may be visible now.
    content_cache.note(content_cache.SEARCH_TAG)
    comparison = compare_solutions(request.GET.getlist(PARAMETER), language)
    page_cache.mark_cacheable(request, reads=(PARAMETER,))
    home = i18n.home_for_language(request)
    return render(
        request,
        "knowledge/compare.html",
        {
            "comparison": comparison,
            "parameter": PARAMETER,
            "max_solutions": MAX_SOLUTIONS,
            "home": home,
        },
    )
